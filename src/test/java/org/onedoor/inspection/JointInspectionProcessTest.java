package org.onedoor.inspection;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** processes/joint-inspection.bpmn */
@OnedoorSpringTest
class JointInspectionProcessTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired InspectionRecording recording;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void tearDown() {
    identity.clearAuthentication();
    BpmnAwareTests.reset();
  }

  /**
   * An inspection as {@link InspectionOpening} leaves it: market drew zhangwei and lina, culture
   * sunli and zhoujie; fire is flagged (too few eligible inspectors), so its chiefs take the task.
   */
  ProcessInstance open() {
    String plan = "JI-" + System.nanoTime() % 1_000_000_000L;
    String number = InspectionOpening.number(plan, 1);
    jdbc.sql("INSERT INTO inspection (number, plan_number, batch, uscc, status, opened_at)"
            + " VALUES (:n, :p, 1, '91330100JOINT0001X', 'OPEN', :t)")
        .param("n", number).param("p", plan).param("t", Timestamp.from(Instant.now())).update();
    Map<String, List<String>> drawn = Map.of("market", List.of("zhangwei", "lina"), "culture", List.of("sunli", "zhoujie"));
    drawn.forEach((department, staff) -> staff.forEach(s ->
        jdbc.sql("INSERT INTO inspection_assignment (inspection_number, department, staff_number) VALUES (:n, :d, :s)")
            .param("n", number).param("d", department).param("s", s).update()));
    jdbc.sql("INSERT INTO inspection_flag (inspection_number, department, reason) VALUES (:n, 'fire', '符合条件的检查人员不足 2 人')")
        .param("n", number).update();
    return runtime.createProcessInstanceByKey(InspectionOpening.PROCESS).businessKey(number)
        .setVariables(withVariables("inspectionNumber", number, "planNumber", plan, "uscc", "91330100JOINT0001X",
            "entityName", "联合检查测试企业", "departments", "market,culture,fire"))
        .execute();
  }

  Task taskOf(ProcessInstance instance, String department) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("RecordInspection").list()
        .stream().filter(t -> department.equals(tasks.getVariable(t.getId(), "department"))).findFirst().orElseThrow();
  }

  void complete(Task task, String user, Map<String, Object> variables) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList());
    try {
      forms.submitTaskForm(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void eachDepartmentRecordsItsResultAndTheInspectionIsDone() {
    ProcessInstance instance = open();
    String number = instance.getBusinessKey();
    assertThat(instance).isWaitingAt("RecordInspection");
    Assertions.assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isEqualTo(3);
    Assertions.assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).taskCandidateUser("zhangwei")
        .singleResult()).isEqualTo(taskOf(instance, "market"));
    Assertions.assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).taskCandidateGroup("fire-chief")
        .singleResult()).isEqualTo(taskOf(instance, "fire"));
    // an inspector drawn for another department is not a candidate of the market task
    Assertions.assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).taskCandidateUser("sunli")
        .list()).containsExactly(taskOf(instance, "culture"));

    complete(taskOf(instance, "market"), "zhangwei", withVariables("resultCode", "1"));
    complete(taskOf(instance, "culture"), "zhoujie", withVariables("resultCode", "A", "remarks", "未公示营业执照"));
    Assertions.assertThat(recording.status(number)).isEqualTo(InspectionOpening.OPEN);
    complete(taskOf(instance, "fire"), "linhai", withVariables("resultCode", "F"));

    assertThat(instance).isEnded().hasPassed("InspectionDone");
    Assertions.assertThat(recording.status(number)).isEqualTo(InspectionOpening.DONE);
    Assertions.assertThat(recording.results(number))
        .extracting(InspectionRecording.Result::department, InspectionRecording.Result::code,
            InspectionRecording.Result::recordedBy)
        .containsExactly(Assertions.tuple("culture", "A", "zhoujie"), Assertions.tuple("fire", "F", "linhai"),
            Assertions.tuple("market", "1", "zhangwei"));
  }

  @Test
  void onlyADrawnInspectorOfTheDepartmentMayRecord() {
    ProcessInstance instance = open();
    Task market = taskOf(instance, "market");
    // wangqiang is a market inspector, but was not drawn for this entity
    Assertions.assertThatThrownBy(() -> complete(market, "wangqiang", withVariables("resultCode", "1")))
        .isInstanceOf(AuthorizationException.class);
    // a chief of the department is not a drawn inspector either (only flagged pairs go to chiefs)
    Assertions.assertThatThrownBy(() -> complete(market, "chenjing", withVariables("resultCode", "1")))
        .isInstanceOf(AuthorizationException.class);
    Assertions.assertThat(recording.results(instance.getBusinessKey())).isEmpty();

    TestHttp http = new TestHttp(port);
    HttpResponse<String> refused = http.post("/engine-rest/task/" + market.getId() + "/submit-form", "wangqiang",
        "{\"variables\":{\"resultCode\":{\"value\":\"1\"}}}");
    Assertions.assertThat(refused.statusCode()).isEqualTo(403);
    HttpResponse<String> accepted = http.post("/engine-rest/task/" + market.getId() + "/submit-form", "lina",
        "{\"variables\":{\"resultCode\":{\"value\":\"E\"},\"remarks\":{\"value\":\"灭火器过期，已当场更换\"}}}");
    Assertions.assertThat(accepted.statusCode()).isEqualTo(204);
    Assertions.assertThat(recording.results(instance.getBusinessKey())).singleElement()
        .satisfies(r -> Assertions.assertThat(r.recordedBy()).isEqualTo("lina"));
  }

  @Test
  void anInvalidResultIsRefusedNamingTheField() {
    ProcessInstance instance = open();
    Task market = taskOf(instance, "market");
    Assertions.assertThatThrownBy(() -> complete(market, "zhangwei", withVariables("resultCode", "Z")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("resultCode");
    Assertions.assertThatThrownBy(() -> complete(market, "zhangwei", withVariables("remarks", "无")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("resultCode");
    Assertions.assertThatThrownBy(() -> complete(market, "zhangwei", withVariables("resultCode", "8")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("remarks");

    HttpResponse<String> bad = new TestHttp(port).post("/engine-rest/task/" + market.getId() + "/submit-form",
        "zhangwei", "{\"variables\":{\"resultCode\":{\"value\":\"9\"}}}");
    Assertions.assertThat(bad.statusCode()).isEqualTo(400);
    Assertions.assertThat(bad.body()).contains("resultCode");
    Assertions.assertThat(recording.results(instance.getBusinessKey())).isEmpty();
    assertThat(instance).isWaitingAt("RecordInspection");

    // one department's answer never carries over to the next department's task
    complete(market, "zhangwei", withVariables("resultCode", "1"));
    Assertions.assertThatThrownBy(() -> complete(taskOf(instance, "culture"), "sunli", Map.of()))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("resultCode");
  }
}
