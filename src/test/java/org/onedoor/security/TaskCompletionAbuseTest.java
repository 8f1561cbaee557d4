package org.onedoor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.catalog.CatalogService;
import org.onedoor.catalog.Catalog.ItemDraft;
import org.onedoor.catalog.Catalog.SubItemDraft;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.inspection.InspectionOpening;
import org.onedoor.listing.Listings;
import org.onedoor.plan.PlanLifecycle;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.onedoor.rectification.Rectifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13, item 3 (attacks 4 and 5), probed as an insider would through {@code /engine-rest} — the
 * calls Tasklist makes. For every user task of every deployed model (read from the models, so the
 * suite grows when a model gains a task): a non-candidate cannot complete it, an undeclared variable
 * is refused with 400 naming it, the task cannot be handed to another department, and afterwards the
 * task is still there and nothing changed. Then the named attacks.
 */
@OnedoorSpringTest
class TaskCompletionAbuseTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String USCC = "91330100JOINT0001X";
  static final String NAME = "联合检查测试企业";
  /** Staff of departments that take part in no fixture: never a candidate of any task here. */
  static final List<String> OUTSIDERS = List.of("zhenglei", "fengxue", "hejun", "xiebo", "panyi");

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired CatalogService catalog;
  @Autowired PlanService plans;
  @Autowired PlanLifecycle lifecycle;
  @Autowired Listings listings;
  @Autowired JdbcClient jdbc;
  @Autowired org.onedoor.credit.RiskWarningService warnings;

  TestHttp http;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
    ClockUtil.setCurrentTime(at(2026, 9, 21, 9, 0));
    if (catalog.latestPublished().isEmpty() || catalog.departmentsOf(catalog.latestPublished().get().versionNo(),
        List.of("JI-M1", "JI-C1", "JI-F1")).size() < 3) {
      Version draft = catalog.versions().stream().filter(v -> !v.isPublished()).findFirst()
          .orElseGet(() -> catalog.createDraft("admin", "abuse test", ClockUtil.now().toInstant()));
      item(draft.versionNo(), "JI-M1", "market", List.of("营业执照是否在醒目位置公示", "食品经营许可证是否在有效期内"));
      item(draft.versionNo(), "JI-C1", "culture", List.of("娱乐场所经营许可证是否有效"));
      item(draft.versionNo(), "JI-F1", "fire", List.of("疏散通道、安全出口是否畅通"));
      catalog.publish(draft.versionNo(), "admin", ClockUtil.now().toInstant());
    }
    if (jdbc.sql("SELECT COUNT(*) FROM directory_entity WHERE uscc = :u").param("u", USCC).query(Integer.class)
        .single() == 0) {
      jdbc.sql("""
          INSERT INTO directory_entity (uscc, name, type, category, subcategory, unit, region, address,
              legal_representative, status, credit_class, risk_level, tags, commitment, created_at, updated_at)
          VALUES (:u, :n, 'enterprise', '住宿和餐饮业', '', '西湖区所', '西湖区', '杭州市西湖区文三路 1 号', '', 'active', 'B',
              'medium', '', FALSE, :t, :t)""")
          .param("u", USCC).param("n", NAME).param("t", Timestamp.from(ClockUtil.now().toInstant())).update();
    }
  }

  @AfterEach
  void tearDown() {
    identity.clearAuthentication();
    TestClock.reset();
  }

  void item(int version, String code, String department, List<String> lines) {
    catalog.putItem(version, code, new ItemDraft("QD-JI-" + department, "联合检查测试", code + " 检查", department,
        "测试依据", "一般", List.of("现场检查"), List.of(new SubItemDraft(code + "-01", "子项", lines))));
  }

  static Date at(int y, int m, int d, int h, int min) {
    return Date.from(LocalDateTime.of(y, m, d, h, min).atZone(SHANGHAI).toInstant());
  }

  // ------------------------------------------------------------------ fixtures

  /** A registered plan (in review) of three departments led by {@code lead}. */
  String plan(String lead, String drafter) {
    String number = "AB-" + System.nanoTime() % 1_000_000_000L;
    List<DepartmentItems> items = List.of(new DepartmentItems("market", List.of("JI-M1")),
        new DepartmentItems("culture", List.of("JI-C1")), new DepartmentItems("fire", List.of("JI-F1")));
    plans.register(new PlanRequest(2026, number, "越权测试计划", "targeted", lead, items,
        new PopulationFilter(List.of("住宿和餐饮业"), List.of(), List.of(), List.of(), List.of(), List.of()), 2, false,
        List.of(new BatchWindow(LocalDate.of(2026, 9, 28), LocalDate.of(2026, 10, 23))), LocalDate.of(2026, 9, 28),
        true, false, null, Map.of()), drafter, "none", ClockUtil.now().toInstant());
    return number;
  }

  /** An inspection of {@code plan} as the opening leaves it: market zhangwei/lina, culture sunli/zhoujie, fire xuming/gaofeng. */
  String inspection(String plan) {
    String number = InspectionOpening.number(plan, 1);
    jdbc.sql("INSERT INTO inspection (number, plan_number, batch, uscc, status, opened_at) VALUES (:n, :p, 1, :u, 'OPEN', :t)")
        .param("n", number).param("p", plan).param("u", USCC).param("t", Timestamp.from(ClockUtil.now().toInstant()))
        .update();
    Map.of("market", List.of("zhangwei", "lina"), "culture", List.of("sunli", "zhoujie"),
        "fire", List.of("xuming", "gaofeng")).forEach((department, staff) -> staff.forEach(s -> jdbc.sql(
            "INSERT INTO inspection_assignment (inspection_number, department, staff_number) VALUES (:n, :d, :s)")
        .param("n", number).param("d", department).param("s", s).update()));
    return number;
  }

  /** Every variable some task of some model needs to exist: routing facts as the processes set them. */
  Map<String, Object> variables(String plan, String inspection) {
    Date later = at(2026, 10, 16, 23, 59);
    Map<String, Object> v = new HashMap<>();
    v.put("planNumber", plan);
    v.put("leadDepartment", "market");
    v.put("signOffDepartment", "culture");
    v.put("countersignDepartment", "culture");
    v.put("drafter", "chenjing");
    v.put("beaconRequired", true);
    v.put("batch", 1);
    v.put("inspectionNumber", inspection);
    v.put("department", "market");
    v.put("confirmDepartment", "culture");
    v.put("departments", "market,culture,fire");
    v.put("uscc", USCC);
    v.put("entityName", NAME);
    v.put("listingAction", "列入经营异常名录");
    v.put("removalAction", "移出经营异常名录");
    v.put("groundLabel", "通过登记的住所或者经营场所无法联系");
    v.put("decisionDeadline", later);
    v.put("objectionFiledOn", "2026-09-21");
    v.put("objectionVerifyBy", later);
    v.put("removalDeadline", later);
    v.put("thirdAnniversaryAt", later);
    v.put("escalationWorkingDays", 2);
    v.put("recheckCandidates", "zhangwei,lina");
    v.put("rectificationDeadline", "2026-10-16");
    v.put("rectificationDue", later);
    v.put("orderDeadline", "2026-10-16");
    v.put("recheckWorkingDays", 5);
    v.put("reportYear", 2025);
    v.put("candidates", 0);
    v.put("description", "监测数据异常");
    // risk-warning's tasks show the warning from our table: a registered warning of market, whose targeted
    // inspection asks culture to countersign (部门会签定向检查: one task for culture's chiefs)
    long warningId = warnings.register(new org.onedoor.credit.RiskWarningService.NewWarning("91330100799655058B", NAME,
        "market", "monitoring", "high", "监测数据异常"), "chenjing", null, ClockUtil.now().toInstant());
    jdbc.sql("""
        INSERT INTO credit_warning_countersign (warning_id, department, items, status, requested_at, due_at)
        VALUES (:w, 'culture', 'JI-C1', 'PENDING', :at, :due)""")
        .param("w", warningId).param("at", Timestamp.from(ClockUtil.now().toInstant()))
        .param("due", Timestamp.from(later.toInstant())).update();
    v.put("warningId", warningId);
    return v;
  }

  String businessKey(String processKey, String plan, String inspection) {
    return switch (processKey) {
      case "sampling-plan" -> plan;
      case "joint-inspection" -> inspection;
      case "rectification", "abnormal-listing" -> inspection + "-market";
      default -> "abuse-" + processKey + "-" + System.nanoTime();
    };
  }

  /** A task of every user task of the latest deployed models of {@code processes/}. */
  record ModelTask(String processKey, String taskId, String name) {}

  List<ModelTask> modelTasks() {
    List<ModelTask> found = new ArrayList<>();
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion()
        .orderByProcessDefinitionKey().asc().list()) {
      if (definition.getResourceName() == null || !definition.getResourceName().replace('\\', '/').contains("processes/")) {
        continue; // test stand-ins and benchmarks
      }
      Collection<UserTask> userTasks = repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(UserTask.class);
      userTasks.stream().sorted(java.util.Comparator.comparing(UserTask::getId))
          .forEach(t -> found.add(new ModelTask(definition.getKey(), t.getId(), t.getName())));
    }
    return found;
  }

  /**
   * What the later tasks of a joint inspection read when they are created: market's record (as its
   * inspectors submitted it) and the day the inspection was done.
   */
  void recordedAndDone(String inspection) {
    Timestamp now = Timestamp.from(ClockUtil.now().toInstant());
    jdbc.sql("""
        INSERT INTO inspection_record (inspection_number, department, version, status, result_code, methods, follow_ups,
            recorded_by, recorded_at, confidential, notify_department)
        VALUES (:n, 'market', 1, 'RECORDED', '1', '现场检查', '', 'zhangwei', :t, FALSE, 'culture')""")
        .param("n", inspection).param("t", now).update();
    jdbc.sql("UPDATE inspection SET done_at = :t WHERE number = :n").param("t", now).param("n", inspection).update();
  }

  /** Starts the process right before the task, as the application (no authentication), and returns the task. */
  Task taskOf(ModelTask model) {
    String plan = plan("market", "chenjing");
    String inspection = inspection(plan);
    if (model.processKey().equals(InspectionOpening.PROCESS)
        && !List.of("ProposeVisit", "ConfirmVisit", "DecideVisit", "RecordInspection").contains(model.taskId())) {
      recordedAndDone(inspection);
    }
    ProcessInstance instance = runtime.createProcessInstanceByKey(model.processKey())
        .businessKey(businessKey(model.processKey(), plan, inspection))
        .setVariables(variables(plan, inspection))
        .startBeforeActivity(model.taskId())
        .execute();
    List<Task> found = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(model.taskId()).list();
    assertThat(found).as("a task %s of %s", model.taskId(), model.processKey()).isNotEmpty();
    return found.get(0);
  }

  List<String> groupsOf(String user) {
    return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
  }

  boolean isCandidate(Task task, String user) {
    List<String> groups = groupsOf(user);
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
        .anyMatch(l -> user.equals(l.getUserId()) || (l.getGroupId() != null && groups.contains(l.getGroupId())));
  }

  /** A user the task is meant for: a candidate user, a member of a candidate group, or the assignee the model names. */
  String candidate(Task task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
        if (link.getUserId() != null) {
          return link.getUserId();
        }
        String member = identity.createUserQuery().memberOfGroup(link.getGroupId()).list().stream()
            .map(org.camunda.bpm.engine.identity.User::getId).filter(u -> !u.equals("admin"))
            // a demo user who can sign in (other tests add directory users without a password)
            .filter(u -> identity.checkPassword(u, "demo")).findFirst().orElse(null);
        if (member != null) {
          return member;
        }
      }
    }
    throw new AssertionError("task " + task.getTaskDefinitionKey() + " has nobody to work it");
  }

  String outsider(Task task) {
    return OUTSIDERS.stream().filter(u -> !isCandidate(task, u) && !u.equals(task.getAssignee())).findFirst()
        .orElseThrow(() -> new AssertionError("no outsider for " + task.getTaskDefinitionKey()));
  }

  /** What a refused call must leave as it was: the task, its people and every variable of its instance. */
  record State(boolean exists, String assignee, String owner, List<String> links, Map<String, String> variables) {}

  State state(Task task) {
    Task now = tasks.createTaskQuery().taskId(task.getId()).singleResult();
    Map<String, String> variables = new TreeMap<>();
    runtime.createVariableInstanceQuery().processInstanceIdIn(task.getProcessInstanceId()).disableCustomObjectDeserialization()
        .list().forEach(v -> variables.put(v.getName() + "@" + v.getActivityInstanceId(), String.valueOf(v.getValue())));
    List<String> links = now == null ? List.of() : tasks.getIdentityLinksForTask(task.getId()).stream()
        .map(l -> l.getType() + ":" + Objects.toString(l.getUserId(), "") + ":" + Objects.toString(l.getGroupId(), ""))
        .sorted().collect(Collectors.toList());
    return new State(now != null, now == null ? null : now.getAssignee(), now == null ? null : now.getOwner(), links,
        variables);
  }

  static String body(Map<String, String> variables) {
    return "{\"variables\":{" + variables.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":{\"value\":\"" + e.getValue() + "\"}").collect(Collectors.joining(",")) + "}}";
  }

  // ------------------------------------------------------------------ generated from the models

  @TestFactory
  Stream<DynamicNode> everyUserTaskOfEveryModelRefusesAbuse() {
    List<ModelTask> all = modelTasks();
    assertThat(all).extracting(ModelTask::taskId).contains("ReviewPlan", "RecordInspection", "IssueOrder",
        "RecordVerification", "CheckWarning", "ApproveSweep", "CountersignTargetedInspection");
    return all.stream().map(model -> DynamicContainer.dynamicContainer(
        model.processKey() + " / " + model.taskId() + " " + model.name(), Stream.of(
            DynamicTest.dynamicTest("completion by a user who is not a candidate is refused", () -> {
              Task task = taskOf(model);
              State before = state(task);
              String outsider = outsider(task);
              var complete = http.post("/engine-rest/task/" + task.getId() + "/complete", outsider, "{}");
              var submit = http.post("/engine-rest/task/" + task.getId() + "/submit-form", outsider, "{}");
              assertThat(complete.statusCode()).as(complete.body()).isIn(403, 404);
              assertThat(submit.statusCode()).as(submit.body()).isIn(403, 404);
              assertThat(state(task)).isEqualTo(before);
            }),
            DynamicTest.dynamicTest("completion with an undeclared variable is refused with 400 naming it", () -> {
              Task task = taskOf(model);
              State before = state(task);
              String user = candidate(task);
              var complete = http.post("/engine-rest/task/" + task.getId() + "/complete", user,
                  body(Map.of("notOnTheForm", "x")));
              assertThat(complete.statusCode()).as(complete.body()).isEqualTo(400);
              assertThat(complete.body()).contains("notOnTheForm");
              var submit = http.post("/engine-rest/task/" + task.getId() + "/submit-form", user,
                  body(Map.of("departments", "police")));
              assertThat(submit.statusCode()).as(submit.body()).isEqualTo(400);
              assertThat(submit.body()).contains("departments");
              assertThat(state(task)).isEqualTo(before);
            }),
            DynamicTest.dynamicTest("assignment, delegation and candidates to another department are refused", () -> {
              Task task = taskOf(model);
              State before = state(task);
              String user = candidate(task);
              String outsider = outsider(task);
              String target = "{\"userId\":\"" + outsider + "\"}";
              for (String call : List.of("assignee", "delegate", "claim")) {
                var refused = http.post("/engine-rest/task/" + task.getId() + "/" + call, user, target);
                assertThat(refused.statusCode()).as(call + ": " + refused.body()).isEqualTo(403);
              }
              var candidate = http.post("/engine-rest/task/" + task.getId() + "/identity-links", user,
                  "{\"userId\":\"" + outsider + "\",\"type\":\"candidate\"}");
              assertThat(candidate.statusCode()).as(candidate.body()).isEqualTo(403);
              var group = http.post("/engine-rest/task/" + task.getId() + "/identity-links", user,
                  "{\"groupId\":\"police-inspector\",\"type\":\"candidate\"}");
              assertThat(group.statusCode()).as(group.body()).isEqualTo(403);
              var seen = http.get("/engine-rest/task/" + task.getId() + "/variables", outsider);
              assertThat(seen.statusCode()).as(seen.body()).isIn(403, 404);
              assertThat(state(task)).isEqualTo(before);
            }))));
  }

  // ------------------------------------------------------------------ attack 4: redirect a decision

  Task reviewTask(String plan) {
    runtime.createProcessInstanceByKey(PlanService.PROCESS).businessKey(plan)
        .setVariables(Map.of("planNumber", plan, "leadDepartment", planLead(plan),
            "drafter", "chenjing", "beaconRequired", true))
        .startBeforeActivity("ReviewPlan").execute();
    return tasks.createTaskQuery().processInstanceBusinessKey(plan).taskDefinitionKey("ReviewPlan").singleResult();
  }

  String planLead(String plan) {
    return jdbc.sql("SELECT lead_department FROM plan_plan WHERE number = :n").param("n", plan).query(String.class).single();
  }

  String planStatus(String plan) {
    return jdbc.sql("SELECT status FROM plan_plan WHERE number = :n").param("n", plan).query(String.class).single();
  }

  @Test
  void aChiefCompletingHerOwnReviewWithAnotherDepartmentsPlanNumberIsRefusedAndTheOtherPlanIsUntouched() {
    String own = plan("market", "chenjing");
    String others = plan("culture", "wuhao");
    Task review = reviewTask(own);
    reviewTask(others);
    String ownStatus = planStatus(own);
    String othersStatus = planStatus(others);

    var redirected = http.post("/engine-rest/task/" + review.getId() + "/submit-form", "chenjing",
        "{\"variables\":{\"decision\":{\"value\":\"approve\"},\"planNumber\":{\"value\":\"" + others + "\"}}}");
    assertThat(redirected.statusCode()).as(redirected.body()).isEqualTo(400);
    assertThat(redirected.body()).contains("planNumber");
    var viaComplete = http.post("/engine-rest/task/" + review.getId() + "/complete", "chenjing",
        "{\"variables\":{\"decision\":{\"value\":\"approve\"},\"planNumber\":{\"value\":\"" + others + "\"}}}");
    assertThat(viaComplete.statusCode()).as(viaComplete.body()).isEqualTo(400);

    assertThat(planStatus(others)).isEqualTo(othersStatus);
    assertThat(lifecycle.decisions(others)).isEmpty();
    assertThat(planStatus(own)).isEqualTo(ownStatus);
    assertThat(lifecycle.decisions(own)).isEmpty();
    assertThat(tasks.createTaskQuery().taskId(review.getId()).count()).isEqualTo(1);
  }

  @Test
  void aReasonTypedWithADirectionOverrideOrAControlCharacterIsRefusedNamingTheField() {
    String own = plan("market", "chenjing");
    Task review = reviewTask(own);
    String status = planStatus(own);
    for (String reason : List.of("比例过低\\u202E退回", "比例过低\\u0000退回", "比例过低\\u0007")) {
      var answer = http.post("/engine-rest/task/" + review.getId() + "/submit-form", "chenjing",
          "{\"variables\":{\"decision\":{\"value\":\"return\"},\"reason\":{\"value\":\"" + reason + "\"}}}");
      assertThat(answer.statusCode()).as(reason + " " + answer.body()).isEqualTo(400);
      assertThat(answer.body()).contains("reason");
    }
    assertThat(planStatus(own)).isEqualTo(status);
    assertThat(lifecycle.decisions(own)).isEmpty();
    // line breaks in a multi-line reason are fine
    var fine = http.post("/engine-rest/task/" + review.getId() + "/submit-form", "chenjing",
        "{\"variables\":{\"decision\":{\"value\":\"return\"},\"reason\":{\"value\":\"比例过低\\n请调整\"}}}");
    assertThat(fine.statusCode()).as(fine.body()).isEqualTo(204);
  }

  @Test
  void theReviewListenerDecidesThePlanOfTheBusinessKeyEvenWhenThePlanNumberVariableSaysOtherwise() {
    String own = plan("market", "chenjing");
    String others = plan("culture", "wuhao");
    Task review = reviewTask(own);
    reviewTask(others);
    String othersStatus = planStatus(others);
    // however the variable came to name another plan, the listener reads the business key
    runtime.setVariable(review.getProcessInstanceId(), "planNumber", others);

    var approved = http.post("/engine-rest/task/" + review.getId() + "/submit-form", "chenjing",
        "{\"variables\":{\"decision\":{\"value\":\"approve\"},\"planNumber\":{\"value\":\"" + others + "\"}}}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);

    assertThat(lifecycle.decisions(own)).extracting(PlanLifecycle.Decision::decision).containsExactly("approve");
    assertThat(planStatus(others)).isEqualTo(othersStatus);
    assertThat(lifecycle.decisions(others)).isEmpty();
  }

  // ------------------------------------------------------------------ the same for a listing and a rectification

  ProcessInstance listingCase(String inspection) {
    Map<String, Object> v = new HashMap<>();
    v.put("uscc", org.onedoor.inspection.InspectionFixtures.entity(jdbc, "列异越权测试企业"));
    v.put("entityName", "列异越权测试企业");
    v.put("ground", "4");
    v.put("facts", "联合检查发现");
    v.put("department", "market");
    v.put("sourceInspection", inspection);
    v.put("initiator", "zhangwei");
    return runtime.createProcessInstanceByKey(Listings.PROCESS).businessKey(inspection + "-market").setVariables(v).execute();
  }

  @Test
  void anInspectorVerifyingOneListingCannotRedirectTheVerificationToAnotherCase() {
    ProcessInstance own = listingCase(inspection(plan("market", "chenjing")));
    ProcessInstance other = listingCase(inspection(plan("market", "chenjing")));
    long otherId = listings.caseOf(other.getId());
    long ownId = listings.caseOf(own.getId());
    Task verify = tasks.createTaskQuery().processInstanceId(own.getId()).singleResult();

    var redirected = http.post("/engine-rest/task/" + verify.getId() + "/complete", "zhangwei",
        "{\"variables\":{\"verifiedOn\":{\"value\":\"2026-09-21\"},\"verification\":{\"value\":\"挂号信未签收\"},"
            + "\"listingId\":{\"value\":" + otherId + "}}}");
    assertThat(redirected.statusCode()).as(redirected.body()).isEqualTo(400);
    assertThat(redirected.body()).contains("listingId");
    assertThat(listings.get(otherId).verifiedOn()).isNull();

    // the listener takes the case from our table, whatever the variable says
    runtime.setVariable(own.getId(), "listingId", otherId);
    var verified = http.post("/engine-rest/task/" + verify.getId() + "/complete", "zhangwei",
        "{\"variables\":{\"verifiedOn\":{\"value\":\"2026-09-21\"},\"verification\":{\"value\":\"挂号信未签收\"}}}");
    assertThat(verified.statusCode()).as(verified.body()).isEqualTo(204);
    assertThat(listings.get(ownId).verifiedOn()).isEqualTo(LocalDate.of(2026, 9, 21));
    assertThat(listings.get(otherId).verifiedOn()).isNull();
  }

  ProcessInstance rectification(String inspection) {
    return runtime.createProcessInstanceByKey(Rectifications.PROCESS).businessKey(inspection + "-market")
        .setVariables(Map.of("inspectionNumber", inspection, "department", "market", "uscc", USCC,
            "entityName", NAME, "rectificationDeadline", "2026-10-16", "recheckCandidates", "zhangwei,lina"))
        .execute();
  }

  String orderNumber(ProcessInstance instance) {
    return jdbc.sql("SELECT order_number FROM rectification WHERE process_instance_id = :p")
        .param("p", instance.getId()).query(String.class).optional().orElse(null);
  }

  @Test
  void anInspectorIssuingOneOrderCannotRedirectItToAnotherInspectionsRectification() {
    String plan = plan("market", "chenjing");
    String ownInspection = inspection(plan);
    String otherPlan = plan("market", "chenjing");
    String otherInspection = inspection(otherPlan);
    ProcessInstance own = rectification(ownInspection);
    ProcessInstance other = rectification(otherInspection);
    Task order = tasks.createTaskQuery().processInstanceId(own.getId()).singleResult();
    String form = "\"orderNumber\":{\"value\":\"市监责改〔2026〕13号\"},\"orderItems\":{\"value\":\"未公示营业执照\"},"
        + "\"deadlineKind\":{\"value\":\"days\"},\"periodLength\":{\"value\":15}";

    for (String extra : List.of("\"inspectionNumber\":{\"value\":\"" + otherInspection + "\"}",
        "\"rectificationId\":{\"value\":1}")) {
      var redirected = http.post("/engine-rest/task/" + order.getId() + "/submit-form", "zhangwei",
          "{\"variables\":{" + form + "," + extra + "}}");
      assertThat(redirected.statusCode()).as(redirected.body()).isEqualTo(400);
    }
    assertThat(orderNumber(own)).isNull();
    assertThat(orderNumber(other)).isNull();

    runtime.setVariable(own.getId(), "inspectionNumber", otherInspection);
    var issued = http.post("/engine-rest/task/" + order.getId() + "/submit-form", "zhangwei", "{\"variables\":{" + form + "}}");
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(204);
    assertThat(orderNumber(own)).isEqualTo("市监责改〔2026〕13号");
    assertThat(orderNumber(other)).isNull();
  }

  // ------------------------------------------------------------------ attack 5: hand tasks across departments

  Task recordInspectionTask() {
    String plan = plan("market", "chenjing");
    String inspection = inspection(plan);
    ProcessInstance instance = runtime.createProcessInstanceByKey(InspectionOpening.PROCESS).businessKey(inspection)
        .setVariables(variables(plan, inspection)).startBeforeActivity("RecordInspection").execute();
    return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("RecordInspection").singleResult();
  }

  @Test
  void aMarketInspectorCannotHandHisTaskToAPoliceInspectorNorRewriteDepartmentsByCompleting() {
    Task task = recordInspectionTask();
    State before = state(task);

    var claimed = http.post("/engine-rest/task/" + task.getId() + "/claim", "zhangwei", "{\"userId\":\"zhangwei\"}");
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
    var handed = http.post("/engine-rest/task/" + task.getId() + "/assignee", "zhangwei", "{\"userId\":\"zhenglei\"}");
    assertThat(handed.statusCode()).as(handed.body()).isEqualTo(403);
    var delegated = http.post("/engine-rest/task/" + task.getId() + "/delegate", "zhangwei", "{\"userId\":\"zhenglei\"}");
    assertThat(delegated.statusCode()).as(delegated.body()).isEqualTo(403);
    var updated = http.send("PUT", "/engine-rest/task/" + task.getId(), "zhangwei",
        "{\"name\":\"现场检查\",\"assignee\":\"zhenglei\"}");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(403);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo("zhangwei");
    assertThat(http.get("/engine-rest/task/" + task.getId() + "/variables", "zhenglei").statusCode()).isIn(403, 404);

    // handing it to the other drawn inspector of the department is fine
    var colleague = http.post("/engine-rest/task/" + task.getId() + "/assignee", "zhangwei", "{\"userId\":\"lina\"}");
    assertThat(colleague.statusCode()).as(colleague.body()).isEqualTo(204);

    var departments = http.post("/engine-rest/task/" + task.getId() + "/submit-form", "lina",
        "{\"variables\":{\"departments\":{\"value\":\"market\"},\"resultCode\":{\"value\":\"1\"}}}");
    assertThat(departments.statusCode()).as(departments.body()).isEqualTo(400);
    assertThat(departments.body()).contains("departments");
    assertThat(runtime.getVariable(task.getProcessInstanceId(), "departments")).isEqualTo("market,culture,fire");
    assertThat(state(task).variables()).isEqualTo(before.variables());
  }

  @Test
  void aFormerAssigneeOutsideTheCandidatesLosesTheTaskWhenItIsTakenFromHim() {
    Task task = recordInspectionTask();
    // only an administrator may hand a task outside its candidates
    var handed = http.post("/engine-rest/task/" + task.getId() + "/assignee", "admin", "{\"userId\":\"zhenglei\"}");
    assertThat(handed.statusCode()).as(handed.body()).isEqualTo(204);
    assertThat(http.get("/engine-rest/task/" + task.getId(), "zhenglei").statusCode()).isEqualTo(200);

    var unclaimed = http.post("/engine-rest/task/" + task.getId() + "/unclaim", "admin", null);
    assertThat(unclaimed.statusCode()).as(unclaimed.body()).isEqualTo(204);

    assertThat(http.get("/engine-rest/task/" + task.getId(), "zhenglei").statusCode()).isEqualTo(404);
    assertThat(http.get("/engine-rest/task/" + task.getId() + "/variables", "zhenglei").statusCode()).isIn(403, 404);
    var update = http.send("PUT", "/engine-rest/task/" + task.getId(), "zhenglei", "{\"name\":\"改名\"}");
    assertThat(update.statusCode()).isIn(403, 404);
    // the department's own inspectors keep it through their candidacy
    assertThat(http.get("/engine-rest/task/" + task.getId(), "zhangwei").statusCode()).isEqualTo(200);
    var claimed = http.post("/engine-rest/task/" + task.getId() + "/claim", "zhangwei", "{\"userId\":\"zhangwei\"}");
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
    var released = http.post("/engine-rest/task/" + task.getId() + "/unclaim", "zhangwei", null);
    assertThat(released.statusCode()).as(released.body()).isEqualTo(204);
    assertThat(http.get("/engine-rest/task/" + task.getId(), "zhangwei").statusCode()).isEqualTo(200);
  }
}
