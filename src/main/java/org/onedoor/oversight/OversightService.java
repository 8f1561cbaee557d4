package org.onedoor.oversight;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.credit.RiskWarningService;
import org.onedoor.disclosure.DisclosureDeadlines;
import org.onedoor.disclosure.Disclosures.OnTimeRate;
import org.onedoor.inspection.PlanSummaries;
import org.onedoor.inspection.TargetedInspections;
import org.onedoor.plan.PlanLifecycle;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans.Plan;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.rectification.Rectifications;
import org.onedoor.security.OrganisationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures managers are judged by (R15, 对监管的监管), per year and department; see docs/design.md
 * "Supervision dashboard (oversight, R15)" for the exact definition of each. Read-only: it owns no
 * table and reads the owning features through their services where one offers the figure, and
 * through read-only queries (marked below) where none does.
 */
@Service
public class OversightService {

  public static final int MIN_YEAR = 2000;
  public static final int MAX_YEAR = 2100;
  /** The on-time publication target (R8: every record public within its deadline). */
  public static final double ON_TIME_TARGET = 1.0;

  private static final Set<String> PUBLISHED_PLAN = Set.of(PlanLifecycle.PUBLISHED, PlanLifecycle.DRAWN,
      PlanLifecycle.CLOSED);
  private static final Set<String> RECHECKED = Set.of(Rectifications.CORRECTED, Rectifications.PENDING);

  /** Inspections opened, inspected entities and the most inspected entity's count. */
  public record EntityLoad(long inspections, long entities, Double perEntity, String display, long highest) {

    static EntityLoad of(long inspections, long entities, long highest) {
      Double per = entities == 0 ? null : Math.round(inspections * 100.0 / entities) / 100.0;
      return new EntityLoad(inspections, entities, per,
          per == null ? Figure.NO_DATA : String.format(java.util.Locale.ROOT, "%.2f", per), highest);
    }
  }

  /**
   * The credit and risk loop's figures (issue 15): risk warnings received in the year, the share checked
   * within their deadline (of those due), the share that led to a targeted inspection, the share the check
   * confirmed (of those checked); and the targeted inspections (定向检查, outside the random plans) opened.
   */
  public record WarningFigures(long raised, Figure checkedOnTime, Figure ledToInspection, Figure confirmed,
      long targetedInspections) {

    static WarningFigures of(RiskWarningService.Counts c, long targeted) {
      return new WarningFigures(c.raised(), Figure.of(c.checkedOnTime(), c.due()), Figure.of(c.inspections(), c.raised()),
          Figure.of(c.confirmed(), c.checked()), targeted);
    }
  }

  /** The figures of one department (or of all departments together, {@code code} null). */
  public record DepartmentFigures(String code, String name, Figure planCompletion, Figure onTimePublication,
      Boolean onTimeMet, Figure followUpCompletion, Figure jointShare, Boolean jointShareMet, long visitsSaved,
      EntityLoad inspectionsPerEntity, WarningFigures warnings) {}

  /** First publications of one month (of one department, or all together with {@code department} null). */
  public record MonthFigures(String month, String department, String departmentName, Figure onTimePublication,
      Boolean onTimeMet) {}

  /**
   * The credit and risk loop per month (of one department, or all together): risk warnings received in the
   * month and targeted inspections (定向检查) opened in it. Counts, not rates: a month without any is 0.
   */
  public record WarningMonth(String month, long raised, long targetedInspections) {}

  public record Figures(int year, String department, LocalDate asOf, double onTimeTarget, double jointShareTarget,
      DepartmentFigures total, List<DepartmentFigures> departments, List<MonthFigures> months,
      List<MonthFigures> departmentMonths, List<WarningMonth> warningMonths) {}

  private final JdbcClient jdbc;
  private final PlanService plans;
  private final PlanSummaries summaries;
  private final DisclosureDeadlines deadlines;
  private final OrganisationProperties organisation;
  private final OversightProperties properties;
  private final ZoneId zone;
  private final RiskWarningService warnings;

  public OversightService(JdbcClient jdbc, PlanService plans, PlanSummaries summaries, DisclosureDeadlines deadlines,
      OrganisationProperties organisation, OversightProperties properties, CalendarProperties calendar,
      RiskWarningService warnings) {
    this.warnings = warnings;
    this.jdbc = jdbc;
    this.plans = plans;
    this.summaries = summaries;
    this.deadlines = deadlines;
    this.organisation = organisation;
    this.properties = properties;
    this.zone = calendar.zone();
  }

  /** The year a point on the engine clock belongs to (calendar zone). */
  public LocalDate today(java.time.Instant now) {
    return LocalDate.ofInstant(now, zone);
  }

