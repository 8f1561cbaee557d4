package org.onedoor.disclosure;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Component;

/**
 * What the feeds read: the disclosure projection ({@code public_plan}, {@code public_plan_version},
 * {@code public_draw}, {@code public_draw_change}, {@code public_result}, {@code public_listing}, see
 * db/migration/common/V50, V61 and h2|postgresql/V51, V62), never an
 * internal table. The Atom feed lists every new publication, corrections and withdrawals included;
 * the CSV downloads stream the records as shown on the public site (current versions, withdrawn
 * records left out).
 */
@Component
public class FeedReader {

  /** The newest entries of the Atom feed. */
  public static final int FEED_ENTRIES = 100;

  /** One new publication. {@code path} is the public page it is shown on. */
  public record FeedEntry(String kind, String key, int version, String changeKind, String title, String summary,
      String path, Instant publishedAt) {}

  /** Receives one CSV row at a time (values in column order). */
  public interface RowSink {
    void row(List<String> values);
  }

  private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final JdbcClient jdbc;
  /** For the downloads: rows fetched 500 at a time (PostgreSQL keeps a cursor inside a transaction). */
  private final JdbcClient streaming;
  private final ZoneId zone;

  public FeedReader(JdbcClient jdbc, DataSource dataSource,
      @Value("${onedoor.calendar.zone:Asia/Shanghai}") String zone) {
    this.jdbc = jdbc;
    JdbcTemplate template = new JdbcTemplate(dataSource);
    template.setFetchSize(500);
    this.streaming = JdbcClient.create(new NamedParameterJdbcTemplate(template));
    this.zone = ZoneId.of(zone);
  }

