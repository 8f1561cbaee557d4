package org.onedoor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.platform.ObjectVariableTypes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13: Spin deserializes Object variables only into allow-listed types. A {@code java.io.File}
 * sent through the REST API is refused with 400 naming the variable, the engine refuses to read one
 * that got in some other way, and the variables onedoor and REST callers really use still work.
 */
@OnedoorSpringTest
class ObjectVariableTypeTest {

  static final String FILE = "{\"value\":\"\\\"/etc/passwd\\\"\",\"type\":\"Object\",\"valueInfo\":"
      + "{\"objectTypeName\":\"java.io.File\",\"serializationDataFormat\":\"application/json\"}}";
  static final String LIST = "{\"value\":\"[\\\"A\\\",\\\"B\\\"]\",\"type\":\"Object\",\"valueInfo\":"
      + "{\"objectTypeName\":\"java.util.ArrayList<java.lang.String>\",\"serializationDataFormat\":\"application/json\"}}";

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  TestHttp http;
  String deploymentId;
  String instanceId;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
    deploymentId = repository.createDeployment().name("object-variable-probe")
        .addModelInstance("object-variable-probe.bpmn", Bpmn.createExecutableProcess("object-variable-probe")
            .camundaHistoryTimeToLive(1).name("对象变量探测").startEvent().userTask("Wait").name("等待").endEvent().done())
        .deploy().getId();
    instanceId = runtime.startProcessInstanceByKey("object-variable-probe").getId();
  }

  @AfterEach
  void tearDown() {
    repository.deleteDeployment(deploymentId, true);
  }

  @Test
  void anObjectVariableOfTypeJavaIoFileSentThroughRestIsRefusedNamingTheVariable() {
    HttpResponse<String> put = http.send("PUT", "/engine-rest/process-instance/" + instanceId + "/variables/file", "admin", FILE);
    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.body()).contains("\"field\":\"file\"").contains("不允许的对象变量类型");

    HttpResponse<String> modify = http.post("/engine-rest/process-instance/" + instanceId + "/variables", "admin",
        "{\"modifications\":{\"ok\":{\"value\":1,\"type\":\"Integer\"},\"other\":" + FILE + "}}");
    assertThat(modify.statusCode()).isEqualTo(400);
    assertThat(modify.body()).contains("\"field\":\"other\"");

    HttpResponse<String> start = http.post("/engine-rest/process-definition/key/object-variable-probe/start", "admin",
        "{\"variables\":{\"evil\":" + FILE.replace("java.io.File", "java.util.ArrayList<java.io.File>") + "}}");
    assertThat(start.statusCode()).isEqualTo(400);
    assertThat(start.body()).contains("\"field\":\"evil\"");

    assertThat(runtime.getVariables(instanceId)).doesNotContainKeys("file", "ok", "other");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("object-variable-probe").count()).isEqualTo(1);
  }

  @Test
  void theEngineRefusesToDeserializeATypeOffTheListWhateverWayItGotIn() {
    runtime.setVariable(instanceId, "file", Variables.serializedObjectValue("\"/etc/passwd\"")
        .objectTypeName("java.io.File").serializationDataFormat("application/json").create());

    assertThatThrownBy(() -> runtime.getVariable(instanceId, "file"))
        .isInstanceOf(ProcessEngineException.class);
    assertThat(http.get("/engine-rest/process-instance/" + instanceId + "/variables/file", "admin").statusCode())
        .isNotEqualTo(200);
  }

  @Test
  void listsOfStringsAndJsonVariablesStillWork() {
    assertThat(http.send("PUT", "/engine-rest/process-instance/" + instanceId + "/variables/codes", "admin", LIST)
        .statusCode()).isEqualTo(204);
    assertThat(runtime.getVariable(instanceId, "codes")).isEqualTo(List.of("A", "B"));
    HttpResponse<String> read = http.get("/engine-rest/process-instance/" + instanceId + "/variables/codes", "admin");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).contains("[\"A\",\"B\"]");

    // form-js multi-value fields arrive as Json (Spin), not as Java objects
    assertThat(http.send("PUT", "/engine-rest/process-instance/" + instanceId + "/variables/departments", "admin",
        "{\"value\":\"[\\\"market\\\",\\\"culture\\\"]\",\"type\":\"Json\"}").statusCode()).isEqualTo(204);
    assertThat(http.get("/engine-rest/process-instance/" + instanceId + "/variables/departments?deserializeValue=false", "admin").body())
        .contains("market");
  }

  @Test
  void theAllowListTakesGenericTypesApartAndRefusesArrays() {
    ObjectVariableTypes types = new ObjectVariableTypes();
    assertThat(types.validateTypeName("java.util.HashMap<java.lang.String, java.lang.Object>")).isTrue();
    assertThat(types.validateTypeName("org.onedoor.plan.Plan")).isTrue();
    assertThat(types.validateTypeName("java.util.ArrayList<java.io.File>")).isFalse();
    assertThat(types.validateTypeName("[Ljava.io.File;")).isFalse();
    assertThat(types.validateTypeName("java.lang.ProcessBuilder")).isFalse();
    assertThat(types.validate("javax.management.BadAttributeValueExpException")).isFalse();
  }
}
