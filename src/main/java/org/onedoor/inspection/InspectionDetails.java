package org.onedoor.inspection;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onedoor.directory.Uscc;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.NotFoundException;
import org.onedoor.security.OrganisationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * An inspection for staff: the list (by plan, department, status, USCC) and the detail — its departments
 * with their drawn inspectors (staff number and name only: never ID numbers or phones) and results, the
 * audit trail (every decision), and one section per feature ({@link InspectionSection} beans: visit,
 * records, evidence, rectifications, …).
 */
@Service
public class InspectionDetails {

  static final int MAX_SIZE = 200;
  static final int MAX_PAGE = 1_000_000;
  /** Statuses of {@code inspection.status}, with their Chinese labels. */
  public static final Map<String, String> STATUSES = Map.of(InspectionOpening.OPEN, "检查中", InspectionOpening.DONE, "已完成");

  /**
   * An inspection in a list. {@code kind}: random (drawn by a plan) or targeted (定向检查: no plan, no batch —
   * {@code planNumber} null, {@code batch} 0).
   */
  public record Summary(String number, String planNumber, int batch, String uscc, String entityName, String status,
      String statusLabel, Instant openedAt, Instant doneAt, String kind, String kindLabel) {}

  /** Kinds of {@code inspection.kind}, with their Chinese labels. */
  public static final Map<String, String> KINDS =
      Map.of(TargetedInspections.RANDOM, "双随机抽查", TargetedInspections.KIND, "定向检查");

  public record Page(List<Summary> items, int page, int size, long total) {}

  public record Inspector(String staffNumber, String name) {}

  public record Result(String code, String label, String remarks, String recordedBy, Instant recordedAt) {}

  public record Department(String code, String name, boolean flagged, String flagReason, List<Inspector> inspectors,
      Result result) {}

  public record Section(String key, String title, int order, Object data) {}

  public record Detail(Summary inspection, List<Department> departments, List<InspectionAudit.Event> audit,
      List<Section> sections) {}

  /** The same for the staff page: sections as display tables. */
  public record StaffView(Summary inspection, List<Department> departments, List<InspectionAudit.Event> audit,
      List<TitledTable> tables) {}

  public record TitledTable(String key, String title, InspectionSection.Table table, List<InspectionSection.Link> links) {}

  private final JdbcClient jdbc;
  private final InspectionAudit audit;
  private final OrganisationProperties organisation;
  private final List<InspectionSection> sections;

