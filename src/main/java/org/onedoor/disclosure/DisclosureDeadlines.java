package org.onedoor.disclosure;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onedoor.calendar.WorkingDayCalendar;
import org.onedoor.disclosure.Disclosures.DueRecord;
import org.onedoor.disclosure.Disclosures.OnTimeRate;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Publication deadlines (R8): which owed records are due soon or overdue, and how many
 * publications met their deadline per department and month.
 */
@Service
public class DisclosureDeadlines {

  /** At most this many records per list in one answer. */
  public static final int MAX_LISTED = 1000;

  private final JdbcClient jdbc;
  private final WorkingDayCalendar calendar;
  private final DisclosureProperties properties;

  public DisclosureDeadlines(JdbcClient jdbc, WorkingDayCalendar calendar, DisclosureProperties properties) {
    this.jdbc = jdbc;
    this.calendar = calendar;
    this.properties = properties;
  }

  public record Due(LocalDate today, int withinWorkingDays, long dueSoonCount, long overdueCount,
      List<DueRecord> dueSoon, List<DueRecord> overdue) {}

  /**
   * Records owed and not yet published: overdue (due before {@code today}) and due soon (due from today
   * up to {@code withinWorkingDays} working days later).
   */
  public Due due(LocalDate today, Integer withinWorkingDays) {
    int within = withinWorkingDays == null ? properties.dueSoonWorkingDays() : withinWorkingDays;
    if (within < 0 || within > 60) {
      throw new BadRequestException("withinWorkingDays", "应在 0 到 60 之间");
    }
    LocalDate horizon = calendar.plusWorkingDays(today, within);
    long overdueCount = jdbc.sql("SELECT COUNT(*) FROM disclosure_obligation WHERE fulfilled_at IS NULL AND due_on < :t")
        .param("t", Date.valueOf(today)).query(Long.class).single();
    long soonCount = jdbc.sql("SELECT COUNT(*) FROM disclosure_obligation WHERE fulfilled_at IS NULL"
            + " AND due_on >= :t AND due_on <= :h")
        .param("t", Date.valueOf(today)).param("h", Date.valueOf(horizon)).query(Long.class).single();
    List<DueRecord> overdue = list("due_on < :t", today, horizon);
    List<DueRecord> soon = list("due_on >= :t AND due_on <= :h", today, horizon);
    return new Due(today, within, soonCount, overdueCount, soon, overdue);
  }

  private List<DueRecord> list(String condition, LocalDate today, LocalDate horizon) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("t", Date.valueOf(today));
    if (condition.contains(":h")) {
      params.put("h", Date.valueOf(horizon));
    }
    params.put("limit", MAX_LISTED);
    return jdbc.sql("SELECT * FROM disclosure_obligation WHERE fulfilled_at IS NULL AND " + condition
            + " ORDER BY due_on, plan_number, uscc, department LIMIT :limit")
        .params(params)
        .query((rs, n) -> {
          LocalDate due = rs.getDate("due_on").toLocalDate();
          return new DueRecord(PublicRecords.KIND_RESULT, rs.getString("plan_number"), rs.getInt("batch"),
              rs.getString("uscc"), rs.getString("department"), due, calendar.workingDaysBetween(today, due));
        })
        .list();
  }

  /**
   * The share of first publications that met their deadline, per department and month of
   * publication, from {@code from} to {@code to} (months, inclusive; at most 120 months).
   */
  public List<OnTimeRate> onTimeRates(YearMonth from, YearMonth to, String department) {
    if (to.isBefore(from)) {
      throw new BadRequestException("to", "结束月份不能早于开始月份");
    }
    if (from.plusMonths(120).isBefore(to)) {
      throw new BadRequestException("to", "至多查询 120 个月");
    }
    StringBuilder sql = new StringBuilder("""
        SELECT department, EXTRACT(YEAR FROM published_on) AS y, EXTRACT(MONTH FROM published_on) AS m,
               COUNT(*) AS published, SUM(CASE WHEN on_time THEN 1 ELSE 0 END) AS on_time
        FROM disclosure_publication WHERE published_on >= :from AND published_on <= :to""");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("from", Date.valueOf(from.atDay(1)));
    params.put("to", Date.valueOf(to.atEndOfMonth()));
    if (department != null && !department.isBlank()) {
      sql.append(" AND department = :d");
      params.put("d", department);
    }
    sql.append(" GROUP BY department, EXTRACT(YEAR FROM published_on), EXTRACT(MONTH FROM published_on)"
        + " ORDER BY 2, 3, 1");
    List<OnTimeRate> rates = new ArrayList<>();
    jdbc.sql(sql.toString()).params(params).query(rs -> {
      long published = rs.getLong("published");
      long onTime = rs.getLong("on_time");
      String month = String.format("%04d-%02d", rs.getInt("y"), rs.getInt("m"));
      rates.add(new OnTimeRate(rs.getString("department"), month, published, onTime,
          published == 0 ? 1.0 : Math.round(onTime * 10000.0 / published) / 10000.0));
    });
    return rates;
  }
}