  /** The newest {@code limit} publications of every kind, newest first. */
  public List<FeedEntry> newest(int limit) {
    List<FeedEntry> all = new ArrayList<>();
    all.addAll(jdbc.sql("SELECT plan_number, plan_year, name, lead_authority, authorities, draw_date, published_at"
            + " FROM public_plan ORDER BY published_at DESC, plan_number LIMIT :n")
        .param("n", limit)
        .query((rs, i) -> new FeedEntry("plan", rs.getString("plan_number"), 1, "ORIGINAL",
            "抽查计划公示：" + rs.getString("name") + "（" + rs.getString("plan_number") + "）",
            rs.getInt("plan_year") + " 年度，牵头部门 " + rs.getString("lead_authority") + "，参与部门 "
                + rs.getString("authorities") + "，抽取日期 " + rs.getDate("draw_date").toLocalDate() + "。",
            "/public/plans/" + rs.getString("plan_number"), at(rs)))
        .list());
    all.addAll(jdbc.sql("SELECT plan_number, version, change_kind, change_reason, name, published_at"
            + " FROM public_plan_version WHERE version > 1 ORDER BY published_at DESC, plan_number LIMIT :n")
        .param("n", limit)
        .query((rs, i) -> {
          String change = rs.getString("change_kind");
          String summary = "WITHDRAWAL".equals(change)
              ? "该抽查计划已撤回（仍可查阅撤回前的内容）。原因：" + rs.getString("change_reason")
              : "抽查计划的公示内容已更正（第 " + rs.getInt("version") + " 版）。更正原因：" + rs.getString("change_reason");
          return new FeedEntry("plan", rs.getString("plan_number"), rs.getInt("version"), change,
              prefix(change) + "抽查计划公示：" + rs.getString("name") + "（" + rs.getString("plan_number") + "）",
              summary, "/public/plans/" + rs.getString("plan_number"), at(rs));
        })
        .list());
    // a commitment is a publication of its own (version 0 of the draw id: before its record)
    all.addAll(jdbc.sql("SELECT draw_id, plan_number, batch, commitment, committed_at FROM public_draw"
            + " WHERE committed_at IS NOT NULL ORDER BY committed_at DESC, draw_id LIMIT :n")
        .param("n", limit)
        .query((rs, i) -> new FeedEntry("draw", rs.getString("draw_id"), 0, "ORIGINAL",
            "抽取承诺值公示：计划 " + rs.getString("plan_number") + " 第 " + rs.getInt("batch") + " 批",
            "抽取前公布的承诺值（随机数的 SHA-256）" + rs.getString("commitment") + "；抽取后公开随机数，可据此核验。",
            "/public/draws/" + rs.getString("draw_id"), rs.getTimestamp("committed_at").toInstant()))
        .list());
    all.addAll(jdbc.sql("SELECT draw_id, plan_number, batch, commitment, commitment_matches, published_at FROM public_draw"
            + " WHERE state = 'DRAWN' ORDER BY published_at DESC, draw_id LIMIT :n")
        .param("n", limit)
        .query((rs, i) -> {
          boolean mismatch = Boolean.FALSE.equals(rs.getObject("commitment_matches", Boolean.class));
          return new FeedEntry("draw", rs.getString("draw_id"), 1, "ORIGINAL",
              "抽取记录公示：计划 " + rs.getString("plan_number") + " 第 " + rs.getInt("batch") + " 批",
              "抽取结果、随机数、信标值和种子已公开，可在页面上核验本次抽取。承诺值 " + rs.getString("commitment") + "。"
                  + (mismatch ? "注意：抽取记录中的承诺值与抽取前公布的承诺值不一致。" : ""),
              "/public/draws/" + rs.getString("draw_id"), at(rs));
        })
        .list());
    all.addAll(jdbc.sql("SELECT c.draw_id, c.version, c.change_kind, c.change_reason, c.published_at, d.plan_number,"
            + " d.batch FROM public_draw_change c JOIN public_draw d ON d.draw_id = c.draw_id"
            + " ORDER BY c.published_at DESC, c.draw_id LIMIT :n")
        .param("n", limit)
        .query((rs, i) -> {
          String change = rs.getString("change_kind");
          String summary = "WITHDRAWAL".equals(change)
              ? "该抽取记录已撤回（记录保持原样供查阅）。原因：" + rs.getString("change_reason")
              : "更正说明：" + rs.getString("change_reason") + "（抽取记录本身未改动，核验结果不受影响）";
          return new FeedEntry("draw", rs.getString("draw_id"), rs.getInt("version"), change,
              prefix(change) + "抽取记录公示：计划 " + rs.getString("plan_number") + " 第 " + rs.getInt("batch") + " 批",
              summary, "/public/draws/" + rs.getString("draw_id"), at(rs));
        })
        .list());
    all.addAll(jdbc.sql("SELECT record_id, version, change_kind, change_reason, plan_number, task_number, authority,"
            + " entity_name, uscc, completed_on, result_label, published_at FROM public_result"
            + " ORDER BY published_at DESC, id DESC LIMIT :n")
        .param("n", limit)
        .query((rs, i) -> {
          String change = rs.getString("change_kind");
          String subject = rs.getString("entity_name") + "（" + rs.getString("uscc") + "）";
          String summary = "WITHDRAWAL".equals(change)
              ? "该检查结果公示已撤回。原因：" + rs.getString("change_reason")
              : rs.getString("authority") + "，任务 " + rs.getString("task_number") + "，" + rs.getDate("completed_on")
                  .toLocalDate() + " 完成检查，结果：" + rs.getString("result_label") + "。"
                  + ("CORRECTION".equals(change) ? "更正原因：" + rs.getString("change_reason") : "");
          return new FeedEntry("result", rs.getString("record_id"), rs.getInt("version"), change,
              prefix(change) + "检查结果公示：" + subject, summary, "/public/results/" + rs.getLong("record_id"), at(rs));
        })
        .list());
    all.addAll(jdbc.sql("SELECT record_id, version, change_kind, change_reason, decision_kind, decision_number, uscc,"
            + " entity_name, individual_business, ground_label, authority, decided_on, published_at FROM public_listing"
            + " ORDER BY published_at DESC, id DESC LIMIT :n")
        .param("n", limit)
        .query((rs, i) -> {
          String change = rs.getString("change_kind");
          String decision = PublicRecords.decisionLabel(rs.getString("decision_kind"), rs.getBoolean("individual_business"));
          String summary = "WITHDRAWAL".equals(change)
              ? "该决定的公示已撤回。原因：" + rs.getString("change_reason")
              : rs.getString("authority") + " " + rs.getDate("decided_on").toLocalDate() + " 作出决定（"
                  + rs.getString("decision_number") + "）：" + decision
                  + (rs.getString("ground_label") == null ? "" : "，事由：" + rs.getString("ground_label")) + "。"
                  + ("CORRECTION".equals(change) ? "更正原因：" + rs.getString("change_reason") : "");
          return new FeedEntry("listing", rs.getString("record_id"), rs.getInt("version"), change,
              prefix(change) + decision + "：" + rs.getString("entity_name") + "（" + rs.getString("uscc") + "）",
              summary, "/public/entities/" + rs.getString("uscc"), at(rs));
        })
        .list());
    // newest first; at the same instant a later version before the earlier one, then a stable order
    all.sort(Comparator.comparing(FeedEntry::publishedAt).reversed()
        .thenComparing(FeedEntry::version, Comparator.reverseOrder())
        .thenComparing(FeedEntry::kind).thenComparing(FeedEntry::key));
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }

