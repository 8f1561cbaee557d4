package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.catalog.CatalogService;
import org.onedoor.draw.DrawCommitted;
import org.onedoor.draw.DrawFrozen;
import org.onedoor.draw.DrawService;
import org.onedoor.draw.VerifyDraw;
import org.onedoor.plan.PlanLifecycle;
import org.onedoor.plan.PlanService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The draw commitment is published with its plan (PublishPlan, then CommitDraw, in one transaction):
 * the projection holds it from draw.DrawCommitted, and the public pages and API read it from there
 * before the draw, and the record under the same draw id after it.
 */
@OnedoorSpringTest
@RecordApplicationEvents
class DrawCommitmentProjectionTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired PlanService plans;
  @Autowired PlanLifecycle lifecycle;
  @Autowired DrawService draws;
  @Autowired PublicRecords records;
  @Autowired TransactionTemplate tx;
  @Autowired ApplicationEventPublisher publisher;
  @Autowired ApplicationEvents events;
  final ObjectMapper json = new ObjectMapper();
  TestHttp http;
  DrawPageFixture fixture;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
    fixture = new DrawPageFixture(jdbc, catalog, plans, draws);
  }

  /** Publishes a drafted plan and commits its batch as the sampling-plan process does, in one transaction. */
  private String publishedAndCommitted() {
    String plan = fixture.drafted(false);
    jdbc.sql("UPDATE plan_plan SET status = :s WHERE number = :n").param("s", PlanLifecycle.IN_SIGN_OFF)
        .param("n", plan).update();
    tx.executeWithoutResult(s -> {
      lifecycle.publish(plan);
      draws.commit(plan, 1, TestClock.now());
    });
    return plan;
  }

  @Test
  void aCommittedBatchShowsOnTheDrawAndPlanPagesBeforeTheDrawWithNoNonceOrSeedAnywhere() throws Exception {
    String plan = publishedAndCommitted();
    String id = DrawService.drawId(plan, 1);
    String nonce = jdbc.sql("SELECT nonce_hex FROM draw_commitment WHERE plan_number = :p").param("p", plan)
        .query(String.class).single();
    String commitment = jdbc.sql("SELECT commitment FROM draw_commitment WHERE plan_number = :p").param("p", plan)
        .query(String.class).single();

    assertThat(records.findDraw(id)).get().satisfies(d -> {
      assertThat(d.state()).isEqualTo("COMMITTED");
      assertThat(d.commitment()).isEqualTo(commitment);
      assertThat(d.committedAt()).isNotNull();
      assertThat(d.drawnAt()).isNull();
      assertThat(d.commitmentMatches()).isNull();
    });
    List<String> responses = List.of(
        http.get("/public/draws/" + id, null).body(),
        http.get("/public/plans/" + plan, null).body(),
        http.get("/public/api/plans/" + plan, null).body(),
        http.get("/public/api/draws/" + id, null).body(),
        http.get("/public/api/draws/" + id + "/versions", null).body(),
        new String(http.getBytes("/public/api/draws.csv?plan=" + plan, null).body(), java.nio.charset.StandardCharsets.UTF_8));
    for (String body : responses) {
      assertThat(body).contains(commitment).doesNotContain(nonce).doesNotContain("\"nonce\"")
          .doesNotContain("\"seed\"").doesNotContain("随机数（nonce）").doesNotContain("种子");
    }
    assertThat(responses.get(0)).contains("尚未抽取", "承诺值公布时间").doesNotContain("id=\"verify\"");
    assertThat(responses.get(1)).contains("第 1 批", "尚未抽取", "抽取承诺值", "/public/draws/" + id);
    JsonNode api = json.readTree(responses.get(2));
    assertThat(api.at("/draws/0/state").asText()).isEqualTo("COMMITTED");
    assertThat(api.at("/draws/0/commitment").asText()).isEqualTo(commitment);
    assertThat(responses.get(3)).as("the draw feature's public record, verbatim")
        .isEqualTo(draws.publicJson(id).orElseThrow());
    assertThat(json.readTree(http.get("/public/api/draws", null).body()).get("draws").toString()).contains(id);

    // the freeze publishes the population hash; still no nonce
    draws.freeze(plan, 1, TestClock.now());
    String frozen = http.get("/public/draws/" + id, null).body();
    String hash = draws.frozen(plan, 1).orElseThrow().populationHash();
    assertThat(frozen).contains("尚未抽取", commitment, hash).doesNotContain(nonce);
    assertThat(records.findDraw(id).orElseThrow().state()).isEqualTo("FROZEN");

    // after the draw: the record under the same id, the commitment kept and checked
    draws.draw(plan, 1, null, TestClock.now());
    String record = http.get("/public/api/draws/" + id, null).body();
    assertThat(record).isEqualTo(draws.publicJson(id).orElseThrow()).contains(nonce);
    assertThat(VerifyDraw.verify(record).match()).isTrue();
    assertThat(records.findDraw(id)).get().satisfies(d -> {
      assertThat(d.state()).isEqualTo("DRAWN");
      assertThat(d.commitment()).isEqualTo(commitment);
      assertThat(d.commitmentMatches()).isTrue();
      assertThat(d.drawnAt()).isNotNull();
    });
    assertThat(http.get("/public/draws/" + id, null).body()).contains("已抽取", nonce, "与记录一致", "id=\"verify\"");
    assertThat(http.get("/public/plans/" + plan, null).body()).contains("已抽取", "与抽取前公布的承诺值", "一致",
        "查看并核验第 1 批");
  }

  @Test
  void theCommitmentIsPublishedOnceAndARepeatedCommitPublishesNothing() {
    String plan = publishedAndCommitted();
    assertThat(events.stream(DrawCommitted.class).filter(e -> e.planNumber().equals(plan))).hasSize(1);
    Instant committedAt = records.findDraw(DrawService.drawId(plan, 1)).orElseThrow().committedAt();

    tx.executeWithoutResult(s -> draws.commit(plan, 1, TestClock.now().plusSeconds(60)));
    assertThat(events.stream(DrawCommitted.class).filter(e -> e.planNumber().equals(plan)))
        .as("the idempotent repeat").hasSize(1);
    assertThat(records.findDraw(DrawService.drawId(plan, 1)).orElseThrow().committedAt()).isEqualTo(committedAt);
    assertThat(events.stream(DrawFrozen.class).filter(e -> e.planNumber().equals(plan))).isEmpty();
  }

  @Test
  void aDrawWhoseRecordCarriesAnotherCommitmentIsPublishedWithTheMismatchShown() throws Exception {
    PublicFixture events = new PublicFixture(plans, catalog, publisher, tx);
    Instant at = Instant.parse("2026-12-02T02:00:00Z");
    String plan = events.publishedPlan("承诺值不一致测试计划", at);
    String id = DrawService.drawId(plan, 1);
    String announced = "12".repeat(32);
    events.publish(new DrawCommitted(id, plan, 1, announced,
        "{\"algorithm\":\"onedoor-draw-v1\",\"planNumber\":\"" + plan + "\",\"batch\":1,\"commitment\":\"" + announced
            + "\"}", at));
    events.drawn(plan, at.plusSeconds(3600), PublicFixture.uscc("9133010031")); // the record carries "ab" × 32

    assertThat(records.findDraw(id)).get().satisfies(d -> {
      assertThat(d.commitment()).as("the commitment published before the draw").isEqualTo(announced);
      assertThat(d.commitmentMatches()).isFalse();
    });
    assertThat(http.get("/public/draws/" + id, null).body()).contains("承诺值不一致", announced, "ab".repeat(32));
    assertThat(http.get("/public/plans/" + plan, null).body()).contains("不一致");
    assertThat(json.readTree(http.get("/public/api/draws/" + id + "/versions", null).body())
        .at("/draw/commitmentMatches").asBoolean(true)).isFalse();
    assertThat(new String(http.getBytes("/public/api/draws.csv?plan=" + plan, null).body(),
        java.nio.charset.StandardCharsets.UTF_8)).contains(announced + ",").contains(",不一致,");
  }
}
