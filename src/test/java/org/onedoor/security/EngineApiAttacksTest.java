package org.onedoor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.inspection.InspectionFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13, items 1 and 2: each attack of the issue on the engine API, by Basic credentials on
 * {@code /engine-rest} and by a webapp session on {@code /camunda/api/engine}, is refused with 4xx and
 * changes nothing (records, public abnormal list, audit trails, process instances, variables).
 */
@OnedoorSpringTest
class EngineApiAttacksTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired HistoryService history;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  final ObjectMapper json = new ObjectMapper();
  TestHttp http;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
  }

  @AfterEach
  void clearMark() {
    EngineApiCalls.mark(false);
    identity.clearAuthentication();
  }

  static final String SKIP_TO_LIST_ENTITY = """
      {"startInstructions":[{"type":"startBeforeActivity","activityId":"%s"}],
       "skipCustomListeners":true,"skipIoMappings":true,
       "variables":{"listingId":{"value":1},"approvedBy":{"value":"chenjing"},"department":{"value":"market"},
                    "uscc":{"value":"%s"},"ground":{"value":"2"}}}""";

  @Test
  void aCultureChiefCannotSkipTheListingProcedureToListEntity() {
    String uscc = InspectionFixtures.entity(jdbc, "跳步列入测试商行");
    EngineState before = EngineState.of(jdbc, http);

    HttpResponse<String> rest = http.post("/engine-rest/process-definition/key/abnormal-listing/start", "wuhao",
        SKIP_TO_LIST_ENTITY.formatted("ListEntity", uscc));
    HttpResponse<String> webapp = WebappSession.signIn(port, "wuhao").engine("POST",
        "/process-definition/key/abnormal-listing/start", SKIP_TO_LIST_ENTITY.formatted("ListEntity", uscc));

    assertRefused(rest, 403);
    assertRefused(webapp, 403);
    assertThat(EngineState.of(jdbc, http)).isEqualTo(before);
    assertThat(listingsOf(uscc)).isZero();
  }

  @Test
  void aPoliceChiefCannotPutABusinessOnTheSeriousListByStartInstructions() {
    String uscc = InspectionFixtures.entity(jdbc, "跳步严重违法测试商行");
    EngineState before = EngineState.of(jdbc, http);

    HttpResponse<String> rest = http.post("/engine-rest/process-definition/key/abnormal-listing/start", "hejun",
        SKIP_TO_LIST_ENTITY.formatted("SeriousList", uscc));
    HttpResponse<String> webapp = WebappSession.signIn(port, "hejun").engine("POST",
        "/process-definition/key/abnormal-listing/start", SKIP_TO_LIST_ENTITY.formatted("SeriousList", uscc));
    // without the skip flags, instructions alone are refused too
    HttpResponse<String> instructionsOnly = http.post("/engine-rest/process-definition/key/abnormal-listing/start",
        "hejun", "{\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"SeriousList\"}]}");

    assertRefused(rest, 403);
    assertRefused(webapp, 403);
    assertRefused(instructionsOnly, 403);
    assertThat(EngineState.of(jdbc, http)).isEqualTo(before);
  }

  @Test
  void theEngineItselfRefusesStartInstructionsFromTheApiEvenPastTheFilter() {
    // the servlet filter is the first line; the command interceptor refuses the command itself
    EngineApiCalls.mark(true);
    identity.setAuthentication("wuhao", List.of("culture", "role-chief", "culture-chief"));
    assertThatThrownBy(() -> runtime.createProcessInstanceByKey("abnormal-listing")
            .startBeforeActivity("ListEntity").setVariable("department", "market").execute(true, true))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("administrators only");
    assertThatThrownBy(() -> runtime.createProcessInstanceByKey("abnormal-listing")
            .startBeforeActivity("ListEntity").execute())
        .isInstanceOf(AuthorizationException.class);
  }

  @Test
  void aCultureChiefCannotOpenAMarketListingCaseInChenjingsName() {
    String uscc = InspectionFixtures.entity(jdbc, "冒名列入测试商行");
    EngineState before = EngineState.of(jdbc, http);
    String body = """
        {"variables":{"uscc":{"value":"%s"},"ground":{"value":"2"},"department":{"value":"market"},
         "facts":{"value":"未按期公示"},"initiator":{"value":"chenjing"}}}""".formatted(uscc);

    HttpResponse<String> rest = http.post("/engine-rest/process-definition/key/abnormal-listing/start", "wuhao", body);
    HttpResponse<String> viaForm = http.post("/engine-rest/process-definition/key/abnormal-listing/submit-form",
        "wuhao", body);
    HttpResponse<String> webapp = WebappSession.signIn(port, "wuhao").engine("POST",
        "/process-definition/key/abnormal-listing/submit-form", body);
    // without the forged initiator: still not wuhao's department, and culture does not decide listings
    HttpResponse<String> ownName = http.post("/engine-rest/process-definition/key/abnormal-listing/start", "wuhao",
        body.replace(",\"initiator\":{\"value\":\"chenjing\"}", ""));
    HttpResponse<String> culture = http.post("/engine-rest/process-definition/key/abnormal-listing/start", "wuhao",
        body.replace(",\"initiator\":{\"value\":\"chenjing\"}", "").replace("\"market\"", "\"culture\""));

    assertRefused(rest, 403);
    assertThat(rest.body()).contains("initiator");
    assertRefused(viaForm, 403);
    assertRefused(webapp, 403);
    assertRefused(ownName, 403);
    assertThat(ownName.body()).contains("department");
    assertRefused(culture, 403);
    assertThat(culture.body()).contains("登记机关");
    assertThat(EngineState.of(jdbc, http)).isEqualTo(before);
    assertThat(listingsOf(uscc)).isZero();
  }

  @Test
  void theMarketChiefStartsAListingOverTheEngineApiInHerOwnName() throws Exception {
    String uscc = InspectionFixtures.entity(jdbc, "本人列入测试商行");
    HttpResponse<String> started = http.post("/engine-rest/process-definition/key/abnormal-listing/start", "chenjing", """
        {"variables":{"uscc":{"value":"%s"},"ground":{"value":"2"},"department":{"value":"market"},
         "facts":{"value":"未在责令期限内公示"}}}""".formatted(uscc));

    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String pid = json.readTree(started.body()).get("id").asText();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pid).variableName("initiator")
        .singleResult().getValue()).isEqualTo("chenjing");
    assertThat(jdbc.sql("SELECT initiator FROM listing WHERE uscc = :u").param("u", uscc).query(String.class).single())
        .isEqualTo("chenjing");
  }

  @Test
  void aPoliceChiefCannotStartARectificationOfAMarketInspection() {
    String inspection = InspectionFixtures.open(jdbc, "ATTACK");
    EngineState before = EngineState.of(jdbc, http);
    String body = """
        {"businessKey":"%1$s-market","variables":{"inspectionNumber":{"value":"%1$s"},"department":{"value":"market"},
         "uscc":{"value":"%2$s"},"entityName":{"value":"联合检查测试商行"},
         "rectificationDeadline":{"value":"2099-12-31"},"recheckCandidates":{"value":"hejun"}}}"""
        .formatted(inspection, InspectionFixtures.USCC);

    HttpResponse<String> rest = http.post("/engine-rest/process-definition/key/rectification/start", "hejun", body);
    HttpResponse<String> viaForm = http.post("/engine-rest/process-definition/key/rectification/submit-form",
        "hejun", body);
    HttpResponse<String> webapp = WebappSession.signIn(port, "hejun").engine("POST",
        "/process-definition/key/rectification/start", body);
    // the market chief may not either: the application starts rectifications from the joint inspection
    HttpResponse<String> marketChief = http.post("/engine-rest/process-definition/key/rectification/start",
        "chenjing", body);

    for (HttpResponse<String> response : List.of(rest, viaForm, webapp, marketChief)) {
      assertRefused(response, 403);
    }
    assertThat(EngineState.of(jdbc, http)).isEqualTo(before);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM rectification WHERE inspection_number = :n").param("n", inspection)
        .query(Long.class).single()).isZero();
  }

  @Test
  void aMarketInspectorCannotRewriteProcessVariablesOutsideACompletion() {
    ProcessInstance warning = riskWarning("market");
    Task check = tasks.createTaskQuery().processInstanceId(warning.getId()).singleResult();
    EngineState before = EngineState.of(jdbc, http);
    String value = "{\"value\":\"market,police\",\"type\":\"String\"}";
    String modify = "{\"modifications\":{\"departments\":" + value + "}}";
    WebappSession session = WebappSession.signIn(port, "zhangwei");

    List<HttpResponse<String>> attempts = List.of(
        http.send("PUT", "/engine-rest/task/" + check.getId() + "/variables/departments", "zhangwei", value),
        http.send("PUT", "/engine-rest/process-instance/" + warning.getId() + "/variables/departments", "zhangwei", value),
        http.send("PUT", "/engine-rest/task/" + check.getId() + "/localVariables/departments", "zhangwei", value),
        http.post("/engine-rest/task/" + check.getId() + "/variables", "zhangwei", modify),
        http.post("/engine-rest/process-instance/" + warning.getId() + "/variables", "zhangwei", modify),
        http.post("/engine-rest/execution/" + warning.getId() + "/localVariables", "zhangwei", modify),
        http.send("DELETE", "/engine-rest/process-instance/" + warning.getId() + "/variables/department", "zhangwei", null),
        http.post("/engine-rest/process-instance/variables-async", "zhangwei",
            "{\"processInstanceIds\":[\"" + warning.getId() + "\"],\"variables\":{\"departments\":" + value + "}}"),
        session.engine("PUT", "/task/" + check.getId() + "/variables/departments", value),
        session.engine("PUT", "/process-instance/" + warning.getId() + "/variables/departments", value),
        session.engine("POST", "/task/" + check.getId() + "/variables", modify));

    for (HttpResponse<String> attempt : attempts) {
      assertRefused(attempt, 403);
    }
    assertThat(runtime.getVariable(warning.getId(), "departments")).isNull();
    assertThat(runtime.getVariable(warning.getId(), "department")).isEqualTo("market");
    assertThat(EngineState.of(jdbc, http)).isEqualTo(before);
  }

  @Test
  void aChiefCannotModifyRestartOrMigrateAProcessInstance() {
    ProcessInstance warning = riskWarning("market");
    EngineState before = EngineState.of(jdbc, http);
    String toApproval = "{\"skipCustomListeners\":true,\"instructions\":[{\"type\":\"startBeforeActivity\","
        + "\"activityId\":\"ApproveTargetedInspection\"}]}";
    String definition = warning.getProcessDefinitionId();
    WebappSession session = WebappSession.signIn(port, "chenjing");

    List<HttpResponse<String>> attempts = List.of(
        http.post("/engine-rest/process-instance/" + warning.getId() + "/modification", "chenjing", toApproval),
        http.post("/engine-rest/process-instance/" + warning.getId() + "/modification-async", "chenjing", toApproval),
        http.post("/engine-rest/modification/execute", "chenjing", "{\"processDefinitionId\":\"" + definition
            + "\",\"processInstanceIds\":[\"" + warning.getId() + "\"],\"instructions\":[{\"type\":\"startBeforeActivity\","
            + "\"activityId\":\"ApproveTargetedInspection\"}]}"),
        http.post("/engine-rest/process-definition/" + definition + "/restart", "chenjing",
            "{\"processInstanceIds\":[\"" + warning.getId() + "\"],\"instructions\":[{\"type\":\"startBeforeActivity\","
                + "\"activityId\":\"ApproveTargetedInspection\"}]}"),
        http.post("/engine-rest/migration/execute", "chenjing", "{\"migrationPlan\":{\"sourceProcessDefinitionId\":\""
            + definition + "\",\"targetProcessDefinitionId\":\"" + definition + "\",\"instructions\":[]},"
            + "\"processInstanceIds\":[\"" + warning.getId() + "\"]}"),
        http.post("/engine-rest/message", "chenjing", "{\"messageName\":\"inspections-completed-1\",\"all\":true}"),
        http.post("/engine-rest/signal", "chenjing", "{\"name\":\"anything\"}"),
        http.send("DELETE", "/engine-rest/process-instance/" + warning.getId(), "chenjing", null),
        session.engine("POST", "/process-instance/" + warning.getId() + "/modification", toApproval));

    for (HttpResponse<String> attempt : attempts) {
      assertRefused(attempt, 403);
    }
    assertThat(tasks.createTaskQuery().processInstanceId(warning.getId()).list())
        .extracting(Task::getTaskDefinitionKey).containsExactly("CheckWarning");
    assertThat(EngineState.of(jdbc, http)).isEqualTo(before);
  }

  @Test
  void anAdministratorMayStillRepairAnInstance() {
    ProcessInstance warning = riskWarning("market");
    HttpResponse<String> modified = http.post("/engine-rest/process-instance/" + warning.getId() + "/modification",
        "admin", "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"CheckWarning\"}]}");
    assertThat(modified.statusCode()).as(modified.body()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().processInstanceId(warning.getId()).count()).isEqualTo(2);
    runtime.deleteProcessInstance(warning.getId(), "test");
  }

  @Test
  void badStartVariablesAnswer400NamingTheFieldNot500() {
    EngineState before = EngineState.of(jdbc, http);
    HttpResponse<String> missingUscc = http.post("/engine-rest/process-definition/key/risk-warning/start", "chenjing",
        "{\"variables\":{\"department\":{\"value\":\"market\"},\"source\":{\"value\":\"complaint\"},"
            + "\"level\":{\"value\":\"medium\"},\"description\":{\"value\":\"投诉\"}}}");
    HttpResponse<String> undeclared = http.post("/engine-rest/process-definition/key/risk-warning/start", "chenjing",
        "{\"variables\":{\"department\":{\"value\":\"market\"},\"warningId\":{\"value\":1}}}");
    HttpResponse<String> otherDepartment = http.post("/engine-rest/process-definition/key/risk-warning/start",
        "hejun", "{\"variables\":{\"department\":{\"value\":\"market\"}}}");

    assertRefused(missingUscc, 400);
    assertThat(missingUscc.body()).contains("uscc");
    assertRefused(undeclared, 400);
    assertThat(undeclared.body()).contains("warningId");
    assertRefused(otherDepartment, 403);
    assertThat(EngineState.of(jdbc, http)).isEqualTo(before);
  }

  @Test
  void aChiefStillStartsARiskWarningThroughItsStartForm() throws Exception {
    HttpResponse<String> started = http.post("/engine-rest/process-definition/key/risk-warning/submit-form",
        "hejun", """
        {"variables":{"uscc":{"value":"91330100799655058B"},"entityName":{"value":"某某娱乐有限公司"},
         "department":{"value":"police"},"source":{"value":"complaint"},"level":{"value":"medium"},
         "description":{"value":"群众投诉"}}}""");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String pid = json.readTree(started.body()).get("id").asText();
    assertThat(tasks.createTaskQuery().processInstanceId(pid).singleResult().getTaskDefinitionKey())
        .isEqualTo("CheckWarning");
  }

  private ProcessInstance riskWarning(String department) {
    String definition = repository.createProcessDefinitionQuery().processDefinitionKey("risk-warning")
        .latestVersion().singleResult().getId();
    return forms.submitStartForm(definition, Map.of(
        "uscc", "91330100799655058B", "entityName", "某某商贸有限公司", "department", department,
        "source", "complaint", "level", "medium", "description", "群众投诉无证经营"));
  }

  private long listingsOf(String uscc) {
    return jdbc.sql("SELECT COUNT(*) FROM listing WHERE uscc = :u").param("u", uscc).query(Long.class).single();
  }

  /** Refused by the engine API itself (not by the webapps' CSRF filter or a missing session). */
  static void assertRefused(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
    assertThat(response.body()).as(response.uri().toString()).doesNotContain("CSRF");
    if (status == 403) {
      assertThat(response.body()).as(response.uri().toString()).contains("AuthorizationException");
    }
  }
}