  // ---- CSV: header and rows ----

  public static final List<String> PLAN_COLUMNS = List.of("计划编号", "年度", "计划名称", "抽查方式", "牵头部门", "参与部门",
      "抽取日期", "公示时间", "公示期限", "备注", "版本", "公示状态", "更正或撤回原因", "更正或撤回时间");

  /** Plans as published, withdrawn ones included and marked (a withdrawn plan stays readable as history). */
  @Transactional(readOnly = true)
  public void plans(Integer year, RowSink sink) {
    Map<String, Object> params = new LinkedHashMap<>();
    String where = "";
    if (year != null) {
      where = " WHERE plan_year = :year";
      params.put("year", year);
    }
    streaming.sql("SELECT plan_number, plan_year, name, mode, lead_authority, authorities, draw_date, published_at, deadline,"
            + " remarks, version, change_kind, change_reason, changed_at"
            + " FROM public_plan" + where + " ORDER BY published_at DESC, plan_number")
        .params(params)
        .query(rs -> {
          sink.row(List.of(rs.getString("plan_number"), String.valueOf(rs.getInt("plan_year")), rs.getString("name"),
              PublicRecords.modeLabel(rs.getString("mode")), rs.getString("lead_authority"),
              rs.getString("authorities"), rs.getDate("draw_date").toLocalDate().toString(), time(rs, "published_at"),
              rs.getDate("deadline").toLocalDate().toString(), nn(rs.getString("remarks")),
              String.valueOf(rs.getInt("version")), status(rs.getString("change_kind")), nn(rs.getString("change_reason")),
              time(rs, "changed_at")));
        });
  }

  public static final List<String> DRAW_COLUMNS = List.of("抽取记录编号", "计划编号", "批次", "抽取状态", "抽取前公布的承诺值",
      "承诺值公布时间", "抽取时间", "记录与承诺值一致", "版本", "公示状态", "更正或撤回原因", "更正或撤回时间");

  /** Draws from their commitment on, withdrawn ones included and marked; filter: plan number (may be null). */
  @Transactional(readOnly = true)
  public void draws(String planNumber, RowSink sink) {
    Map<String, Object> params = new LinkedHashMap<>();
    String where = "";
    if (planNumber != null && !planNumber.isBlank()) {
      where = " WHERE plan_number = :plan";
      params.put("plan", planNumber.strip());
    }
    streaming.sql("SELECT draw_id, plan_number, batch, state, commitment, committed_at, drawn_at, commitment_matches,"
            + " version, change_kind, change_reason, changed_at FROM public_draw" + where
            + " ORDER BY plan_number, batch")
        .params(params)
        .query(rs -> {
          Boolean matches = rs.getObject("commitment_matches", Boolean.class);
          sink.row(List.of(rs.getString("draw_id"), rs.getString("plan_number"), String.valueOf(rs.getInt("batch")),
              PublicRecords.stateLabel(rs.getString("state")), nn(rs.getString("commitment")), time(rs, "committed_at"),
              time(rs, "drawn_at"), matches == null ? "" : matches ? "一致" : "不一致",
              String.valueOf(rs.getInt("version")), status(rs.getString("change_kind")), nn(rs.getString("change_reason")),
              time(rs, "changed_at")));
        });
  }

  public static final List<String> RESULT_COLUMNS = List.of("公示编号", "版本", "计划编号", "计划名称", "任务编号", "任务名称",
      "抽查类型", "检查机关", "检查对象名称", "统一社会信用代码", "检查完成日期", "检查结果", "备注", "更正说明", "公示时间");

