package org.onedoor.listing;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.onedoor.directory.Uscc;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register of published annual reports (年度报告), per entity and report year: what the
 * annual-report sweep reads. Kept by staff (one report) and administrators (a bulk list, e.g. an
 * export of NECIPS). Recording a report again updates it.
 */
@Service
public class AnnualReports {

  /** At most this many reports per bulk call. */
  public static final int MAX_BULK = 10_000;

  public record Report(String uscc, int reportYear, LocalDate publishedOn, String source, Instant recordedAt) {}

  public record NewReport(String uscc, Integer reportYear, LocalDate publishedOn) {}

  private final JdbcClient jdbc;
  private final Listings listings;

  public AnnualReports(JdbcClient jdbc, Listings listings) {
    this.jdbc = jdbc;
    this.listings = listings;
  }

  @Transactional
  public Report record(NewReport report, String source, Instant now) {
    List<FieldError> errors = validate(report, "", now);
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    write(report, source, now);
    return find(Uscc.normalise(report.uscc()), report.reportYear()).orElseThrow();
  }

  /** Records every report of the list, or none: every bad entry is named ({@code reports[3].uscc}). */
  @Transactional
  public int recordAll(List<NewReport> reports, String source, Instant now) {
    if (reports == null || reports.isEmpty() || reports.size() > MAX_BULK) {
      throw new BadRequestException("reports", "应有 1–" + MAX_BULK + " 条年报");
    }
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      errors.addAll(validate(reports.get(i), "reports[" + i + "].", now));
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    reports.forEach(r -> write(r, source, now));
    return reports.size();
  }

  private List<FieldError> validate(NewReport r, String prefix, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    if (r == null) {
      errors.add(new FieldError(prefix + "uscc", "必填"));
      return errors;
    }
    Uscc.problem(Uscc.normalise(r.uscc())).ifPresent(p -> errors.add(new FieldError(prefix + "uscc", p)));
    LocalDate today = listings.today(now);
    if (r.reportYear() == null || r.reportYear() < 2000 || r.reportYear() >= today.getYear()) {
      errors.add(new FieldError(prefix + "reportYear", "年度应在 2000 至 " + (today.getYear() - 1) + " 之间"));
    }
    if (r.publishedOn() == null) {
      errors.add(new FieldError(prefix + "publishedOn", "请填写公示日期"));
    } else if (r.publishedOn().isAfter(today)) {
      errors.add(new FieldError(prefix + "publishedOn", "公示日期不能晚于今天"));
    } else if (r.reportYear() != null && r.publishedOn().getYear() <= r.reportYear()) {
      errors.add(new FieldError(prefix + "publishedOn", "年度报告应在次年公示"));
    }
    return errors;
  }

  private void write(NewReport r, String source, Instant now) {
    String uscc = Uscc.normalise(r.uscc());
    int updated = jdbc.sql("UPDATE annual_report SET published_on = :p, source = :s, recorded_at = :at WHERE uscc = :u AND report_year = :y")
        .param("p", Date.valueOf(r.publishedOn())).param("s", source).param("at", Timestamp.from(now))
        .param("u", uscc).param("y", r.reportYear()).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO annual_report (uscc, report_year, published_on, source, recorded_at) VALUES (:u, :y, :p, :s, :at)")
          .param("u", uscc).param("y", r.reportYear()).param("p", Date.valueOf(r.publishedOn())).param("s", source)
          .param("at", Timestamp.from(now)).update();
    }
  }

  public java.util.Optional<Report> find(String uscc, int year) {
    return jdbc.sql("SELECT uscc, report_year, published_on, source, recorded_at FROM annual_report WHERE uscc = :u AND report_year = :y")
        .param("u", uscc).param("y", year).query(AnnualReports::map).optional();
  }

  public List<Report> of(String uscc) {
    return jdbc.sql("SELECT uscc, report_year, published_on, source, recorded_at FROM annual_report WHERE uscc = :u ORDER BY report_year DESC")
        .param("u", uscc).query(AnnualReports::map).list();
  }

  private static Report map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Report(rs.getString("uscc"), rs.getInt("report_year"), rs.getDate("published_on").toLocalDate(),
        rs.getString("source"), rs.getTimestamp("recorded_at").toInstant());
  }
}
