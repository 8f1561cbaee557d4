package org.onedoor.inspection;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * From the case-handling process to the public site, with nothing stubbed: a joint inspection driven
 * through processes/joint-inspection.bpmn to 确认公示 publishes inspection.ResultApproved, the
 * disclosure projection records it, and the public entity page, the public JSON API and the Atom
 * feed show it; a result the chief marks confidential appears nowhere. The process is driven with the
 * helpers of {@link JointInspectionProcessTest} (same plan, entity, inspectors and forms).
 */
@OnedoorSpringTest
@RecordApplicationEvents
class PublicationEndToEndTest {

  @LocalServerPort int port;
  @Autowired AutowireCapableBeanFactory beans;
  @Autowired JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();
  JointInspectionProcessTest joint;
  TestHttp http;

  @BeforeEach
  void setUp() {
    joint = new JointInspectionProcessTest();
    beans.autowireBean(joint);
    joint.setUp();
    http = new TestHttp(port);
  }

  @AfterEach
  void tearDown() {
    joint.tearDown();
  }

  @Test
  void aJointInspectionConfirmedForPublicationAppearsOnTheEntityPageTheApiAndTheFeedButNotWhenConfidential()
      throws Exception {
    ProcessInstance instance = joint.approvedWithMarket(JointInspectionProcessTest.record("market"));
    String number = instance.getBusinessKey();
    String plan = jdbc.sql("SELECT plan_number FROM inspection WHERE number = :n").param("n", number)
        .query(String.class).single();
    // publish after everything else in the shared database, so the entries head the feed and the entity page
    ClockUtil.setCurrentTime(Date.from(latestPublication().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)));
    joint.publish(instance, "market", false);
    joint.publish(instance, "culture", true);
    joint.publish(instance, "fire", false);
    assertThat(instance).isEnded().hasPassed("ResultPublished");

    // the public JSON API: the two public results of this plan, not the confidential one
    JsonNode results = json.readTree(http.get("/public/api/results?plan=" + plan + "&size=100", null).body());
    List<String> departments = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    results.get("items").forEach(r -> {
      Assertions.assertThat(r.get("taskNumber").asText()).isEqualTo(number);
      Assertions.assertThat(r.get("uscc").asText()).isEqualTo(JointInspectionProcessTest.USCC);
      Assertions.assertThat(r.get("resultLabel").asText()).isEqualTo("未发现问题");
      departments.add(r.get("department").asText());
      ids.add(r.get("id").asLong());
    });
    Assertions.assertThat(departments).containsExactlyInAnyOrder("market", "fire");
    Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM public_result WHERE task_number = :n AND department = 'culture'")
        .param("n", number).query(Integer.class).single()).as("the confidential result is not projected").isZero();
    for (long id : ids) {
      Assertions.assertThat(http.get("/public/api/results/" + id, null).statusCode()).isEqualTo(200);
    }

    // the entity page: the newest results first, with their task number and links
    HttpResponse<String> page = http.get("/public/entities/" + JointInspectionProcessTest.USCC, null);
    Assertions.assertThat(page.statusCode()).isEqualTo(200);
    Assertions.assertThat(page.body()).contains(JointInspectionProcessTest.NAME, number, plan,
        "/public/results/" + ids.get(0), "/public/results/" + ids.get(1));
    JsonNode entity = json.readTree(http.get("/public/api/entities/" + JointInspectionProcessTest.USCC + "?size=100",
        null).body());
    List<String> entityDepartments = new ArrayList<>();
    entity.at("/results/items").forEach(r -> {
      if (r.get("taskNumber").asText().equals(number)) {
        entityDepartments.add(r.get("department").asText());
      }
    });
    Assertions.assertThat(entityDepartments).containsExactlyInAnyOrder("market", "fire");

    // the Atom feed: one entry per public result, linking to its page; none for the confidential one
    String feed = http.get("/public/feed.atom", null).body();
    for (long id : ids) {
      Assertions.assertThat(feed).contains("/public/results/" + id + "\"");
    }
    Assertions.assertThat(feed).contains("检查结果公示：" + JointInspectionProcessTest.NAME + "（"
        + JointInspectionProcessTest.USCC + "）");
    long entries = feed.lines().filter(l -> l.contains("任务 " + number + "，")).count();
    Assertions.assertThat(entries).as("feed entries of this inspection").isEqualTo(2);
  }

  Instant latestPublication() {
    Instant latest = TestClock.now();
    for (String table : List.of("public_plan", "public_draw", "public_result", "public_listing")) {
      Instant newest = jdbc.sql("SELECT published_at FROM " + table + " ORDER BY published_at DESC LIMIT 1")
          .query((rs, i) -> rs.getTimestamp(1).toInstant()).optional().orElse(latest);
      if (newest.isAfter(latest)) {
        latest = newest;
      }
    }
    return latest;
  }
}