  /** Result notices as shown (current version, not withdrawn), newest first; filters may be null. */
  @Transactional(readOnly = true)
  public void results(String department, String planNumber, RowSink sink) {
    Map<String, Object> params = new LinkedHashMap<>();
    StringBuilder where = new StringBuilder(" WHERE current_version = TRUE AND change_kind <> 'WITHDRAWAL'");
    if (department != null && !department.isBlank()) {
      where.append(" AND department = :department");
      params.put("department", department.strip());
    }
    if (planNumber != null && !planNumber.isBlank()) {
      where.append(" AND plan_number = :plan");
      params.put("plan", planNumber.strip());
    }
    streaming.sql("SELECT record_id, version, change_kind, change_reason, plan_number, plan_name, task_number, task_name,"
            + " inspection_type, authority, entity_name, uscc, completed_on, result_label, remarks, published_at"
            + " FROM public_result" + where + " ORDER BY published_at DESC, id DESC")
        .params(params)
        .query(rs -> {
          sink.row(List.of(rs.getString("record_id"), String.valueOf(rs.getInt("version")), rs.getString("plan_number"),
              rs.getString("plan_name"), rs.getString("task_number"), nn(rs.getString("task_name")),
              nn(rs.getString("inspection_type")), rs.getString("authority"), rs.getString("entity_name"),
              rs.getString("uscc"), rs.getDate("completed_on").toLocalDate().toString(), rs.getString("result_label"),
              nn(rs.getString("remarks")),
              "CORRECTION".equals(rs.getString("change_kind")) ? nn(rs.getString("change_reason")) : "",
              time(rs, "published_at")));
        });
  }

  public static final List<String> ABNORMAL_COLUMNS = List.of("统一社会信用代码", "名称", "状态", "列入事由", "作出决定机关",
      "列入日期", "最近决定", "最近决定日期", "决定书文号");

  /**
   * The abnormal list: one row per listing with its newest public, not withdrawn decision (as the
   * public list shows it); {@code status} LISTED, SERIOUS_LISTED, REMOVED or REVOKED, or null.
   */
  @Transactional(readOnly = true)
  public void abnormalList(String status, String department, RowSink sink) {
    Map<String, Object> params = new LinkedHashMap<>();
    StringBuilder where = new StringBuilder(PublicRecords.NEWEST_DECISIONS);
    if (status != null && !status.isBlank()) {
      where.append(" AND l.decision_kind = :status");
      params.put("status", status.strip());
    }
    if (department != null && !department.isBlank()) {
      where.append(" AND l.department = :department");
      params.put("department", department.strip());
    }
    streaming.sql("""
            SELECT l.uscc, l.entity_name, l.decision_kind, l.individual_business, l.authority, l.decided_on,
                l.decision_number,
                (SELECT f.ground_label FROM public_listing f WHERE f.listing_id = l.listing_id AND f.current_version = TRUE
                   AND f.decision_kind = 'LISTED' ORDER BY f.decided_on, f.record_id LIMIT 1) AS ground_label,
                (SELECT f.decided_on FROM public_listing f WHERE f.listing_id = l.listing_id AND f.current_version = TRUE
                   AND f.decision_kind = 'LISTED' ORDER BY f.decided_on, f.record_id LIMIT 1) AS listed_on
            """ + where + " ORDER BY l.decided_on DESC, l.id DESC")
        .params(params)
        .query(rs -> {
          String kind = rs.getString("decision_kind");
          boolean individual = rs.getBoolean("individual_business");
          java.sql.Date listed = rs.getDate("listed_on");
          sink.row(List.of(rs.getString("uscc"), rs.getString("entity_name"), PublicRecords.statusLabel(kind, individual),
              nn(rs.getString("ground_label")), rs.getString("authority"),
              listed == null ? "" : listed.toLocalDate().toString(), PublicRecords.decisionLabel(kind, individual),
              rs.getDate("decided_on").toLocalDate().toString(), rs.getString("decision_number")));
        });
  }

  // ---- labels: those of the public pages (PublicRecords) ----

  private static String prefix(String changeKind) {
    return switch (changeKind) {
      case "CORRECTION" -> "【更正】";
      case "WITHDRAWAL" -> "【撤回】";
      default -> "";
    };
  }

  private static String status(String changeKind) {
    return switch (changeKind) {
      case "CORRECTION" -> "已更正";
      case "WITHDRAWAL" -> "已撤回";
      default -> "";
    };
  }

  private static Instant at(ResultSet rs) throws SQLException {
    return rs.getTimestamp("published_at").toInstant();
  }

  /** Local time of the calendar's zone (Beijing time), as Excel shows it without conversion. */
  private String time(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? "" : LOCAL_TIME.format(t.toInstant().atZone(zone));
  }

  private static String nn(String value) {
    return value == null ? "" : value;
  }
}
