package org.onedoor.credit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.onedoor.directory.Uscc;
import org.onedoor.inspection.TargetedInspections;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.onedoor.security.OrganisationProperties;
import org.onedoor.security.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * Risk warnings (R13): a warning from monitoring data, a complaint or another department is
 * registered, checked by an inspector of the department concerned and, when the check finds that
 * a targeted inspection is needed, approved by the department's chief. Warnings raised by the rules of
 * a monitoring source ({@link #raise}) are de-duplicated: at most one open warning per business, source
 * and rule ({@code open_key}, cleared when the warning is concluded).
 */
@Service
public class RiskWarningService {

  public static final Set<String> SOURCES = Set.of("monitoring", "complaint", "department", "other");
  public static final Set<String> LEVELS = Set.of("high", "medium", "low");
  public static final Set<String> CONCLUSIONS = Set.of("unfounded", "handled", "targeted");
  static final int MAX_DESCRIPTION = 2000;
  static final int MAX_FINDINGS = 4000;

  /** Where a warning stands. */
  public enum Status {
    CHECKING,
    AWAITING_APPROVAL,
    CLOSED,
    TARGETED_INSPECTION
  }

  /** The message that starts {@code risk-warning} for a warning the application registered (监测模型预警). */
  public static final String RAISED_MESSAGE = "risk-warning-raised";
  static final String PROCESS = "risk-warning";

  /**
   * A warning raised by a rule of a monitoring source.
   *
   * @param feed the monitoring source's code, e.g. drug-production
   * @param ruleCode the rule's code in the source's DMN table, e.g. DP-04
   */
  public record RuleWarning(String uscc, String entityName, String department, String feed, String ruleCode,
      String ruleName, String level, String description) {}

  /** What was reported. */
  public record NewWarning(
      String uscc, String entityName, String department, String source, String level, String description) {}

  public record Warning(
      long id,
      String uscc,
      String entityName,
      String department,
      String source,
      String level,
      String description,
      Instant receivedAt,
      String status,
      String conclusion,
      String findings,
      String checkedBy,
      String decision,
      String decidedBy,
      String feed,
      String ruleCode,
      String ruleName,
      Instant checkDueAt,
      Instant checkedAt,
      Instant decidedAt,
      String decisionOpinion,
      String inspectionItems,
      String inspectionNumber,
      String processInstanceId,
      String receivedBy) {}

  /** Chinese labels of the stored codes, for pages. */
  public static final Map<String, String> STATUS_LABELS = Map.of(
      Status.CHECKING.name(), "待核查", Status.AWAITING_APPROVAL.name(), "待审批定向检查",
      Status.CLOSED.name(), "已办结", Status.TARGETED_INSPECTION.name(), "已转定向检查");
  public static final Map<String, String> SOURCE_LABELS = Map.of(
      "monitoring", "监测数据", "complaint", "投诉举报", "department", "部门推送", "other", "其他");
  public static final Map<String, String> LEVEL_LABELS = Map.of("high", "高", "medium", "中", "low", "低");
  public static final Map<String, String> CONCLUSION_LABELS = Map.of(
      "unfounded", "预警不实", "handled", "属实，已处置", "targeted", "属实，需定向检查");

  private static final String COLUMNS = "id, uscc, entity_name, department, source, level, description, received_at,"
      + " status, conclusion, findings, checked_by, decision, decided_by, feed, rule_code, rule_name, check_due_at,"
      + " checked_at, decided_at, decision_opinion, inspection_items, inspection_number, process_instance_id, received_by";

  private static Warning warning(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Warning(rs.getLong("id"), rs.getString("uscc"), rs.getString("entity_name"), rs.getString("department"),
        rs.getString("source"), rs.getString("level"), rs.getString("description"),
        rs.getTimestamp("received_at").toInstant(), rs.getString("status"), rs.getString("conclusion"),
        rs.getString("findings"), rs.getString("checked_by"), rs.getString("decision"), rs.getString("decided_by"),
        rs.getString("feed"), rs.getString("rule_code"), rs.getString("rule_name"), instant(rs, "check_due_at"),
        instant(rs, "checked_at"), instant(rs, "decided_at"), rs.getString("decision_opinion"),
        rs.getString("inspection_items"), rs.getString("inspection_number"), rs.getString("process_instance_id"),
        rs.getString("received_by"));
  }

  private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  /**
   * The warnings of one department received in a period, for the supervision dashboard: raised; due for the
   * check (its deadline passed by {@code now}, or checked); checked within the deadline; checked; confirmed
   * by the check (founded: handled, or a targeted inspection needed); led to a targeted inspection.
   */
  public record Counts(String department, long raised, long due, long checkedOnTime, long checked, long confirmed,
      long inspections) {}

  /**
   * {@link Counts} per period and department of the warnings received from {@code bounds[0]} until the last
   * bound: one list per period [{@code bounds[i]}, {@code bounds[i + 1]}) (e.g. the months of a year), in one
   * query — the period is a CASE over the bounds.
   */
  public List<List<Counts>> counts(List<Instant> bounds, Instant now) {
    if (bounds.size() < 2) {
      throw new IllegalArgumentException("at least two bounds: " + bounds);
    }
    StringBuilder period = new StringBuilder("CASE");
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 1; i < bounds.size() - 1; i++) {
      period.append(" WHEN received_at < :b").append(i).append(" THEN ").append(i - 1);
      params.put("b" + i, Timestamp.from(bounds.get(i)));
    }
    period.append(" ELSE ").append(bounds.size() - 2).append(" END");
    List<List<Counts>> periods = new ArrayList<>();
    for (int i = 0; i < bounds.size() - 1; i++) {
      periods.add(new ArrayList<>());
    }
    jdbc.sql("SELECT bucket, department, COUNT(*) AS raised,"
            + " SUM(CASE WHEN checked_at IS NOT NULL OR check_due_at < :now THEN 1 ELSE 0 END) AS due,"
            + " SUM(CASE WHEN checked_at IS NOT NULL AND check_due_at IS NOT NULL AND checked_at <= check_due_at"
            + "     THEN 1 ELSE 0 END) AS on_time,"
            + " SUM(CASE WHEN checked_at IS NOT NULL THEN 1 ELSE 0 END) AS checked,"
            + " SUM(CASE WHEN conclusion IN ('handled', 'targeted') THEN 1 ELSE 0 END) AS confirmed,"
            + " SUM(CASE WHEN inspection_number IS NOT NULL THEN 1 ELSE 0 END) AS inspections"
            + " FROM (SELECT " + period + " AS bucket, department, checked_at, check_due_at, conclusion, inspection_number"
            + "       FROM credit_risk_warning WHERE received_at >= :from AND received_at < :to) p"
            + " GROUP BY bucket, department")
        .params(params).param("now", Timestamp.from(now)).param("from", Timestamp.from(bounds.get(0)))
        .param("to", Timestamp.from(bounds.get(bounds.size() - 1)))
        .query(rs -> {
          periods.get(rs.getInt("bucket")).add(new Counts(rs.getString("department"), rs.getLong("raised"),
              rs.getLong("due"), rs.getLong("on_time"), rs.getLong("checked"), rs.getLong("confirmed"),
              rs.getLong("inspections")));
        });
    return periods;
  }

  /**
   * What the warnings list filters by; null fields do not filter. {@code departments} null: every department.
   * {@code from}/{@code to}: days of receipt (calendar zone), both included.
   */
  public record Filter(List<String> departments, String status, String source, String rule, java.time.LocalDate from,
      java.time.LocalDate to) {}

  public record Page(List<Warning> items, int page, int size, long total) {}

  public static final int MAX_PAGE_SIZE = 100;

  /** A page of warnings, newest first; every filter checked (400 naming it). */
  public Page list(Filter filter, int page, int size, java.time.ZoneId zone) {
    if (page < 0 || page > 100_000) {
      throw new BadRequestException("page", "须在 0 到 100000 之间");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new BadRequestException("size", "须在 1 到 " + MAX_PAGE_SIZE + " 之间");
    }
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new LinkedHashMap<>();
    if (filter.departments() != null) {
      if (filter.departments().isEmpty()) {
        return new Page(List.of(), page, size, 0);
      }
      where.append(" AND department IN (:departments)");
      params.put("departments", filter.departments());
    }
    if (filter.status() != null) {
      if (!STATUS_LABELS.containsKey(filter.status())) {
        throw new BadRequestException("status", "可选：" + String.join("、", new java.util.TreeSet<>(STATUS_LABELS.keySet())));
      }
      where.append(" AND status = :status");
      params.put("status", filter.status());
    }
    if (filter.source() != null) {
      if (!SOURCES.contains(filter.source())) {
        throw new BadRequestException("source", "可选：" + String.join("、", new java.util.TreeSet<>(SOURCES)));
      }
      where.append(" AND source = :source");
      params.put("source", filter.source());
    }
    if (filter.rule() != null) {
      if (!filter.rule().matches("[A-Za-z0-9_.-]{1,40}")) {
        throw new BadRequestException("rule", "规则编号只含字母、数字和 . _ -，最长 40 个字符");
      }
      where.append(" AND rule_code = :rule");
      params.put("rule", filter.rule());
    }
    if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
      throw new BadRequestException("to", "结束日期早于开始日期");
    }
    if (filter.from() != null) {
      where.append(" AND received_at >= :from");
      params.put("from", Timestamp.from(filter.from().atStartOfDay(zone).toInstant()));
    }
    if (filter.to() != null) {
      where.append(" AND received_at < :to");
      params.put("to", Timestamp.from(filter.to().plusDays(1).atStartOfDay(zone).toInstant()));
    }
    var count = jdbc.sql("SELECT COUNT(*) FROM credit_risk_warning" + where);
    var rows = jdbc.sql("SELECT " + COLUMNS + " FROM credit_risk_warning" + where
        + " ORDER BY received_at DESC, id DESC LIMIT :limit OFFSET :offset");
    for (Map.Entry<String, Object> e : params.entrySet()) {
      count = count.param(e.getKey(), e.getValue());
      rows = rows.param(e.getKey(), e.getValue());
    }
    long total = count.query(Long.class).single();
    return new Page(rows.param("limit", size).param("offset", (long) page * size).query(RiskWarningService::warning)
        .list(), page, size, total);
  }

  /** The rules that raised warnings of these departments (null: all): code → name, for the filter. */
  public Map<String, String> rules(List<String> departments) {
    Map<String, String> rules = new java.util.TreeMap<>();
    if (departments != null && departments.isEmpty()) {
      return rules;
    }
    jdbc.sql("SELECT DISTINCT rule_code, rule_name FROM credit_risk_warning WHERE rule_code IS NOT NULL"
            + (departments == null ? "" : " AND department IN (:d)"))
        .params(departments == null ? Map.of() : Map.of("d", departments))
        .query(rs -> {
          rules.putIfAbsent(rs.getString(1), rs.getString(2));
        });
    return rules;
  }

  /** A warning in an inspection's file, with the departments asked to join its targeted inspection (部门会签). */
  public record InFile(Warning warning, List<TargetedCountersign.Countersign> countersign) {}

  /** The warnings whose approval opened the targeted inspection {@code number} (one, as opened). */
  public List<Warning> ofInspection(String number) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM credit_risk_warning WHERE inspection_number = :n ORDER BY id")
        .param("n", number).query(RiskWarningService::warning).list();
  }

  private final JdbcClient jdbc;
  private final OrganisationProperties organisation;
  private final ApplicationEventPublisher events;
  private final TargetedInspections targeted;
  private final WarningStarter starter;
  private final TargetedCountersign countersign;
  private final DataSource dataSource;

  public RiskWarningService(JdbcClient jdbc, OrganisationProperties organisation, ApplicationEventPublisher events,
      TargetedInspections targeted, WarningStarter starter, TargetedCountersign countersign, DataSource dataSource) {
    this.dataSource = dataSource;
    this.countersign = countersign;
    this.starter = starter;
    this.targeted = targeted;
    this.jdbc = jdbc;
    this.organisation = organisation;
    this.events = events;
  }

  /** Where a warning came from, as people read it. */
  public static String sourceLabel(String source) {
    return switch (source == null ? "" : source) {
      case "monitoring" -> "监测数据";
      case "complaint" -> "投诉举报";
      case "department" -> "其他部门推送";
      default -> "其他";
    };
  }

  /** The key that keeps one warning open per business, source and rule. */
  static String openKey(String feed, String ruleCode, String uscc) {
    return "monitoring|" + feed + "|" + ruleCode + "|" + uscc;
  }

  /**
   * Registers each warning unless one is already open for the same business, source and rule (in the
   * caller's transaction), and has {@code risk-warning} started for each registered one once that transaction
   * commits ({@link WarningStarter}: message {@value #RAISED_MESSAGE}, business key {@code RW-<id>}, variables
   * warningId and department; the process continues asynchronously to the department's check). Returns how
   * many were registered.
   */
  public int raise(List<RuleWarning> warnings, Instant now) {
    if (warnings.isEmpty()) {
      return 0;
    }
    Map<String, RuleWarning> byKey = new LinkedHashMap<>();
    for (RuleWarning w : warnings) {
      byKey.putIfAbsent(openKey(w.feed(), w.ruleCode(), w.uscc()), w);
    }
    Set<String> open = new HashSet<>();
    List<String> keys = List.copyOf(byKey.keySet());
    for (int from = 0; from < keys.size(); from += 500) {
      open.addAll(jdbc.sql("SELECT open_key FROM credit_risk_warning WHERE open_key IN (:k)")
          .param("k", keys.subList(from, Math.min(keys.size(), from + 500))).query(String.class).list());
    }
    Map<Long, RuleWarning> registered = new LinkedHashMap<>();
    for (Map.Entry<String, RuleWarning> e : byKey.entrySet()) {
      if (open.contains(e.getKey())) {
        continue;
      }
      RuleWarning w = e.getValue();
      Long id = insertUnlessOpenedMeanwhile(w, e.getKey(), now);
      if (id == null) {
        continue;
      }
      registered.put(id, w);
      // the department's chiefs hear of it when its process starts (WarningStarter publishes RiskWarningRaised):
      // finding and writing their notifications is no part of the intake
    }
    if (registered.isEmpty()) {
      return 0;
    }
    starter.afterCommit(List.copyOf(registered.keySet()));
    return registered.size();
  }

  /**
   * Inserts the rule's warning, or returns null when another intake (another node's, at the same moment) opened the
   * same business, source and rule after the look-up in {@link #raise}: the unique open key refuses the second, that
   * one stands, and this intake goes on with its other warnings. The insert runs under a savepoint of the caller's
   * transaction, so the refusal does not spoil it.
   */
  private Long insertUnlessOpenedMeanwhile(RuleWarning w, String openKey, Instant now) {
    // the caller's connection, as JdbcClient uses it; outside a transaction each statement commits on its own
    Connection connection = TransactionSynchronizationManager.isActualTransactionActive()
        ? DataSourceUtils.getConnection(dataSource) : null;
    Savepoint savepoint = connection == null ? null : savepoint(connection);
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    try {
      jdbc.sql(
              """
              INSERT INTO credit_risk_warning (uscc, entity_name, department, source, level, description,
                  received_at, received_by, status, feed, rule_code, rule_name, open_key)
              VALUES (:uscc, :name, :department, 'monitoring', :level, :description, :at, 'system', :status,
                  :feed, :rule, :ruleName, :open)
              """)
          .param("uscc", w.uscc())
          .param("name", truncate(w.entityName(), 200))
          .param("department", w.department())
          .param("level", w.level())
          .param("description", truncate(w.description(), MAX_DESCRIPTION))
          .param("at", Timestamp.from(now))
          .param("status", Status.CHECKING.name())
          .param("feed", w.feed())
          .param("rule", w.ruleCode())
          .param("ruleName", truncate(w.ruleName(), 200))
          .param("open", openKey)
          .update(key, "id");
    } catch (DuplicateKeyException openedMeanwhile) {
      if (savepoint != null) {
        sql(() -> connection.rollback(savepoint));
        sql(() -> connection.releaseSavepoint(savepoint));
      }
      return null;
    }
    if (savepoint != null) {
      sql(() -> connection.releaseSavepoint(savepoint));
    }
    return key.getKeyAs(Number.class).longValue();
  }

  private interface SqlStep {
    void run() throws SQLException;
  }

  private static void sql(SqlStep step) {
    try {
      step.run();
    } catch (SQLException e) {
      throw new IllegalStateException("savepoint of a risk warning's insert: " + e.getMessage(), e);
    }
  }

  private static Savepoint savepoint(Connection connection) {
    try {
      return connection.setSavepoint();
    } catch (SQLException e) {
      throw new IllegalStateException("savepoint of a risk warning's insert: " + e.getMessage(), e);
    }
  }

  /**
   * What the warning's tasks show (read-only form fields and Tasklist's business columns), as task-local
   * variables from our table: uscc, entityName, description.
   */
  public Map<String, Object> shown(long warningId) {
    Warning w = find(warningId).orElseThrow(() -> new IllegalStateException("no risk warning " + warningId));
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("uscc", w.uscc());
    shown.put("entityName", w.entityName());
    shown.put("description", w.description());
    return shown;
  }

  /**
   * "开启定向检查": opens the targeted inspection the chief approved — a joint inspection of the warning's
   * business for its department and every department that agreed in 部门会签, on their approved items, outside
   * the random plans — and keeps its number with the warning. The departments that declined or did not answer
   * in time are named in the inspection's audit trail. Idempotent (one inspection per warning). Returns the
   * inspection number.
   */
  public String openTargetedInspection(long warningId, Instant now) {
    Warning w = find(warningId).orElseThrow(() -> new IllegalStateException("no risk warning " + warningId));
    if (!Status.TARGETED_INSPECTION.name().equals(w.status())) {
      throw new IllegalStateException("risk warning " + warningId + " is " + w.status() + ", not approved");
    }
    Map<String, List<String>> approved = TargetedInspections.parseItems(w.inspectionItems());
    Map<String, List<String>> taking = new LinkedHashMap<>();
    taking.put(w.department(), approved.get(w.department()));
    List<TargetedInspections.Answer> answers = new ArrayList<>();
    for (TargetedCountersign.Countersign c : countersign.of(warningId)) {
      String outcome = switch (c.status()) {
        case TargetedCountersign.AGREED -> TargetedInspections.Answer.JOINED;
        case TargetedCountersign.DECLINED -> TargetedInspections.Answer.DECLINED;
        case TargetedCountersign.LAPSED -> TargetedInspections.Answer.LAPSED;
        default -> throw new IllegalStateException(
            "risk warning " + warningId + ": " + c.department() + " has not answered the countersign yet");
      };
      if (TargetedCountersign.AGREED.equals(c.status())) {
        taking.put(c.department(), c.items());
      }
      answers.add(new TargetedInspections.Answer(c.department(), outcome, c.answeredBy(), c.answeredAt(), c.reason()));
    }
    String number = targeted.open(new TargetedInspections.Request(REASON, Long.toString(warningId),
        taking.size() > 1 ? "风险预警联合定向检查" : "风险预警定向检查", w.uscc(), w.department(), taking, answers,
        w.decidedBy()), now);
    jdbc.sql("UPDATE credit_risk_warning SET inspection_number = :n WHERE id = :id").param("n", number)
        .param("id", warningId).update();
    return number;
  }

  /** The reason a targeted inspection names when a warning's approval opened it. */
  public static final String REASON = "risk-warning";

  /** The check task's deadline, recorded when the task is created. */
  public void checkDue(long warningId, Instant due) {
    jdbc.sql("UPDATE credit_risk_warning SET check_due_at = :due WHERE id = :id")
        .param("due", due == null ? null : Timestamp.from(due)).param("id", warningId).update();
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** Validates and stores a new warning; every bad field is reported at once. */
  public long register(NewWarning warning, String receivedBy, String processInstanceId, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    String uscc = Uscc.normalise(warning.uscc());
    Uscc.problem(uscc).ifPresent(p -> errors.add(new FieldError("uscc", p)));
    requireText(errors, "entityName", warning.entityName(), 200);
    if (warning.department() == null || organisation.department(warning.department()).isEmpty()) {
      errors.add(new FieldError("department", "未知的部门：" + warning.department()));
    }
    requireOneOf(errors, "source", warning.source(), SOURCES);
    requireOneOf(errors, "level", warning.level(), LEVELS);
    requireText(errors, "description", warning.description(), MAX_DESCRIPTION);
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO credit_risk_warning (uscc, entity_name, department, source, level, description,
                received_at, received_by, process_instance_id, status)
            VALUES (:uscc, :name, :department, :source, :level, :description, :at, :by, :pi, :status)
            """)
        .param("uscc", uscc)
        .param("name", warning.entityName().strip())
        .param("department", warning.department())
        .param("source", warning.source())
        .param("level", warning.level())
        .param("description", warning.description().strip())
        .param("at", Timestamp.from(now))
        .param("by", receivedBy)
        .param("pi", processInstanceId)
        .param("status", Status.CHECKING.name())
        .update(key, "id");
    long id = key.getKeyAs(Number.class).longValue();
    events.publishEvent(new RiskWarningRaised(id, warning.entityName().strip(), warning.department(),
        sourceLabel(warning.source()), receivedBy, now, Set.of(Role.CHIEF.workGroupId(warning.department()))));
    return id;
  }

  /**
   * Records the inspector's check. Returns whether a targeted inspection is proposed, which routes
   * the process to the chief.
   */
  public boolean recordCheck(long warningId, String conclusion, String findings, String inspector, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    requireOneOf(errors, "conclusion", conclusion, CONCLUSIONS);
    requireText(errors, "findings", findings, MAX_FINDINGS);
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    boolean targeted = "targeted".equals(conclusion);
    int updated =
        jdbc.sql(
                """
                UPDATE credit_risk_warning SET conclusion = :conclusion, findings = :findings,
                    checked_by = :by, checked_at = :at, status = :status,
                    open_key = CASE WHEN :targeted THEN open_key ELSE NULL END
                WHERE id = :id AND status = :checking
                """)
            .param("conclusion", conclusion)
            .param("findings", findings.strip())
            .param("by", inspector)
            .param("at", Timestamp.from(now))
            .param("status", (targeted ? Status.AWAITING_APPROVAL : Status.CLOSED).name())
            .param("targeted", targeted)
            .param("id", warningId)
            .param("checking", Status.CHECKING.name())
            .update();
    requireOneRow(updated, warningId, Status.CHECKING);
    if (!targeted) {
      concluded(warningId, conclusion, now);
    }
    return targeted;
  }

  /**
   * Records the chief's decision on a proposed targeted inspection; approving names the catalogue items to
   * check ({@code itemCodes}: codes of the newest published catalogue, at least one of the warning's own
   * department). Items of other departments ask those departments to countersign ({@link TargetedCountersign}).
   */
  public void recordDecision(long warningId, Boolean approved, String opinion, String itemCodes, String chief,
      Instant now) {
    List<FieldError> errors = new ArrayList<>();
    if (approved == null) {
      errors.add(new FieldError("decision", "请选择批准或不批准"));
    }
    Map<String, List<String>> items = Map.of();
    Warning warning = null;
    if (Boolean.TRUE.equals(approved)) {
      warning = find(warningId).orElseThrow(() -> new IllegalStateException("no risk warning " + warningId));
      try {
        items = targeted.checkItems(warning.department(), itemCodes, "itemCodes");
      } catch (BadRequestException e) {
        errors.addAll(e.errors());
      }
    }
    if (Boolean.FALSE.equals(approved) && (opinion == null || opinion.isBlank())) {
      errors.add(new FieldError("opinion", "不批准时必须书面说明理由"));
    }
    if (opinion != null && opinion.length() > MAX_DESCRIPTION) {
      errors.add(new FieldError("opinion", "不能超过 " + MAX_DESCRIPTION + " 个字符"));
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    int updated =
        jdbc.sql(
                """
                UPDATE credit_risk_warning SET decision = :decision, decision_opinion = :opinion,
                    decided_by = :by, decided_at = :at, status = :status, open_key = NULL, inspection_items = :items
                WHERE id = :id AND status = :awaiting
                """)
            .param("items", items.isEmpty() ? null : TargetedInspections.formatItems(items))
            .param("decision", approved ? "approved" : "rejected")
            .param("opinion", opinion == null ? null : opinion.strip())
            .param("by", chief)
            .param("at", Timestamp.from(now))
            .param("status", (approved ? Status.TARGETED_INSPECTION : Status.CLOSED).name())
            .param("id", warningId)
            .param("awaiting", Status.AWAITING_APPROVAL.name())
            .update();
    requireOneRow(updated, warningId, Status.AWAITING_APPROVAL);
    if (warning != null) {
      countersign.request(warningId, warning.department(), items, now);
    }
    concluded(warningId, approved ? "targeted" : RiskWarningConcluded.TARGETED_REJECTED, now);
  }

  /** The check came to its end: the credit feedback weighs it (issue 15), in this transaction. */
  private void concluded(long warningId, String outcome, Instant now) {
    String uscc = jdbc.sql("SELECT uscc FROM credit_risk_warning WHERE id = :id").param("id", warningId)
        .query(String.class).single();
    events.publishEvent(new RiskWarningConcluded(warningId, uscc, outcome, now));
  }

  public Optional<Warning> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM credit_risk_warning WHERE id = :id")
        .param("id", id).query(RiskWarningService::warning).optional();
  }

  /** Reads the warning fields from process or form variables. */
  public static NewWarning fromVariables(Map<String, Object> variables) {
    return new NewWarning(
        text(variables.get("uscc")),
        text(variables.get("entityName")),
        text(variables.get("department")),
        text(variables.get("source")),
        text(variables.get("level")),
        text(variables.get("description")));
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static void requireText(List<FieldError> errors, String field, String value, int max) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "必填"));
    } else if (value.length() > max) {
      errors.add(new FieldError(field, "不能超过 " + max + " 个字符"));
    }
  }

  private static void requireOneOf(List<FieldError> errors, String field, String value, Set<String> allowed) {
    if (value == null || !allowed.contains(value)) {
      errors.add(new FieldError(field, "应为 " + String.join("、", new java.util.TreeSet<>(allowed)) + " 之一"));
    }
  }

  private static void requireOneRow(int updated, long id, Status expected) {
    if (updated != 1) {
      throw new IllegalStateException(
          "risk warning " + id + " is not in status " + expected + " (or does not exist)");
    }
  }
}
