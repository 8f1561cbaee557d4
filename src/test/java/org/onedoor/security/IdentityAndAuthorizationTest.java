package org.onedoor.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@OnedoorSpringTest
class IdentityAndAuthorizationTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired FilterService filters;
  @Autowired IdentitySeeder seeder;
  @Autowired OrganisationProperties organisation;
  final ObjectMapper json = new ObjectMapper();
  TestHttp http;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
  }

  @Test
  void departmentsRolesAndWorkGroupsAreSeeded() {
    for (String department : List.of("market", "culture", "police", "fire", "health", "emergency")) {
      assertThat(identity.createGroupQuery().groupId(department).singleResult())
          .extracting(Group::getType).isEqualTo("DEPARTMENT");
      for (String role : List.of("inspector", "chief", "legal-reviewer", "manager")) {
        assertThat(identity.createGroupQuery().groupId(department + "-" + role).count()).isEqualTo(1);
      }
    }
    assertThat(identity.createGroupQuery().groupId("market").singleResult().getName()).isEqualTo("市场监管局");
    for (String role : List.of("role-inspector", "role-chief", "role-legal-reviewer", "role-manager")) {
      assertThat(identity.createGroupQuery().groupId(role).singleResult().getType()).isEqualTo("ROLE");
    }
    assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").userId("admin").count()).isEqualTo(1);
    assertThat(identity.createUserQuery().memberOfGroup("market-inspector").list())
        .extracting(u -> u.getId()).contains("zhangwei", "lina", "wangqiang", "liuyang");
  }

  @Test
  void seedingTwiceChangesNothing() {
    long groups = identity.createGroupQuery().count();
    long users = identity.createUserQuery().count();
    long auths = authorizations.createAuthorizationQuery().count();
    long filterCount = filters.createFilterQuery().count();

    seeder.seed(engine);

    assertThat(identity.createGroupQuery().count()).isEqualTo(groups);
    assertThat(identity.createUserQuery().count()).isEqualTo(users);
    assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(auths);
    assertThat(filters.createFilterQuery().count()).isEqualTo(filterCount);
  }

  @Test
  void staffReachTasklistManagersAlsoCockpitOnlyAdminsAdmin() {
    assertThat(canAccess("zhangwei", "tasklist")).isTrue();
    assertThat(canAccess("zhangwei", "cockpit")).isFalse();
    assertThat(canAccess("zhangwei", "admin")).isFalse();
    assertThat(canAccess("chenjing", "tasklist")).isTrue();
    assertThat(canAccess("chenjing", "cockpit")).isFalse();
    assertThat(canAccess("wangfang", "tasklist")).isTrue();
    assertThat(canAccess("wangfang", "cockpit")).isTrue();
    assertThat(canAccess("wangfang", "admin")).isFalse();
    assertThat(canAccess("admin", "admin")).isTrue();
    assertThat(canAccess("admin", "cockpit")).isTrue();
  }

  @Test
  void oneSharedFilterPerDepartmentAndRoleVisibleOnlyToItsGroup() {
    int departmental = organisation.departments().size() * 4;
    assertThat(filters.createFilterQuery().count()).isGreaterThanOrEqualTo(departmental + 2L);

    List<String> visibleToZhangwei = filterNames("zhangwei");
    assertThat(visibleToZhangwei).containsExactlyInAnyOrder("我的任务", "待我认领", "市场监管局·检查员");
    assertThat(filterNames("wuhao")).containsExactlyInAnyOrder("我的任务", "待我认领", "文化和旅游局·科长");
  }

  @Test
  void anInspectorDoesNotSeeAnotherDepartmentsTask() throws Exception {
    ProcessInstance instance = startRiskWarning("market");

    assertThat(taskCount("zhangwei", instance)).isEqualTo(1);
    assertThat(taskCount("sunli", instance)).as("culture inspector").isZero();
    assertThat(taskCount("chenjing", instance)).as("market chief: not an inspector task").isZero();

    Filter marketInspectors = filters.createFilterQuery().filterName("市场监管局·检查员").singleResult();
    HttpResponse<String> viaFilter = http.get("/engine-rest/filter/" + marketInspectors.getId() + "/list", "lina");
    assertThat(viaFilter.statusCode()).isEqualTo(200);
    assertThat(json.readTree(viaFilter.body()).findValuesAsText("processInstanceId")).contains(instance.getId());
    assertThat(http.get("/engine-rest/filter/" + marketInspectors.getId() + "/list", "sunli").statusCode())
        .as("culture inspector may not read the market filter").isEqualTo(403);
  }

  @Test
  void nobodyButAdminMayCreateFilters() {
    String filter = "{\"resourceType\":\"Task\",\"name\":\"mine\",\"query\":{\"assigneeExpression\":\"${currentUser()}\"}}";
    for (String user : List.of("zhangwei", "chenjing", "wangfang", "zhaomin")) {
      assertThat(http.post("/engine-rest/filter/create", user, filter).statusCode()).as(user).isEqualTo(403);
    }
    HttpResponse<String> byAdmin = http.post("/engine-rest/filter/create", "admin", filter);
    assertThat(byAdmin.statusCode()).isEqualTo(200);
    filters.deleteFilter(readId(byAdmin));
    assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.FILTER)
        .hasPermission(Permissions.CREATE).list())
        .allMatch(a -> "camunda-admin".equals(a.getGroupId()));
  }

  @Test
  void taskQueriesWithExpressionsInOrQueriesAreRefused() {
    String body = "{\"orQueries\":[{\"assigneeExpression\":\"${''.getClass().forName('java.lang.Runtime')}\"}]}";
    HttpResponse<String> rest = http.post("/engine-rest/task", "zhangwei", body);
    assertThat(rest.statusCode()).isEqualTo(400);
    assertThat(rest.body()).contains("orQueries.assigneeExpression");
    assertThat(http.post("/engine-rest/task/count", "zhangwei", body).statusCode()).isEqualTo(400);
    Filter any = filters.createFilterQuery().filterName("市场监管局·检查员").singleResult();
    assertThat(http.post("/engine-rest/filter/" + any.getId() + "/list", "zhangwei", body).statusCode()).isEqualTo(400);
    assertThat(http.post("/camunda/api/engine/engine/default/task", null, body).statusCode()).isEqualTo(400);
    // nested deeper, and in candidate fields
    assertThat(http.post("/engine-rest/task", "admin",
        "{\"orQueries\":[{\"candidateGroupsExpression\":\"${currentUserGroups()}\"}]}").statusCode()).isEqualTo(400);
    // plain or-queries still work
    HttpResponse<String> plain = http.post("/engine-rest/task", "zhangwei",
        "{\"orQueries\":[{\"nameLike\":\"%核查%\"},{\"assignee\":\"zhangwei\"}]}");
    assertThat(plain.statusCode()).isEqualTo(200);
  }

  @Test
  void restAndApiNeedValidCredentials() {
    assertThat(http.get("/engine-rest/task", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/engine-rest/task", null).headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Basic"));
    // a wrong password throttles further attempts of that user for a few seconds (Camunda's
    // login delay), so the failing attempt uses a user the other assertions do not need
    assertThat(http.get("/engine-rest/task", "liuyang:wrong").statusCode()).isEqualTo(401);
    assertThat(http.get("/engine-rest/task", "nobody:demo").statusCode()).isEqualTo(401);
    assertThat(http.get("/engine-rest/task", "zhangwei").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/management/v1/anything", "zhangwei").statusCode()).isEqualTo(403);
    assertThat(http.get("/actuator/prometheus", "zhangwei").statusCode()).isEqualTo(403);
    assertThat(http.get("/actuator/prometheus", "wangfang").statusCode()).isEqualTo(200);
  }

  private boolean canAccess(String user, String application) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    return authorizations.isUserAuthorized(user, groups, Permissions.ACCESS, Resources.APPLICATION, application);
  }

  private List<String> filterNames(String user) {
    HttpResponse<String> response = http.get("/engine-rest/filter", user);
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    try {
      json.readTree(response.body()).forEach(f -> names.add(f.get("name").asText()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return names;
  }

  private ProcessInstance startRiskWarning(String department) {
    String definition = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("risk-warning").latestVersion().singleResult().getId();
    return engine.getFormService().submitStartForm(definition, Map.of(
        "uscc", "91330100799655058B", "entityName", "某某商贸有限公司", "department", department,
        "source", "complaint", "level", "medium", "description", "群众投诉无证经营"));
  }

  private int taskCount(String user, ProcessInstance instance) throws Exception {
    HttpResponse<String> response = http.get("/engine-rest/task?processInstanceId=" + instance.getId(), user);
    assertThat(response.statusCode()).isEqualTo(200);
    return json.readTree(response.body()).size();
  }

  private String readId(HttpResponse<String> response) {
    try {
      JsonNode node = json.readTree(response.body());
      return node.get("id").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void adminSeesTheAdministratorsGroupNamedInChinese() {
    assertThat(identity.createGroupQuery().groupId(Role.CAMUNDA_ADMIN_GROUP).singleResult().getName())
        .isEqualTo("系统管理员");
  }
}
