package org.onedoor.credit;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.directory.CreditRatingImported;
import org.onedoor.directory.DirectoryEntity;
import org.onedoor.directory.EntityDirectory;
import org.onedoor.platform.DecisionRules;
import org.onedoor.platform.web.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Results feed back (R13, issue 15). Each cause — an approved inspection result, a listing decision, a
 * removal, a rectification's re-check, a concluded risk warning — is weighed once by
 * {@code processes/credit-feedback.dmn}, which proposes the business's new credit class and risk level
 * with its reason and says when the change takes effect: at once, or at the monthly recalculation
 * ({@link #recalculate}). Every cause is kept in {@code credit_feedback} with the rule that matched, the
 * values before and after, when it was proposed and when it took effect; the values in force live in
 * the directory, which this service changes through {@link EntityDirectory#changeCreditRating}.
 *
 * <p>Proposals form a chain: each starts from the values the business will have once every change
 * still pending is in force (the "projected" rating), so two causes in one month build on each other.
 * A change in force at once takes the pending ones before it along (the directory then holds the head
 * of the chain), and the recalculation puts each business's newest due change in force.
 */
@Service
public class CreditFeedback {

  public static final String DECISION = "credit-feedback";
  public static final String RESULT = "result";
  public static final String LISTING = "listing";
  public static final String REMOVAL = "removal";
  public static final String RECTIFICATION = "rectification";
  public static final String WARNING = "warning";
  /** An official rating delivered by an import (the directory's file or API). */
  public static final String IMPORT = "import";

  static final String PENDING = "PENDING";
  static final String EFFECTIVE = "EFFECTIVE";
  static final String UNCHANGED = "UNCHANGED";
  /** A pending change an imported rating replaced before it took effect. */
  static final String SUPERSEDED = "SUPERSEDED";
  static final String IMMEDIATE = "immediate";
  static final String MONTHLY = "monthly";
  /** The result code of "no problem found" (R7): counted towards {@code cleanResults}. */
  static final String CLEAN_RESULT = "1";

  private static final Logger log = LoggerFactory.getLogger(CreditFeedback.class);

  /**
   * One cause to weigh.
   *
   * @param kind {@link #RESULT}, {@link #LISTING}, {@link #REMOVAL}, {@link #RECTIFICATION}, {@link #WARNING}
   * @param id what it belongs to: the inspection number, the listing id, the warning id
   * @param ref the cause itself, unique within its kind (an event weighed twice is weighed once)
   * @param outcome the DMN input {@code outcome}: a result code, a decision kind, a conclusion
   * @param detail shown to staff, e.g. the decision number or the department
   */
  public record Cause(String kind, String id, String ref, String uscc, String outcome, String detail) {}

  /** A credit class and risk level. */
  public record Rating(String creditClass, String riskLevel) {}

  /** One weighed cause and what it did. */
  public record Change(long id, String uscc, String causeKind, String causeId, String causeRef, String outcome,
      String causeDetail, int cleanResults, String ruleId, String reason, Rating before, Rating after, String status,
      Instant proposedAt, LocalDate effectiveOn, Instant effectiveAt, String effectiveBy) {

    public boolean changes() {
      return !before.equals(after);
    }
  }

  /** A business's rating in force, the one it will have after the pending changes, and its history (newest first). */
  public record EntityCredit(String uscc, Rating inForce, Rating projected, List<Change> history) {}

  /** One monthly recalculation. */
  public record Recalculation(String period, Instant startedAt, Instant finishedAt, int changes, int entities,
      String startedBy) {}

  private final JdbcClient jdbc;
  private final EntityDirectory directory;
  private final DecisionRules rules;
  private final ZoneId zone;

  public CreditFeedback(JdbcClient jdbc, EntityDirectory directory, DecisionRules rules, CalendarProperties calendar) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.rules = rules;
    this.zone = calendar.zone();
  }

  /**
   * Weighs a cause, in the caller's transaction (the approval, the decision, the check): the cause and
   * its effect commit together. Returns the change recorded, or empty when the business is not in the
   * directory. A cause weighed before returns its first record.
   */
  @Transactional(propagation = Propagation.REQUIRED)
  public Optional<Change> weigh(Cause cause, Instant now) {
    Optional<Change> earlier = byCause(cause.kind(), cause.ref());
    if (earlier.isPresent()) {
      return earlier;
    }
    Optional<DirectoryEntity> entity = directory.find(cause.uscc());
    if (entity.isEmpty()) {
      log.info("credit feedback: {} {} names {}, which is not in the directory; nothing to weigh",
          cause.kind(), cause.ref(), cause.uscc());
      return Optional.empty();
    }
    Rating inForce = new Rating(entity.get().creditClass(), entity.get().riskLevel());
    Rating before = projected(cause.uscc()).orElse(inForce);
    int clean = cleanResults(cause);

    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("cause", cause.kind());
    variables.put("outcome", cause.outcome());
    variables.put("creditClass", before.creditClass());
    variables.put("riskLevel", before.riskLevel());
    variables.put("cleanResults", clean);
    DecisionRules.Evaluation evaluation = rules.evaluate(DECISION, variables);
    DmnDecisionResultEntries proposal = evaluation.single();
    if (proposal == null) {
      throw new IllegalStateException("credit-feedback.dmn has no rule for " + variables);
    }
    // an empty output cell ("keep") is absent from the entries
    Map<String, Object> outputs = proposal.getEntryMap();
    Rating after = new Rating(
        creditClass((String) outputs.get("newCreditClass"), before.creditClass(), cause),
        riskLevel((String) outputs.get("newRiskLevel"), before.riskLevel(), cause));
    String effective = (String) outputs.get("effective");
    String reason = outputs.get("reason") == null ? "" : (String) outputs.get("reason");
    // an immediate change puts the chain's head in force, and with it the pending changes before it, even
    // when it agrees with them (a listing after a pending "high"); otherwise only a change counts
    String status = IMMEDIATE.equals(effective)
        ? (after.equals(before) && after.equals(inForce) ? UNCHANGED : EFFECTIVE)
        : after.equals(before) ? UNCHANGED : PENDING;
    LocalDate effectiveOn = PENDING.equals(status) ? nextRecalculation(now) : null;

    long id = insert(cause, clean, evaluation, reason, before, after, status, now, effectiveOn);
    if (EFFECTIVE.equals(status)) {
      // the directory gets the head of the chain; the pending changes before it go with it
      directory.changeCreditRating(cause.uscc(), after.creditClass(), after.riskLevel(), now);
      jdbc.sql("UPDATE credit_feedback SET effective_at = :at, effective_by = :by WHERE id = :id")
          .param("at", Timestamp.from(now)).param("by", IMMEDIATE).param("id", id).update();
      jdbc.sql("UPDATE credit_feedback SET status = :effective, effective_at = :at, effective_by = :by"
              + " WHERE uscc = :u AND status = :pending AND id < :id")
          .param("effective", EFFECTIVE).param("at", Timestamp.from(now)).param("by", "with:" + id)
          .param("u", cause.uscc()).param("pending", PENDING).param("id", id).update();
    }
    return byCause(cause.kind(), cause.ref());
  }

  /**
   * An official rating an import put in force (the directory wrote it already): kept in the history as a cause
   * of its own, in force at once. The changes still pending for the business were proposed from the rating
   * the import replaced; they are {@code SUPERSEDED} rather than put in force over it at the next recalculation.
   */
  @Transactional(propagation = Propagation.REQUIRED)
  public Change recordImported(CreditRatingImported e) {
    String ref = trim(e.source(), 80) + "/" + e.uscc() + "/" + e.at().toEpochMilli();
    Optional<Change> earlier = byCause(IMPORT, ref);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    Cause cause = new Cause(IMPORT, trim(e.source(), 100), ref, e.uscc(), "IMPORTED", e.reason());
    long id = insert(cause, 0, null, "导入的信用风险分类结果：以导入值为准", new Rating(e.oldClass(), e.oldLevel()),
        new Rating(e.newClass(), e.newLevel()), EFFECTIVE, e.at(), null);
    jdbc.sql("UPDATE credit_feedback SET effective_at = :at, effective_by = :by WHERE id = :id")
        .param("at", Timestamp.from(e.at())).param("by", IMPORT).param("id", id).update();
    jdbc.sql("UPDATE credit_feedback SET status = :superseded, effective_by = :by"
            + " WHERE uscc = :u AND status = :pending AND id < :id")
        .param("superseded", SUPERSEDED).param("by", "superseded:" + id).param("u", e.uscc())
        .param("pending", PENDING).param("id", id).update();
    return byCause(IMPORT, ref).orElseThrow();
  }

  /**
   * The monthly recalculation (R13) of {@code period}: every pending change due by {@code now} takes
   * effect, each business getting its newest due change. Once per month, whichever node comes first:
   * a month recalculated already is a {@link ConflictException}; two nodes at once both insert the
   * month's row (unique), and the second gets a {@link org.springframework.dao.DuplicateKeyException}
   * with nothing written. All in one transaction: a crash leaves the month to the next attempt.
   */
  @Transactional
  public Recalculation recalculate(YearMonth period, String startedBy, Instant now) {
    if (recalculation(period).isPresent()) {
      throw new ConflictException(period + " 的信用风险分类已重算");
    }
    jdbc.sql("INSERT INTO credit_recalculation (period, started_at, changes, entities, started_by)"
            + " VALUES (:p, :at, 0, 0, :by)")
        .param("p", period.toString()).param("at", Timestamp.from(now)).param("by", startedBy).update();
    LocalDate today = LocalDate.ofInstant(now, zone);
    record Due(long id, String uscc, String newClass, String newLevel) {}
    List<Due> due = jdbc.sql("SELECT id, uscc, new_class, new_level FROM credit_feedback"
            + " WHERE status = :pending AND effective_on <= :today ORDER BY uscc, id")
        .param("pending", PENDING).param("today", Date.valueOf(today))
        .query((rs, n) -> new Due(rs.getLong("id"), rs.getString("uscc"), rs.getString("new_class"),
            rs.getString("new_level")))
        .list();
    Map<String, Due> newest = new LinkedHashMap<>();
    due.forEach(d -> newest.put(d.uscc(), d));
    newest.values().forEach(d -> directory.changeCreditRating(d.uscc(), d.newClass(), d.newLevel(), now));
    List<Long> ids = due.stream().map(Due::id).toList();
    for (int from = 0; from < ids.size(); from += 500) {
      jdbc.sql("UPDATE credit_feedback SET status = :effective, effective_at = :at, effective_by = :by"
              + " WHERE id IN (:ids) AND status = :pending")
          .param("effective", EFFECTIVE).param("at", Timestamp.from(now)).param("by", "recalculation:" + period)
          .param("ids", ids.subList(from, Math.min(ids.size(), from + 500))).param("pending", PENDING).update();
    }
    jdbc.sql("UPDATE credit_recalculation SET finished_at = :at, changes = :c, entities = :e WHERE period = :p")
        .param("at", Timestamp.from(now)).param("c", due.size()).param("e", newest.size())
        .param("p", period.toString()).update();
    log.info("credit recalculation {}: {} changes for {} businesses in force", period, due.size(), newest.size());
    return recalculation(period).orElseThrow();
  }

  /** The month of {@code now} in the calendar zone: what the daily check recalculates. */
  public YearMonth period(Instant now) {
    return YearMonth.from(LocalDate.ofInstant(now, zone));
  }

  public Optional<Recalculation> recalculation(YearMonth period) {
    return jdbc.sql("SELECT period, started_at, finished_at, changes, entities, started_by FROM credit_recalculation"
            + " WHERE period = :p")
        .param("p", period.toString())
        .query((rs, n) -> new Recalculation(rs.getString("period"), rs.getTimestamp("started_at").toInstant(),
            instant(rs.getTimestamp("finished_at")), rs.getInt("changes"), rs.getInt("entities"),
            rs.getString("started_by")))
        .optional();
  }

  /** The day the next monthly recalculation puts a change proposed at {@code now} in force: the 1st of next month. */
  public LocalDate nextRecalculation(Instant now) {
    return LocalDate.ofInstant(now, zone).withDayOfMonth(1).plusMonths(1);
  }

  /** A business's credit: in force, projected, and every cause weighed (newest first). Empty when unknown. */
  public Optional<EntityCredit> of(String uscc) {
    return directory.find(uscc).map(e -> {
      Rating inForce = new Rating(e.creditClass(), e.riskLevel());
      return new EntityCredit(uscc, inForce, projected(uscc).orElse(inForce), history(uscc));
    });
  }

  public List<Change> history(String uscc) {
    return jdbc.sql("SELECT * FROM credit_feedback WHERE uscc = :u ORDER BY id DESC").param("u", uscc)
        .query(CreditFeedback::change).list();
  }

  // ---------------------------------------------------------------- the chain

  /** The rating after every pending change: the newest pending change's values. */
  private Optional<Rating> projected(String uscc) {
    return jdbc.sql("SELECT new_class, new_level FROM credit_feedback WHERE uscc = :u AND status = :pending"
            + " ORDER BY id DESC LIMIT 1")
        .param("u", uscc).param("pending", PENDING)
        .query((rs, n) -> new Rating(rs.getString("new_class"), rs.getString("new_level")))
        .optional();
  }

  /**
   * Results "1" in a row, this one included, since the risk level last changed or a result had another
   * code; 0 when this cause is not a clean result.
   */
  private int cleanResults(Cause cause) {
    if (!RESULT.equals(cause.kind()) || !CLEAN_RESULT.equals(cause.outcome())) {
      return 0;
    }
    int clean = 1;
    List<Object[]> rows = jdbc.sql("SELECT cause_kind, outcome, old_level, new_level FROM credit_feedback"
            + " WHERE uscc = :u ORDER BY id DESC")
        .param("u", cause.uscc())
        .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
        .list();
    for (Object[] row : rows) {
      if (!row[2].equals(row[3])) {
        break;
      }
      if (RESULT.equals(row[0])) {
        if (!CLEAN_RESULT.equals(row[1])) {
          break;
        }
        clean++;
      }
    }
    return clean;
  }

  private String creditClass(String proposed, String current, Cause cause) {
    if (proposed == null || proposed.isBlank()) {
      return current;
    }
    List<String> classes = EntityDirectory.CREDIT_CLASSES;
    return switch (proposed) {
      case "worse" -> classes.get(Math.min(classes.size() - 1, classes.indexOf(current) + 1));
      case "better" -> classes.get(Math.max(0, classes.indexOf(current) - 1));
      case "restore" -> beforeListing(cause).map(Rating::creditClass).orElse(current);
      default -> {
        if (!classes.contains(proposed)) {
          throw new IllegalStateException("credit-feedback.dmn proposes credit class \"" + proposed + "\"");
        }
        yield proposed;
      }
    };
  }

  private String riskLevel(String proposed, String current, Cause cause) {
    if (proposed == null || proposed.isBlank()) {
      return current;
    }
    List<String> levels = EntityDirectory.RISK_LEVELS;
    return switch (proposed) {
      case "higher" -> levels.get(Math.min(levels.size() - 1, levels.indexOf(current) + 1));
      case "lower" -> levels.get(Math.max(0, levels.indexOf(current) - 1));
      case "restore" -> beforeListing(cause).map(Rating::riskLevel).orElse(current);
      default -> {
        if (!levels.contains(proposed)) {
          throw new IllegalStateException("credit-feedback.dmn proposes risk level \"" + proposed + "\"");
        }
        yield proposed;
      }
    };
  }

  /** "restore": the values before the listing this decision belongs to was decided (its LISTED cause). */
  private Optional<Rating> beforeListing(Cause cause) {
    return jdbc.sql("SELECT old_class, old_level FROM credit_feedback WHERE uscc = :u AND cause_id = :id"
            + " AND cause_kind = :kind AND outcome = 'LISTED' ORDER BY id LIMIT 1")
        .param("u", cause.uscc()).param("id", cause.id()).param("kind", LISTING)
        .query((rs, n) -> new Rating(rs.getString(1), rs.getString(2)))
        .optional();
  }

  // ---------------------------------------------------------------- rows

  private long insert(Cause cause, int clean, DecisionRules.Evaluation evaluation, String reason, Rating before,
      Rating after, String status, Instant now, LocalDate effectiveOn) {
    DecisionRules.Rule rule = evaluation == null ? null : evaluation.rule();
    jdbc.sql("""
        INSERT INTO credit_feedback (uscc, cause_kind, cause_id, cause_ref, outcome, cause_detail, clean_results,
            rule_id, reason, old_class, old_level, new_class, new_level, status, proposed_at, effective_on)
        VALUES (:u, :kind, :cid, :ref, :outcome, :detail, :clean, :rule, :reason, :oc, :ol, :nc, :nl, :status,
            :at, :on)
        """)
        .param("u", cause.uscc()).param("kind", cause.kind()).param("cid", trim(cause.id(), 100))
        .param("ref", trim(cause.ref(), 120)).param("outcome", trim(cause.outcome(), 30))
        .param("detail", trim(cause.detail(), 300)).param("clean", clean)
        .param("rule", rule == null ? null : trim(rule.id() + " (" + evaluation.decisionKey() + " v"
            + evaluation.decisionVersion() + " 第 " + rule.row() + " 行)", 100))
        .param("reason", trim(reason, 500))
        .param("oc", before.creditClass()).param("ol", before.riskLevel())
        .param("nc", after.creditClass()).param("nl", after.riskLevel())
        .param("status", status).param("at", Timestamp.from(now))
        .param("on", effectiveOn == null ? null : Date.valueOf(effectiveOn))
        .update();
    return byCause(cause.kind(), cause.ref()).orElseThrow().id();
  }

  private Optional<Change> byCause(String kind, String ref) {
    return jdbc.sql("SELECT * FROM credit_feedback WHERE cause_kind = :k AND cause_ref = :r")
        .param("k", kind).param("r", ref).query(CreditFeedback::change).optional();
  }

  private static Change change(ResultSet rs, int n) throws SQLException {
    Date on = rs.getDate("effective_on");
    return new Change(rs.getLong("id"), rs.getString("uscc"), rs.getString("cause_kind"), rs.getString("cause_id"),
        rs.getString("cause_ref"), rs.getString("outcome"), rs.getString("cause_detail"), rs.getInt("clean_results"),
        rs.getString("rule_id"), rs.getString("reason"),
        new Rating(rs.getString("old_class"), rs.getString("old_level")),
        new Rating(rs.getString("new_class"), rs.getString("new_level")),
        rs.getString("status"), rs.getTimestamp("proposed_at").toInstant(), on == null ? null : on.toLocalDate(),
        instant(rs.getTimestamp("effective_at")), rs.getString("effective_by"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static String trim(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  /** A cause's name as staff read it. */
  public static String causeLabel(String kind) {
    return switch (kind) {
      case RESULT -> "检查结果";
      case LISTING -> "经营异常名录决定";
      case REMOVAL -> "移出经营异常名录";
      case RECTIFICATION -> "责令改正复查";
      case WARNING -> "风险预警核查";
      case IMPORT -> "导入的分类结果";
      default -> kind;
    };
  }
}
