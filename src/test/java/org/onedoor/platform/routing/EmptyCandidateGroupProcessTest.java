package org.onedoor.platform.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14, item 3: a task routed to a candidate group nobody can sign in to becomes an incident
 * Cockpit shows, resolved when the task ends or the group gets a member who can sign in.
 */
@OnedoorSpringTest
class EmptyCandidateGroupProcessTest {

  static final String PROCESS = "emptyGroupProbe";
  /** A fresh group per test: a group once seen staffed is remembered for a minute. */
  static int groups;
  static final String GROUP_NAME = "探针复核组";
  static final String MEMBER = "probe-reviewer";

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired HistoryService history;
  @Autowired EmptyCandidateGroupIncidents incidents;
  @LocalServerPort int port;

  String deploymentId;
  String group;

  @BeforeEach
  void deployProbe() {
    group = "probe-empty-reviewers-" + (++groups);
    Group created = identity.newGroup(group);
    created.setName(GROUP_NAME);
    created.setType("ROLE");
    identity.saveGroup(created);
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).name("空候选组探针").camundaHistoryTimeToLive(1)
        .startEvent().name("开始")
        .userTask("Review").name("复核材料").camundaCandidateGroups(group)
        .userTask("Archive").name("归档").camundaCandidateGroups("market-chief")
        .endEvent().name("结束")
        .done();
    deploymentId = repository.createDeployment().addModelInstance("emptyGroupProbe.bpmn", model).deploy().getId();
  }

  @AfterEach
  void removeProbe() {
    repository.deleteDeployment(deploymentId, true);
    if (identity.createUserQuery().userId(MEMBER).count() > 0) {
      identity.deleteUser(MEMBER);
    }
    identity.deleteGroup(group);
  }

  @Test
  void aTaskRoutedToAnEmptyGroupIsAnIncidentOnItsInstanceResolvedWhenTheTaskIsCompleted() throws Exception {
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS, "probe-1");
    Task review = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo(EmptyCandidateGroupIncidents.INCIDENT_TYPE);
    assertThat(incident.getActivityId()).isEqualTo("Review");
    assertThat(incident.getConfiguration()).isEqualTo(review.getId());
    assertThat(incident.getIncidentMessage()).contains("复核材料", "“" + GROUP_NAME + "”", "没有可登录的成员")
        .doesNotContain(group);

    // Cockpit reads incidents through the engine REST API: the administrator sees it listed
    HttpResponse<String> listed = new TestHttp(port)
        .get("/engine-rest/incident?processInstanceId=" + instance.getId(), "admin");
    assertThat(listed.statusCode()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(listed.body());
    assertThat(body).hasSize(1);
    assertThat(body.get(0).path("incidentType").asText()).isEqualTo("emptyCandidateGroup");
    assertThat(body.get(0).path("incidentMessage").asText()).contains(GROUP_NAME);

    // the next task goes to a group with members: no new incident; the first one is resolved
    tasks.complete(review.getId());
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(history.createHistoricIncidentQuery().processInstanceId(instance.getId()).resolved().count())
        .isEqualTo(1);
  }

  @Test
  void theIncidentIsResolvedOnceTheGroupHasAMemberWhoCanSignIn() {
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS, "probe-2");
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId())
        .incidentType(EmptyCandidateGroupIncidents.INCIDENT_TYPE).count()).isEqualTo(1);

    // a member without a password cannot sign in: still nobody to do the task
    User member = identity.newUser(MEMBER);
    member.setFirstName("复核员");
    member.setLastName("探");
    identity.saveUser(member);
    identity.createMembership(MEMBER, group);
    incidents.recheck();
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);

    // given a password, the member can sign in: the recheck resolves the incident
    member = identity.createUserQuery().userId(MEMBER).singleResult();
    member.setPassword("demo-probe-1");
    identity.saveUser(member);
    assertThat(incidents.recheck()).isGreaterThanOrEqualTo(1);
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();

    // and a second case routed there now raises none
    ProcessInstance next = runtime.startProcessInstanceByKey(PROCESS, "probe-3");
    assertThat(tasks.createTaskQuery().processInstanceId(next.getId()).count()).isEqualTo(1);
    assertThat(runtime.createIncidentQuery().processInstanceId(next.getId()).count()).isZero();
  }

  @Test
  void aTaskAssignedToSomeoneIsNoLongerAnIncident() {
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS, "probe-4");
    Task review = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);

    tasks.setAssignee(review.getId(), "admin");
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
  }
}