  /** Parses the query parameters: a year 2000–2100 (default: the year of {@code today}) and a department code. */
  public int year(String text, LocalDate today) {
    if (text == null || text.isBlank()) {
      return today.getYear();
    }
    int year;
    try {
      year = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new BadRequestException("year", "应为四位数的年份，如 " + today.getYear());
    }
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new BadRequestException("year", "应在 " + MIN_YEAR + " 到 " + MAX_YEAR + " 之间");
    }
    return year;
  }

  public String department(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    String c = code.strip();
    if (organisation.department(c).isEmpty()) {
      throw new BadRequestException("department", "没有部门 " + c);
    }
    return c;
  }

  public String departmentName(String code) {
    return organisation.department(code).map(OrganisationProperties.Department::name).orElse(code);
  }

  /** Every figure of {@code year}, as it stands on {@code today}; {@code department} null for all. */
  @Transactional(readOnly = true)
  public Figures figures(int year, String department, LocalDate today) {
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new BadRequestException("year", "应在 " + MIN_YEAR + " 到 " + MAX_YEAR + " 之间");
    }
    if (department != null && organisation.department(department).isEmpty()) {
      throw new BadRequestException("department", "没有部门 " + department);
    }
    List<String> codes = department == null
        ? organisation.departments().stream().map(OrganisationProperties.Department::code).toList()
        : List.of(department);

    Counts plansPublished = new Counts();
    Counts plansFinished = new Counts();
    planCompletion(year, plansPublished, plansFinished);

    List<OnTimeRate> rates = deadlines.onTimeRates(YearMonth.of(year, 1), YearMonth.of(year, 12), department);
    Counts published = new Counts();
    Counts onTime = new Counts();
    Map<String, long[]> byMonth = new TreeMap<>();
    List<MonthFigures> departmentMonths = new ArrayList<>();
    for (OnTimeRate r : rates) {
      published.add(r.department(), r.published());
      onTime.add(r.department(), r.onTime());
      long[] m = byMonth.computeIfAbsent(r.month(), k -> new long[2]);
      m[0] += r.onTime();
      m[1] += r.published();
      Figure f = Figure.of(r.onTime(), r.published());
      departmentMonths.add(new MonthFigures(r.month(), r.department(), departmentName(r.department()), f,
          f.meets(ON_TIME_TARGET)));
    }
    List<MonthFigures> months = new ArrayList<>();
    for (int month = 1; month <= 12; month++) {
      String key = String.format("%04d-%02d", year, month);
      long[] m = byMonth.getOrDefault(key, new long[2]);
      Figure f = Figure.of(m[0], m[1]);
      months.add(new MonthFigures(key, department, department == null ? null : departmentName(department), f,
          f.meets(ON_TIME_TARGET)));
    }

    Counts due = new Counts();
    Counts rechecked = new Counts();
    followUps(year, today, due, rechecked);

    Inspections inspections = inspections(year);
    String key = department == null ? Counts.ALL : department;
    long[] raisedByMonth = new long[12];
    Map<String, RiskWarningService.Counts> warningCounts = warningCounts(year, today, key, raisedByMonth);
    long[] targetedByMonth = inspections.targetedMonths.getOrDefault(key, new long[12]);
    List<WarningMonth> warningMonths = new ArrayList<>();
    for (int month = 1; month <= 12; month++) {
      warningMonths.add(new WarningMonth(String.format("%04d-%02d", year, month), raisedByMonth[month - 1],
          targetedByMonth[month - 1]));
    }

    double target = properties.jointShareTarget();
    List<DepartmentFigures> rows = new ArrayList<>();
    for (String code : codes) {
      Figure joint = Figure.of(inspections.joint.get(code), inspections.random.get(code));
      Figure timely = Figure.of(onTime.get(code), published.get(code));
      rows.add(new DepartmentFigures(code, departmentName(code),
          Figure.of(plansFinished.get(code), plansPublished.get(code)), timely, timely.meets(ON_TIME_TARGET),
          Figure.of(rechecked.get(code), due.get(code)), joint, joint.meets(target),
          inspections.visitsSaved.get(code), inspections.load(code),
          WarningFigures.of(warningCounts.getOrDefault(code, none(code)), inspections.targeted.get(code))));
    }
    Figure joint = Figure.of(inspections.joint.get(key), inspections.random.get(key));
    Figure timely = Figure.of(onTime.get(key), published.get(key));
    DepartmentFigures total = new DepartmentFigures(department, department == null ? "全部部门" : departmentName(department),
        Figure.of(plansFinished.get(key), plansPublished.get(key)), timely, timely.meets(ON_TIME_TARGET),
        Figure.of(rechecked.get(key), due.get(key)), joint, joint.meets(target), inspections.visitsSaved.get(key),
        inspections.load(key), WarningFigures.of(warningCounts.getOrDefault(key, none(key)), inspections.targeted.get(key)));
    return new Figures(year, department, today, ON_TIME_TARGET, target, total, rows, months, departmentMonths,
        warningMonths);
  }

  private static RiskWarningService.Counts none(String department) {
    return new RiskWarningService.Counts(department, 0, 0, 0, 0, 0, 0);
  }

  /**
   * The risk warnings received in the year (calendar zone) per department and over all ({@link Counts#ALL}),
   * from the credit feature's own counts; "due" as of the end of {@code today}. Counted per month in one query
   * (the months partition the year, so their sums are the year's counts): {@code raisedByMonth} gets the
   * warnings of {@code key} (a department or {@link Counts#ALL}) received in each month.
   */
  private Map<String, RiskWarningService.Counts> warningCounts(int year, LocalDate today, String key,
      long[] raisedByMonth) {
    java.time.Instant now = today.plusDays(1).atStartOfDay(zone).toInstant();
    List<java.time.Instant> bounds = new ArrayList<>();
    for (int month = 1; month <= 13; month++) {
      bounds.add(YearMonth.of(year, 1).plusMonths(month - 1L).atDay(1).atStartOfDay(zone).toInstant());
    }
    List<List<RiskWarningService.Counts>> byMonth = warnings.counts(bounds, now);
    Map<String, long[]> sums = new HashMap<>();
    for (int month = 1; month <= 12; month++) {
      for (RiskWarningService.Counts c : byMonth.get(month - 1)) {
        long[] add = {c.raised(), c.due(), c.checkedOnTime(), c.checked(), c.confirmed(), c.inspections()};
        for (String k : List.of(c.department(), Counts.ALL)) {
          long[] sum = sums.computeIfAbsent(k, x -> new long[6]);
          for (int i = 0; i < sum.length; i++) {
            sum[i] += add[i];
          }
        }
        if (key.equals(Counts.ALL) || key.equals(c.department())) {
          raisedByMonth[month - 1] += c.raised();
        }
      }
    }
    Map<String, RiskWarningService.Counts> counts = new HashMap<>();
    sums.forEach((k, s) -> counts.put(k, new RiskWarningService.Counts(k, s[0], s[1], s[2], s[3], s[4], s[5])));
    return counts;
  }

  /**
   * Plans of the year that were published (published, drawn or closed) and those of them whose inspections
   * are all finished: every batch has opened its inspections and every entity drawn in every batch has a
   * DONE inspection ({@link PlanSummaries#finished}, one pass for the year). A plan counts for each of its
   * departments.
   */
  private void planCompletion(int year, Counts publishedPlans, Counts finishedPlans) {
    List<Plan> published = plans.list(year, null).stream().filter(p -> PUBLISHED_PLAN.contains(p.status())).toList();
    Map<String, Integer> batchesByPlan = new HashMap<>();
    published.forEach(p -> batchesByPlan.put(p.number(), p.batches().size()));
    Set<String> finished = summaries.finished(batchesByPlan);
    for (Plan plan : published) {
      List<String> departments = plan.departments().stream().map(d -> d.department()).distinct().toList();
      publishedPlans.add(departments, 1);
      if (finished.contains(plan.number())) {
        finishedPlans.add(departments, 1);
      }
    }
  }

  /**
   * Rectification orders falling due in the year: ordered, with a deadline in the year that has passed
   * ({@code deadline < today}) or already re-checked; of these, the re-checked ones (corrected, E, or
   * re-checked as not corrected and transferred, A).
   */
  private void followUps(int year, LocalDate today, Counts due, Counts rechecked) {
    // read-only query on rectification's table: Rectifications lists per inspection only
    jdbc.sql("SELECT department, deadline, status FROM rectification WHERE deadline IS NOT NULL"
            + " AND deadline >= :from AND deadline <= :to")
        .param("from", Date.valueOf(LocalDate.of(year, 1, 1))).param("to", Date.valueOf(LocalDate.of(year, 12, 31)))
        .query(rs -> {
          String department = rs.getString("department");
          boolean done = RECHECKED.contains(rs.getString("status"));
          if (done || rs.getDate("deadline").toLocalDate().isBefore(today)) {
            due.add(department, 1);
            if (done) {
              rechecked.add(department, 1);
            }
          }
        });
  }

  /**
   * Inspections opened in the year (calendar zone) with their departments (drawn or flagged), the
   * separate visits their joint visit replaced, and the entity inspected.
   */
  private Inspections inspections(int year) {
    Timestamp from = Timestamp.from(LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant());
    Timestamp to = Timestamp.from(LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant());
    Map<String, Opened> opened = new LinkedHashMap<>();
    // read-only query on inspection's tables: InspectionAssignments tells the departments of one
    // inspection at a time, and the visits replaced are summed per plan batch only once it is summarised
    jdbc.sql("SELECT i.number, i.uscc, i.kind, i.opened_at, d.department, v.visits_replaced FROM inspection i"
            + " LEFT JOIN (SELECT inspection_number, department FROM inspection_assignment"
            + " UNION SELECT inspection_number, department FROM inspection_flag) d ON d.inspection_number = i.number"
            + " LEFT JOIN inspection_visit v ON v.inspection_number = i.number"
            + " WHERE i.opened_at >= :from AND i.opened_at < :to")
        .param("from", from).param("to", to)
        .query(rs -> {
          Opened o = opened.computeIfAbsent(rs.getString("number"),
              n -> new Opened(safe(rs, "uscc"), safeInt(rs, "visits_replaced"),
                  TargetedInspections.KIND.equals(safe(rs, "kind")), month(rs, "opened_at")));
          String department = rs.getString("department");
          if (department != null) {
            o.departments.add(department);
          }
        });
    Inspections result = new Inspections();
    for (Opened o : opened.values()) {
      List<String> keys = new ArrayList<>(o.departments);
      keys.add(Counts.ALL);
      boolean joint = o.departments.size() >= 2;
      for (String key : keys) {
        // a targeted inspection (定向检查, opened outside the plans) is counted on its own. The joint share is the
        // provincial figure of the random (双随机) inspections, so only those count in it; a joint targeted
        // inspection saves visits all the same (one door, many checks), and every inspection is a visit
        if (o.targeted) {
          result.targeted.only(key, 1);
          result.targetedMonths.computeIfAbsent(key, k -> new long[12])[o.month - 1]++;
        } else {
          result.random.only(key, 1);
          if (joint) {
            result.joint.only(key, 1);
          }
        }
        if (joint) {
          result.visitsSaved.only(key, o.visitsReplaced);
        }
        result.opened.only(key, 1);
        result.perEntity.computeIfAbsent(key, k -> new HashMap<>()).merge(o.uscc, 1L, Long::sum);
      }
    }
    return result;
  }

  private static String safe(java.sql.ResultSet rs, String column) {
    try {
      return rs.getString(column);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The month (1–12, calendar zone) of a timestamp column. */
  private int month(java.sql.ResultSet rs, String column) {
    try {
      return rs.getTimestamp(column).toInstant().atZone(zone).getMonthValue();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int safeInt(java.sql.ResultSet rs, String column) {
    try {
      return rs.getInt(column);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Opened {
    final String uscc;
    final int visitsReplaced;
    final boolean targeted;
    final int month;
    final Set<String> departments = new HashSet<>();

    Opened(String uscc, int visitsReplaced, boolean targeted, int month) {
      this.uscc = uscc;
      this.visitsReplaced = visitsReplaced;
      this.targeted = targeted;
      this.month = month;
    }
  }

  private static final class Inspections {
    final Counts opened = new Counts();
    final Counts random = new Counts();
    final Counts targeted = new Counts();
    /** Targeted inspections opened per month (index 0 = January), per department and over all. */
    final Map<String, long[]> targetedMonths = new HashMap<>();
    final Counts joint = new Counts();
    final Counts visitsSaved = new Counts();
    final Map<String, Map<String, Long>> perEntity = new HashMap<>();

    EntityLoad load(String key) {
      Map<String, Long> counts = perEntity.getOrDefault(key, Map.of());
      long highest = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
      return EntityLoad.of(opened.get(key), counts.size(), highest);
    }
  }

  /** Counts per department and over all departments ({@link #ALL}). */
  private static final class Counts {
    static final String ALL = "*";
    private final Map<String, Long> counts = new HashMap<>();

    void add(String department, long n) {
      counts.merge(department, n, Long::sum);
      counts.merge(ALL, n, Long::sum);
    }

    void add(List<String> departments, long n) {
      departments.forEach(d -> counts.merge(d, n, Long::sum));
      counts.merge(ALL, n, Long::sum);
    }

    /** Adds to {@code key} only (the caller adds to {@link #ALL} itself). */
    void only(String key, long n) {
      counts.merge(key, n, Long::sum);
    }

    long get(String key) {
      return counts.getOrDefault(key, 0L);
    }
  }
}
