package org.onedoor.listing;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.camunda.bpm.engine.RuntimeService;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The yearly annual-report sweep (ground 1, R9): every entity of the configured types without a
 * report for the year published by the deadline (30 June) is listed — an individual business marked
 * abnormal — in bulk, after a chief approved the batch. One sweep per report year (UNIQUE). Freezing
 * the candidates is one INSERT … SELECT; listing runs in chunks (one transaction and one async job
 * each): the next candidates without an outcome, in USCC order, each getting its listing, decision,
 * LISTED event, directory status and an {@code abnormal-listing} instance waiting at 在列期间. A
 * crash rolls back its chunk only; the retry resumes; UNIQUE (sweep, uscc), the outcome column and
 * the one-active-listing constraint mean nothing is listed twice.
 */
@Service
public class ListingSweep {

  public static final String PROCESS = "annual-report-sweep";

  public record Sweep(long id, int reportYear, String department, String status, int candidates, int listed,
      int skipped, String approvedBy, LocalDate approvedOn, String processInstanceId, Instant createdAt,
      Instant finishedAt) {}

  /** Candidates with an outcome so far, and all candidates. */
  public record Progress(int done, int total) {
    public boolean complete() {
      return done >= total;
    }
  }

  private final JdbcClient jdbc;
  private final Listings listings;
  private final RuntimeService runtime;
  private final ListingProperties properties;

  /** Called with each USCC before it is listed; tests use it to crash a chunk half-way. */
  private volatile Consumer<String> beforeEachListing = uscc -> {};

  public ListingSweep(JdbcClient jdbc, Listings listings, RuntimeService runtime, ListingProperties properties) {
    this.jdbc = jdbc;
    this.listings = listings;
    this.runtime = runtime;
    this.properties = properties;
  }

  /** For tests: a hook called with each candidate before it is listed (e.g. to crash a chunk half-way). */
  public void beforeEachListing(Consumer<String> hook) {
    beforeEachListing = hook == null ? uscc -> {} : hook;
  }

  /** Starts the sweep of a report year (once: a second call returns the existing sweep). */
  @Transactional
  public Sweep start(int reportYear, Instant now) {
    Optional<Sweep> existing = find(reportYear);
    if (existing.isPresent()) {
      return existing.get();
    }
    if (reportYear < 2000 || reportYear >= listings.today(now).getYear()) {
      throw new BadRequestException("reportYear", "年度应在 2000 至 " + (listings.today(now).getYear() - 1) + " 之间");
    }
    String department = properties.sweep().department();
    jdbc.sql("""
            INSERT INTO listing_sweep (report_year, department, status, candidates, listed, skipped, created_at)
            VALUES (:y, :d, 'FREEZING', 0, 0, 0, :at)
            """).param("y", reportYear).param("d", department).param("at", Timestamp.from(now)).update();
    Sweep sweep = find(reportYear).orElseThrow();
    String pid = runtime.createProcessInstanceByKey(PROCESS).businessKey("annual-report-" + reportYear)
        .setVariables(Map.of("sweepId", sweep.id(), "reportYear", reportYear, "department", department))
        .execute().getId();
    jdbc.sql("UPDATE listing_sweep SET process_instance_id = :p WHERE id = :id").param("p", pid)
        .param("id", sweep.id()).update();
    return get(sweep.id());
  }

  /** The last day a report of the year counts as published in time. */
  LocalDate reportDeadline(int reportYear) {
    return MonthDay.parse("--" + properties.sweep().reportDeadline()).atYear(reportYear + 1);
  }