  public InspectionDetails(JdbcClient jdbc, InspectionAudit audit, OrganisationProperties organisation,
      List<InspectionSection> sections) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.organisation = organisation;
    this.sections = sections.stream().sorted(Comparator.comparingInt(InspectionSection::order)
        .thenComparing(InspectionSection::key)).toList();
  }

  /** A page of inspections, in number order; every filter optional and checked (400 naming it). */
  public Page list(String plan, String department, String status, String uscc, int page, int size) {
    if (page < 0 || page > MAX_PAGE) {
      throw new BadRequestException("page", "须在 0 到 " + MAX_PAGE + " 之间");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new BadRequestException("size", "须在 1 到 " + MAX_SIZE + " 之间");
    }
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new LinkedHashMap<>();
    if (blank(plan) == null && plan != null && !plan.isEmpty()) {
      throw new BadRequestException("plan", "不能为空白");
    }
    if (blank(plan) != null) {
      String p = plan.strip();
      if (p.length() > 40 || !p.matches("[A-Za-z0-9._-]+")) {
        throw new BadRequestException("plan", "计划编号只含字母、数字和 . _ -，最长 40 个字符");
      }
      where.append(" AND i.plan_number = :plan");
      params.put("plan", p);
    }
    if (blank(department) != null) {
      String d = department.strip();
      if (organisation.department(d).isEmpty()) {
        throw new BadRequestException("department", "未知部门“" + d + "”；可选："
            + String.join("、", organisation.departments().stream().map(OrganisationProperties.Department::code).toList()));
      }
      where.append(" AND (EXISTS (SELECT 1 FROM inspection_assignment a WHERE a.inspection_number = i.number"
          + " AND a.department = :dep) OR EXISTS (SELECT 1 FROM inspection_flag f WHERE f.inspection_number = i.number"
          + " AND f.department = :dep))");
      params.put("dep", d);
    }
    if (blank(status) != null) {
      String s = status.strip().toUpperCase(java.util.Locale.ROOT);
      if (!STATUSES.containsKey(s)) {
        throw new BadRequestException("status", "可选：" + String.join("、", STATUSES.keySet().stream().sorted().toList()));
      }
      where.append(" AND i.status = :status");
      params.put("status", s);
    }
    if (blank(uscc) != null) {
      String u = uscc.strip().toUpperCase(java.util.Locale.ROOT);
      Optional<String> problem = Uscc.problem(u);
      if (problem.isPresent()) {
        throw new BadRequestException("uscc", problem.get());
      }
      where.append(" AND i.uscc = :uscc");
      params.put("uscc", u);
    }
    var count = jdbc.sql("SELECT COUNT(*) FROM inspection i" + where);
    var rows = jdbc.sql(SUMMARY + where + " ORDER BY i.number LIMIT :limit OFFSET :offset");
    for (var e : params.entrySet()) {
      count = count.param(e.getKey(), e.getValue());
      rows = rows.param(e.getKey(), e.getValue());
    }
    long total = count.query(Long.class).single();
    List<Summary> items = rows.param("limit", size).param("offset", (long) page * size)
        .query((rs, i) -> summary(rs)).list();
    return new Page(items, page, size, total);
  }

  private static final String SUMMARY = "SELECT i.number, i.plan_number, i.batch, i.uscc, e.name AS entity_name,"
      + " i.status, i.opened_at, i.done_at, i.kind FROM inspection i LEFT JOIN directory_entity e ON e.uscc = i.uscc";

  private static Summary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
    Timestamp done = rs.getTimestamp("done_at");
    String status = rs.getString("status");
    return new Summary(rs.getString("number"), rs.getString("plan_number"), rs.getInt("batch"), rs.getString("uscc"),
        rs.getString("entity_name"), status, STATUSES.getOrDefault(status, status),
        rs.getTimestamp("opened_at").toInstant(), done == null ? null : done.toInstant(), rs.getString("kind"),
        KINDS.getOrDefault(rs.getString("kind"), rs.getString("kind")));
  }

  public Summary summary(String number) {
    return jdbc.sql(SUMMARY + " WHERE i.number = :n").param("n", number).query((rs, i) -> summary(rs)).optional()
        .orElseThrow(() -> new NotFoundException("number", "没有编号为 " + number + " 的检查"));
  }

  public Detail detail(String number) {
    Summary summary = summary(number);
    List<Section> data = new ArrayList<>();
    for (InspectionSection section : sections) {
      data.add(new Section(section.key(), section.title(), section.order(), section.data(number)));
    }
    return new Detail(summary, departments(number), audit.events(number), data);
  }

  public StaffView page(String number) {
    Summary summary = summary(number);
    List<TitledTable> tables = new ArrayList<>();
    for (InspectionSection section : sections) {
      tables.add(new TitledTable(section.key(), section.title(), section.table(number), section.links(number)));
    }
    return new StaffView(summary, departments(number), audit.events(number), tables);
  }

  public String departmentName(String code) {
    return code == null ? "" : organisation.department(code).map(OrganisationProperties.Department::name).orElse(code);
  }

  List<Department> departments(String number) {
    Map<String, List<Inspector>> inspectors = new LinkedHashMap<>();
    jdbc.sql("SELECT a.department, a.staff_number, COALESCE(d.name, u.FIRST_) AS name FROM inspection_assignment a"
            + " LEFT JOIN directory_inspector d ON d.staff_number = a.staff_number"
            + " LEFT JOIN ACT_ID_USER u ON u.ID_ = a.staff_number"
            + " WHERE a.inspection_number = :n ORDER BY a.department, a.staff_number")
        .param("n", number)
        .query(rs -> {
          inspectors.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new Inspector(rs.getString(2), rs.getString(3)));
        });
    Map<String, String> flags = new LinkedHashMap<>();
    jdbc.sql("SELECT department, reason FROM inspection_flag WHERE inspection_number = :n").param("n", number)
        .query(rs -> {
          flags.put(rs.getString(1), rs.getString(2));
        });
    Map<String, Result> results = new LinkedHashMap<>();
    jdbc.sql("SELECT department, code, remarks, recorded_by, recorded_at FROM inspection_result"
            + " WHERE inspection_number = :n").param("n", number)
        .query(rs -> {
          results.put(rs.getString(1), new Result(rs.getString(2), InspectionRecording.CODES.get(rs.getString(2)),
              rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant()));
        });
    java.util.TreeSet<String> codes = new java.util.TreeSet<>(inspectors.keySet());
    codes.addAll(flags.keySet());
    return codes.stream().map(code -> new Department(code, departmentName(code), flags.containsKey(code),
        flags.get(code), inspectors.getOrDefault(code, List.of()), results.get(code))).toList();
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
