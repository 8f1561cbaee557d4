package org.onedoor.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.catalog.CatalogService;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.Plan;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.onedoor.platform.TextCheck;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.platform.web.NotFoundException;
import org.onedoor.security.OrganisationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sampling plans (R3): validated as a whole — every bad field is named at once — and stored with
 * the catalogue version they were drafted against, which they keep.
 */
@Service
public class PlanService {

  public static final String PROCESS = "sampling-plan";
  static final Set<String> MODES = Set.of("untargeted", "targeted");
  static final Set<String> ENTITY_TYPES = Set.of("enterprise", "cooperative", "individual", "foreign_office");
  static final Set<String> ENTITY_STATUSES = Set.of("active", "abnormal", "deregistered", "revoked", "moved_out");
  static final Set<String> CREDIT_CLASSES = Set.of("A", "B", "C", "D");
  /** 企业公示信息抽查：抽查比例不低于 3%（the legal floor for enterprise public-information checks). */
  static final BigDecimal PUBLIC_INFORMATION_FLOOR = new BigDecimal("0.03");
  static final int MIN_INSPECTORS = 2;

  private final JdbcClient jdbc;
  private final CatalogService catalog;
  private final OrganisationProperties organisation;
  private final ObjectMapper json;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final ZoneId zone;

  public PlanService(JdbcClient jdbc, CatalogService catalog, OrganisationProperties organisation, ObjectMapper json,
      RuntimeService runtime, TaskService tasks, IdentityService identity,
      @Value("${onedoor.calendar.zone:Asia/Shanghai}") String zone) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.zone = ZoneId.of(zone);
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.organisation = organisation;
    this.json = json;
  }

  /** A plan submitted over the API: stored, and its process started, in one transaction. */
  @Transactional
  public Plan create(PlanRequest request, String user, Instant now) {
    Plan plan = validate(request, user, now, today(now));
    long id = insert(plan, user, now);
    // the plan and its process commit together: variables carry the number and routing facts only
    String processInstanceId = runtime.startProcessInstanceByKey(PROCESS, plan.number(), Map.of(
            "planNumber", plan.number(),
            "leadDepartment", plan.leadDepartment(),
            "drafter", user,
            "beaconRequired", plan.beaconRequired(),
            "planTitle", title(plan)))
        .getId();
    jdbc.sql("UPDATE plan_plan SET process_instance_id = :pi WHERE id = :id")
        .param("pi", processInstanceId).param("id", id).update();
    return get(plan.number());
  }

  /** A plan drafted in Tasklist's start form: its process is already running. */
  @Transactional
  public Plan register(PlanRequest request, String user, String processInstanceId, Instant now) {
    Plan plan = validate(request, user, now, today(now));
    long id = insert(plan, user, now);
    jdbc.sql("UPDATE plan_plan SET process_instance_id = :pi WHERE id = :id")
        .param("pi", processInstanceId).param("id", id).update();
    return get(plan.number());
  }

  /**
   * A plan drafted in Tasklist's start form ({@code plan-start}, see {@link PlanForm}): validated
   * like the API's, errors named by the form's fields.
   */
  @Transactional
  public Plan registerForm(java.util.function.Function<String, Object> form, String user, String processInstanceId,
      Instant now) {
    Object number = form.apply("number");
    Object lead = form.apply("leadDepartment");
    PlanRequest request = PlanForm.request(form, departmentCodes(), number == null ? null : number.toString(),
        lead == null ? null : lead.toString());
    try {
      return register(request, user, processInstanceId, now);
    } catch (BadRequestException e) {
      throw PlanForm.named(e, request);
    }
  }

  /**
   * A returned plan corrected in 修改计划 ({@code plan-revise}): the listener completing the task
   * sets the process's variables itself, in the engine's transaction.
   */
  @Transactional
  public Plan reviseForm(String number, java.util.function.Function<String, Object> form, String user, Instant now) {
    Plan current = get(number);
    PlanRequest fromForm = PlanForm.request(form, departmentCodes(), number, current.leadDepartment());
    // what the form does not show stays as it was: catalogue version, ratio overrides, finer filters
    PopulationFilter was = current.populationFilter();
    PlanRequest request = new PlanRequest(fromForm.year(), number, fromForm.name(), fromForm.mode(),
        fromForm.leadDepartment(), fromForm.departments(),
        new PopulationFilter(fromForm.populationFilter().categories(), was.subcategories(), was.types(),
            fromForm.populationFilter().regions(), was.tags(), was.statuses(), was.commitmentOnly()),
        fromForm.inspectorsPerDepartment(), fromForm.crossJurisdiction(), fromForm.batches(), fromForm.drawDate(),
        fromForm.beaconRequired(), fromForm.publicInformation(), current.catalogVersion(), current.ratioOverrides());
    try {
      return storeRevision(number, request);
    } catch (BadRequestException e) {
      throw PlanForm.named(e, request);
    }
  }

  /** The city's department codes, in the order the plan forms show them. */
  public List<String> departmentCodes() {
    return organisation.departments().stream().map(OrganisationProperties.Department::code).toList();
  }

  /** A department's Chinese name (the code when unknown). */
  public String departmentName(String code) {
    return organisation.department(code).map(OrganisationProperties.Department::name).orElse(code);
  }

  /** What Tasklist shows next to a plan's tasks: number and name. */
  public static String title(Plan plan) {
    return plan.number() + " " + plan.name();
  }

  private long insert(Plan plan, String user, Instant now) {
    if (find(plan.number()).isPresent()) {
      throw new ConflictException("计划编号 " + plan.number() + " 已存在");
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO plan_plan (number, plan_year, name, mode, lead_department, catalog_version,
                inspectors_per_department, cross_jurisdiction, beacon_required, public_information, draw_date,
                population_filter, ratio_overrides, status, created_by, created_at)
            VALUES (:number, :year, :name, :mode, :lead, :version, :inspectors, :cross, :beacon, :publicInfo,
                :drawDate, :filter, :ratios, :status, :by, :at)
            """)
        .param("number", plan.number())
        .param("year", plan.year())
        .param("name", plan.name())
        .param("mode", plan.mode())
        .param("lead", plan.leadDepartment())
        .param("version", plan.catalogVersion())
        .param("inspectors", plan.inspectorsPerDepartment())
        .param("cross", plan.crossJurisdiction())
        .param("beacon", plan.beaconRequired())
        .param("publicInfo", plan.publicInformation())
        .param("drawDate", Date.valueOf(plan.drawDate()))
        .param("filter", write(plan.populationFilter()))
        .param("ratios", write(plan.ratioOverrides()))
        .param("status", PlanLifecycle.IN_REVIEW)
        .param("by", user)
        .param("at", Timestamp.from(now))
        .update(key, "id");
    long id = key.getKeyAs(Number.class).longValue();
    insertParts(id, plan);
    return id;
  }

  /**
   * Replaces a returned plan's content (its number stays; so do its process and decisions). Only a
   * plan returned by review or sign-off may change; a published plan never does.
   */
  @Transactional
  public Plan update(String number, PlanRequest request, String user, Instant now) {
    Plan plan = storeRevision(number, request);
    String pi = jdbc.sql("SELECT process_instance_id FROM plan_plan WHERE number = :n").param("n", number)
        .query(String.class).single();
    if (pi != null) {
      // the drafter may not write process variables; the application keeps them in step with the plan
      asSystem(() -> {
        runtime.setVariable(pi, "beaconRequired", plan.beaconRequired());
        runtime.setVariable(pi, "planTitle", title(plan));
        // 修改计划, if open, shows the plan as it now stands
        tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("RevisePlan").list()
            .forEach(task -> tasks.setVariablesLocal(task.getId(), PlanForm.values(plan, departmentCodes())));
      });
    }
    return plan;
  }

  /** Runs engine calls as the application: the signed-in user's engine authorizations do not apply. */
  private void asSystem(Runnable work) {
    Authentication user = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      work.run();
    } finally {
      if (user != null) {
        identity.setAuthentication(user);
      }
    }
  }

  /** Validates and stores a returned plan's new content (our tables only). */
  private Plan storeRevision(String number, PlanRequest request) {
    Plan current = get(number);
    if (!PlanLifecycle.RETURNED.equals(current.status())) {
      throw new ConflictException("只有被退回的计划可以修改；计划 " + number + " 当前状态为“" + PlanLifecycle.statusLabel(current.status()) + "”");
    }
    if (request == null) {
      throw new BadRequestException("body", "缺少计划内容");
    }
    if (request.number() != null && !request.number().strip().equals(number)) {
      throw new BadRequestException("number", "计划编号不能修改");
    }
    PlanRequest withNumber = new PlanRequest(request.year(), number, request.name(), request.mode(),
        request.leadDepartment(), request.departments(), request.populationFilter(),
        request.inspectorsPerDepartment(), request.crossJurisdiction(), request.batches(), request.drawDate(),
        request.beaconRequired(), request.publicInformation(), request.catalogVersion(), request.ratioOverrides());
    // a revision is judged on today's date (the application clock), not on the day of drafting
    Plan plan = validate(withNumber, current.createdBy(), current.createdAt(), today(ClockUtil.now().toInstant()));
    if (!plan.leadDepartment().equals(current.leadDepartment())) {
      throw new BadRequestException("leadDepartment", "牵头部门不能修改；请另拟计划");
    }
    long id = jdbc.sql("SELECT id FROM plan_plan WHERE number = :n").param("n", number).query(Long.class).single();
    jdbc.sql(
            """
            UPDATE plan_plan SET plan_year = :year, name = :name, mode = :mode, catalog_version = :version,
                inspectors_per_department = :inspectors, cross_jurisdiction = :cross, beacon_required = :beacon,
                public_information = :publicInfo, draw_date = :drawDate, population_filter = :filter,
                ratio_overrides = :ratios
            WHERE id = :id
            """)
        .param("year", plan.year()).param("name", plan.name()).param("mode", plan.mode())
        .param("version", plan.catalogVersion()).param("inspectors", plan.inspectorsPerDepartment())
        .param("cross", plan.crossJurisdiction()).param("beacon", plan.beaconRequired())
        .param("publicInfo", plan.publicInformation()).param("drawDate", Date.valueOf(plan.drawDate()))
        .param("filter", write(plan.populationFilter())).param("ratios", write(plan.ratioOverrides()))
        .param("id", id).update();
    jdbc.sql("DELETE FROM plan_department_item WHERE plan_id = :id").param("id", id).update();
    jdbc.sql("DELETE FROM plan_batch WHERE plan_id = :id").param("id", id).update();
    insertParts(id, plan);
    return get(number);
  }

  private void insertParts(long id, Plan plan) {
    for (DepartmentItems department : plan.departments()) {
      for (String item : department.items()) {
        jdbc.sql("INSERT INTO plan_department_item (plan_id, department, item_code) VALUES (:p, :d, :i)")
            .param("p", id).param("d", department.department()).param("i", item).update();
      }
    }
    int batch = 1;
    for (BatchWindow window : plan.batches()) {
      jdbc.sql("INSERT INTO plan_batch (plan_id, batch, window_from, window_to) VALUES (:p, :b, :f, :t)")
          .param("p", id).param("b", batch++).param("f", Date.valueOf(window.from()))
          .param("t", Date.valueOf(window.to())).update();
    }
  }

  public Optional<Plan> find(String number) {
    return jdbc.sql("SELECT * FROM plan_plan WHERE number = :n").param("n", number)
        .query((rs, n) -> new Object[] {
            rs.getLong("id"), rs.getString("number"), rs.getInt("plan_year"), rs.getString("name"),
            rs.getString("mode"), rs.getString("lead_department"), rs.getInt("inspectors_per_department"),
            rs.getBoolean("cross_jurisdiction"), rs.getDate("draw_date").toLocalDate(), rs.getBoolean("beacon_required"),
            rs.getBoolean("public_information"), rs.getInt("catalog_version"), rs.getString("population_filter"),
            rs.getString("ratio_overrides"), rs.getString("status"), rs.getString("created_by"),
            rs.getTimestamp("created_at").toInstant()})
        .optional()
        .map(this::assemble);
  }

  public Plan get(String number) {
    return find(number).orElseThrow(() -> new NotFoundException("number", "抽查计划 " + number + " 不存在"));
  }

  public List<Plan> list(Integer year, String status) {
    StringBuilder sql = new StringBuilder("SELECT number FROM plan_plan WHERE 1 = 1");
    Map<String, Object> params = new LinkedHashMap<>();
    if (year != null) {
      sql.append(" AND plan_year = :year");
      params.put("year", year);
    }
    if (status != null) {
      sql.append(" AND status = :status");
      params.put("status", status);
    }
    sql.append(" ORDER BY plan_year DESC, number");
    return jdbc.sql(sql.toString()).params(params).query(String.class).list().stream().map(this::get).toList();
  }

  private Plan assemble(Object[] row) {
    long id = (Long) row[0];
    Map<String, List<String>> items = new LinkedHashMap<>();
    jdbc.sql("SELECT department, item_code FROM plan_department_item WHERE plan_id = :p ORDER BY department, item_code")
        .param("p", id)
        .query(rs -> {
          items.computeIfAbsent(rs.getString("department"), k -> new ArrayList<>()).add(rs.getString("item_code"));
        });
    String lead = (String) row[5];
    List<DepartmentItems> departments = new ArrayList<>();
    if (items.containsKey(lead)) {
      departments.add(new DepartmentItems(lead, items.remove(lead)));
    }
    items.forEach((department, codes) -> departments.add(new DepartmentItems(department, codes)));
    List<BatchWindow> batches = jdbc.sql("SELECT window_from, window_to FROM plan_batch WHERE plan_id = :p ORDER BY batch")
        .param("p", id)
        .query((rs, n) -> new BatchWindow(rs.getDate("window_from").toLocalDate(), rs.getDate("window_to").toLocalDate()))
        .list();
    return new Plan((String) row[1], (Integer) row[2], (String) row[3], (String) row[4], lead, departments,
        read((String) row[12], new TypeReference<PopulationFilter>() {}), (Integer) row[6], (Boolean) row[7],
        batches, (LocalDate) row[8], (Boolean) row[9], (Boolean) row[10], (Integer) row[11],
        read((String) row[13], new TypeReference<TreeMap<String, String>>() {}), (String) row[14], (String) row[15],
        (Instant) row[16]);
  }

  /** Every problem of the request at once, or the normalised plan. */
  private LocalDate today(Instant now) {
    return LocalDate.ofInstant(now, zone);
  }

  /**
   * Checks every field; a plan must lie ahead: its draw date not before {@code today}, no batch
   * window ended before it, and every later batch (drawn on its window's first day) starting today
   * or later. Published plans are corrected through the public site's corrections, not here.
   */
  Plan validate(PlanRequest r, String user, Instant now, LocalDate today) {
    List<FieldError> errors = new ArrayList<>();
    if (r == null) {
      throw new BadRequestException("body", "缺少计划内容");
    }
    if (r.year() == null || r.year() < 2000 || r.year() > 2100) {
      errors.add(new FieldError("year", "年度应在 2000 到 2100 之间"));
    }
    if (r.number() == null || !r.number().strip().matches("[A-Za-z0-9][A-Za-z0-9-]{0,39}")) {
      errors.add(new FieldError("number", "计划编号应为 1–40 位字母、数字或连字符"));
    }
    if (r.name() == null || r.name().isBlank() || r.name().strip().length() > 200) {
      errors.add(new FieldError("name", "计划名称必填，最长 200 个字符"));
    }
    TextCheck.singleLine(errors, "name", r.name());
    String mode = r.mode() == null ? "untargeted" : switch (r.mode().strip()) {
      case "不定向" -> "untargeted";
      case "定向" -> "targeted";
      default -> r.mode().strip();
    };
    if (!MODES.contains(mode)) {
      errors.add(new FieldError("mode", "应为 untargeted（不定向）或 targeted（定向）"));
    }
    if (!known(r.leadDepartment())) {
      errors.add(new FieldError("leadDepartment", "未知的部门：" + r.leadDepartment()));
    }
    int inspectors = r.inspectorsPerDepartment() == null ? MIN_INSPECTORS : r.inspectorsPerDepartment();
    if (inspectors < MIN_INSPECTORS || inspectors > 10) {
      errors.add(new FieldError("inspectorsPerDepartment", "每个部门每户至少 2 名执法人员（行政处罚法第四十二条），至多 10 名"));
    }

    Integer version = r.catalogVersion();
    Optional<Version> catalogVersion = version == null ? catalog.latestPublished()
        : catalog.versions().stream().filter(v -> v.versionNo() == version).findFirst();
    if (catalogVersion.isEmpty() || !catalogVersion.get().isPublished()) {
      errors.add(new FieldError("catalogVersion", version == null ? "尚未发布任何抽查事项目录" : "目录版本 " + version + " 不存在或未发布"));
    }

    List<DepartmentItems> departments = r.departments() == null ? List.of() : r.departments();
    if (departments.isEmpty()) {
      errors.add(new FieldError("departments", "至少需要一个实施部门及其抽查事项"));
    }
    Set<String> seen = new HashSet<>();
    Set<String> allItems = new HashSet<>();
    for (DepartmentItems d : departments) {
      if (d.items() != null) {
        d.items().stream().filter(i -> i != null).map(String::strip).forEach(allItems::add);
      }
    }
    Map<String, String> owners = catalogVersion.filter(Version::isPublished)
        .map(v -> catalog.departmentsOf(v.versionNo(), allItems)).orElse(Map.of());
    for (int i = 0; i < departments.size(); i++) {
      DepartmentItems d = departments.get(i);
      String at = "departments[" + i + "]";
      if (!known(d.department())) {
        errors.add(new FieldError(at + ".department", "未知的部门：" + d.department()));
      } else if (!seen.add(d.department())) {
        errors.add(new FieldError(at + ".department", "部门重复：" + d.department()));
      }
      if (d.items() == null || d.items().isEmpty()) {
        errors.add(new FieldError(at + ".items", "至少需要一个抽查事项（无清单不检查）"));
        continue;
      }
      for (int j = 0; j < d.items().size(); j++) {
        String code = d.items().get(j) == null ? null : d.items().get(j).strip();
        if (catalogVersion.isPresent() && catalogVersion.get().isPublished()) {
          String owner = owners.get(code);
          if (owner == null) {
            errors.add(new FieldError(at + ".items[" + j + "]", "事项 " + code + " 不在目录版本 "
                + catalogVersion.get().versionNo() + " 中"));
          } else if (!owner.equals(d.department())) {
            errors.add(new FieldError(at + ".items[" + j + "]", "事项 " + code + " 属于 " + owner + "，不属于 " + d.department()));
          }
        }
      }
    }
    if (known(r.leadDepartment()) && !seen.isEmpty() && !seen.contains(r.leadDepartment())) {
      errors.add(new FieldError("leadDepartment", "牵头部门必须是实施部门之一"));
    }

    PopulationFilter filter = normalise(r.populationFilter());
    for (int i = 0; i < filter.types().size(); i++) {
      if (!ENTITY_TYPES.contains(filter.types().get(i))) {
        errors.add(new FieldError("populationFilter.types[" + i + "]", "应为 " + String.join("、", new java.util.TreeSet<>(ENTITY_TYPES)) + " 之一"));
      }
    }
    for (int i = 0; i < filter.statuses().size(); i++) {
      if (!ENTITY_STATUSES.contains(filter.statuses().get(i))) {
        errors.add(new FieldError("populationFilter.statuses[" + i + "]", "应为 " + String.join("、", new java.util.TreeSet<>(ENTITY_STATUSES)) + " 之一"));
      }
    }
    if ("targeted".equals(mode) && filter.isEmpty()) {
      errors.add(new FieldError("populationFilter", "定向抽查必须限定抽查对象范围"));
    }

    List<BatchWindow> batches = r.batches() == null ? List.of() : r.batches();
    if (batches.isEmpty()) {
      errors.add(new FieldError("batches", "至少需要一个批次的检查时间窗口"));
    }
    LocalDate previousEnd = null;
    for (int i = 0; i < batches.size(); i++) {
      BatchWindow w = batches.get(i);
      String at = "batches[" + i + "]";
      if (w.from() == null || w.to() == null) {
        errors.add(new FieldError(at, "起止日期必填"));
        continue;
      }
      if (w.to().isBefore(w.from())) {
        errors.add(new FieldError(at + ".to", "结束日期早于开始日期"));
      }
      if (r.year() != null && w.from().getYear() != r.year()) {
        errors.add(new FieldError(at + ".from", "批次应在计划年度 " + r.year() + " 内开始"));
      }
      if (previousEnd != null && !w.from().isAfter(previousEnd)) {
        errors.add(new FieldError(at + ".from", "批次时间窗口不能与上一批次重叠"));
      }
      if (w.to().isBefore(today)) {
        errors.add(new FieldError(at + ".to", "批次时间窗口已于 " + w.to() + " 结束，不能早于今天 " + today));
      } else if (i > 0 && w.from().isBefore(today)) {
        errors.add(new FieldError(at + ".from", "该批次在开始日抽取，开始日期不能早于今天 " + today));
      }
      previousEnd = w.to();
    }
    if (r.drawDate() == null) {
      errors.add(new FieldError("drawDate", "抽取日期必填"));
    } else if (r.drawDate().isBefore(today)) {
      errors.add(new FieldError("drawDate", "抽取日期 " + r.drawDate() + " 已过，不能早于今天 " + today));
    } else if (!batches.isEmpty() && batches.get(0).from() != null && batches.get(0).to() != null
        && (r.drawDate().isBefore(batches.get(0).from()) || r.drawDate().isAfter(batches.get(0).to()))) {
      errors.add(new FieldError("drawDate", "抽取日期应在第一批次时间窗口 " + batches.get(0).from() + " 至 "
          + batches.get(0).to() + " 内"));
    }

    boolean publicInformation = Boolean.TRUE.equals(r.publicInformation());
    Map<String, String> ratios = new TreeMap<>();
    if (r.ratioOverrides() != null) {
      r.ratioOverrides().forEach((creditClass, value) -> {
        String at = "ratioOverrides." + creditClass;
        if (!CREDIT_CLASSES.contains(creditClass)) {
          errors.add(new FieldError(at, "信用等级应为 A、B、C、D 之一"));
          return;
        }
        BigDecimal ratio;
        try {
          ratio = new BigDecimal(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
          errors.add(new FieldError(at, "比例应为 0 到 1 之间的小数，如 0.05"));
          return;
        }
        if (ratio.signum() < 0 || ratio.compareTo(BigDecimal.ONE) > 0) {
          errors.add(new FieldError(at, "比例应在 0 到 1 之间，实为 " + value));
        } else if (publicInformation && ratio.compareTo(PUBLIC_INFORMATION_FLOOR) < 0) {
          errors.add(new FieldError(at, "企业公示信息抽查比例不得低于 3%"));
        } else {
          ratios.put(creditClass, ratio.stripTrailingZeros().toPlainString());
        }
      });
    }

    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    List<DepartmentItems> ordered = new ArrayList<>();
    departments.stream().filter(d -> d.department().equals(r.leadDepartment())).findFirst()
        .ifPresent(d -> ordered.add(new DepartmentItems(d.department(), sortedItems(d))));
    departments.stream().filter(d -> !d.department().equals(r.leadDepartment()))
        .sorted(java.util.Comparator.comparing(DepartmentItems::department))
        .forEach(d -> ordered.add(new DepartmentItems(d.department(), sortedItems(d))));
    return new Plan(r.number().strip(), r.year(), r.name().strip(), mode, r.leadDepartment(), ordered, filter,
        inspectors, Boolean.TRUE.equals(r.crossJurisdiction()), List.copyOf(batches), r.drawDate(),
        r.beaconRequired() == null || r.beaconRequired(), publicInformation, catalogVersion.get().versionNo(),
        ratios, PlanLifecycle.IN_REVIEW, user, now);
  }

  private static List<String> sortedItems(DepartmentItems d) {
    return d.items().stream().map(String::strip).distinct().sorted().toList();
  }

  private boolean known(String department) {
    return department != null && organisation.department(department).isPresent();
  }

  private static PopulationFilter normalise(PopulationFilter f) {
    if (f == null) {
      return PopulationFilter.any();
    }
    return new PopulationFilter(clean(f.categories()), clean(f.subcategories()), clean(f.types()),
        clean(f.regions()), clean(f.tags()), clean(f.statuses()), f.commitmentOnly());
  }

  private static List<String> clean(List<String> values) {
    return values == null ? List.of()
        : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList();
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored plan data is not readable", e);
    }
  }
}