  /** Freezes the candidates (idempotent); returns how many there are. */
  @Transactional
  public int freeze(long sweepId) {
    Sweep sweep = get(sweepId);
    jdbc.sql("""
            INSERT INTO listing_sweep_entity (sweep_id, uscc)
            SELECT :id, e.uscc FROM directory_entity e
            WHERE e.status IN ('active', 'abnormal') AND e.type IN (:types)
              AND (e.established_on IS NULL OR e.established_on <= :yearEnd)
              AND NOT EXISTS (SELECT 1 FROM annual_report r
                              WHERE r.uscc = e.uscc AND r.report_year = :y AND r.published_on <= :deadline)
              AND NOT EXISTS (SELECT 1 FROM listing l WHERE l.active_key = e.uscc || '|1')
              AND NOT EXISTS (SELECT 1 FROM listing_sweep_entity s WHERE s.sweep_id = :id AND s.uscc = e.uscc)
            """)
        .param("id", sweepId).param("types", properties.sweep().entityTypes())
        .param("yearEnd", Date.valueOf(LocalDate.of(sweep.reportYear(), 12, 31))).param("y", sweep.reportYear())
        .param("deadline", Date.valueOf(reportDeadline(sweep.reportYear()))).update();
    int candidates = jdbc.sql("SELECT COUNT(*) FROM listing_sweep_entity WHERE sweep_id = :id").param("id", sweepId)
        .query(Integer.class).single();
    jdbc.sql("UPDATE listing_sweep SET candidates = :c, status = CASE WHEN status = 'FREEZING' THEN 'AWAITING_APPROVAL' ELSE status END WHERE id = :id")
        .param("c", candidates).param("id", sweepId).update();
    return candidates;
  }

  /** The chief approves (or rejects, with the reasons) the whole batch. */
  @Transactional
  public boolean decide(long sweepId, String decision, String opinion, String actor, Instant now) {
    Sweep sweep = get(sweepId);
    if (!"AWAITING_APPROVAL".equals(sweep.status())) {
      throw new ConflictException("批量列入状态为 " + sweep.status() + "，不能审批");
    }
    if (!"approve".equals(decision) && !"reject".equals(decision)) {
      throw new BadRequestException("decision", "请选择审批意见（approve/reject）");
    }
    if ("reject".equals(decision) && (opinion == null || opinion.isBlank())) {
      throw new BadRequestException("opinion", "不批准须书面说明理由");
    }
    boolean approve = "approve".equals(decision);
    jdbc.sql("UPDATE listing_sweep SET status = :s, approved_by = :by, approved_on = :d WHERE id = :id")
        .param("s", approve ? "APPROVED" : "REJECTED").param("by", actor).param("d", Date.valueOf(listings.today(now)))
        .param("id", sweepId).update();
    return approve;
  }

  /** Lists the next up to {@code chunkSize} candidates without an outcome, in one transaction. */
  @Transactional
  public Progress listChunk(long sweepId, int chunkSize, Instant now) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be positive");
    }
    Sweep sweep = get(sweepId);
    if (!Set.of("APPROVED", "LISTING", "DONE").contains(sweep.status())) {
      throw new ConflictException("批量列入状态为 " + sweep.status() + "，尚未批准");
    }
    List<String> next = jdbc.sql("""
            SELECT uscc FROM listing_sweep_entity WHERE sweep_id = :id AND outcome IS NULL ORDER BY uscc LIMIT :n
            """).param("id", sweepId).param("n", chunkSize).query(String.class).list();
    int listed = 0;
    int skipped = 0;
    if (!next.isEmpty()) {
      Map<String, String[]> entities = new HashMap<>();
      jdbc.sql("SELECT uscc, name, type, status FROM directory_entity WHERE uscc IN (:u)").param("u", next)
          .query((rs, n) -> entities.put(rs.getString("uscc"),
              new String[] {rs.getString("name"), rs.getString("type"), rs.getString("status")})).list();
      Set<String> reported = new HashSet<>(jdbc.sql("""
              SELECT uscc FROM annual_report WHERE uscc IN (:u) AND report_year = :y AND published_on <= :deadline
              """).param("u", next).param("y", sweep.reportYear())
          .param("deadline", Date.valueOf(reportDeadline(sweep.reportYear()))).query(String.class).list());
      String facts = "该市场主体未于 " + reportDeadline(sweep.reportYear()) + " 前报送并公示 " + sweep.reportYear() + " 年度报告。";
      for (String uscc : next) {
        beforeEachListing.accept(uscc);
        String[] e = entities.get(uscc);
        Long listingId = null;
        String outcome;
        if (e == null || !Set.of("active", "abnormal").contains(e[2])) {
          outcome = "GONE";
        } else if (reported.contains(uscc)) {
          outcome = "REPORTED";
        } else if (listings.activeListing(uscc, "1").isPresent()) {
          outcome = "ALREADY_LISTED";
          listingId = listings.activeListing(uscc, "1").get();
        } else {
          boolean individual = "individual".equals(e[1]);
          listingId = listings.insert(uscc, e[0], individual, "1", sweep.department(), "SWEEP",
              "annual-report-" + sweep.reportYear(), sweep.approvedBy(), facts,
              properties.legalBasis("1", individual), null, now);
          listings.step(listingId, "REGISTERED", sweep.approvedBy(), now,
              "年报核查批量列入（" + sweep.reportYear() + " 年度）", null);
          Listings.Listing l = listings.list(listingId, sweep.approvedBy(), now);
          Map<String, Object> variables = new HashMap<>(ListingVariables.describe(l));
          variables.putAll(ListingVariables.listed(listings, l));
          variables.put("initiator", sweep.approvedBy());
          String pid = runtime.createProcessInstanceByKey(Listings.PROCESS)
              .businessKey("annual-report-" + sweep.reportYear() + "-" + uscc)
              .startBeforeActivity("Listed").setVariables(variables).execute().getId();
          listings.attachProcess(listingId, pid);
          outcome = "LISTED";
        }
        if ("LISTED".equals(outcome)) {
          listed++;
        } else {
          skipped++;
        }
        jdbc.sql("UPDATE listing_sweep_entity SET outcome = :o, listing_id = :l WHERE sweep_id = :id AND uscc = :u")
            .param("o", outcome).param("l", listingId).param("id", sweepId).param("u", uscc).update();
      }
    }
    int done = jdbc.sql("SELECT COUNT(*) FROM listing_sweep_entity WHERE sweep_id = :id AND outcome IS NOT NULL")
        .param("id", sweepId).query(Integer.class).single();
    boolean complete = done >= sweep.candidates();
    jdbc.sql("""
            UPDATE listing_sweep SET listed = listed + :l, skipped = skipped + :s, status = :st, finished_at = :f WHERE id = :id
            """).param("l", listed).param("s", skipped).param("st", complete ? "DONE" : "LISTING")
        .param("f", complete ? Timestamp.from(now) : null).param("id", sweepId).update();
    return new Progress(done, sweep.candidates());
  }

  public Optional<Sweep> find(int reportYear) {
    return jdbc.sql(SELECT + " WHERE report_year = :y").param("y", reportYear).query(ListingSweep::map).optional();
  }

  public Sweep get(long id) {
    return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(ListingSweep::map).optional()
        .orElseThrow(() -> new NotFoundException("id", "没有编号为 " + id + " 的年报核查批次"));
  }

  /** How the candidates ended, e.g. LISTED → 1,834, REPORTED → 3. */
  public Map<String, Integer> outcomes(long id) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    jdbc.sql("SELECT outcome, COUNT(*) AS n FROM listing_sweep_entity WHERE sweep_id = :id GROUP BY outcome ORDER BY outcome")
        .param("id", id).query((rs, n) -> counts.put(String.valueOf(rs.getString("outcome")), rs.getInt("n"))).list();
    return counts;
  }

  private static final String SELECT = """
      SELECT id, report_year, department, status, candidates, listed, skipped, approved_by, approved_on,
          process_instance_id, created_at, finished_at FROM listing_sweep""";

  private static Sweep map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    Date approved = rs.getDate("approved_on");
    Timestamp finished = rs.getTimestamp("finished_at");
    return new Sweep(rs.getLong("id"), rs.getInt("report_year"), rs.getString("department"), rs.getString("status"),
        rs.getInt("candidates"), rs.getInt("listed"), rs.getInt("skipped"), rs.getString("approved_by"),
        approved == null ? null : approved.toLocalDate(), rs.getString("process_instance_id"),
        rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant());
  }
}
