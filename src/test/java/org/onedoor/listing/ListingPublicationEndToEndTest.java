package org.onedoor.listing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * From the case-handling process to the public site, with nothing stubbed: an entity listed through
 * processes/abnormal-listing.bpmn (listing.ListingDecided) appears on the public abnormal list, and its
 * removal shows there, on its entity page and in the CSV download as a change of the same listing.
 * The process is driven with the helpers of {@link AbnormalListingProcessTest}.
 */
@OnedoorSpringTest
@RecordApplicationEvents
class ListingPublicationEndToEndTest {

  @LocalServerPort int port;
  @Autowired AutowireCapableBeanFactory beans;
  final ObjectMapper json = new ObjectMapper();
  AbnormalListingProcessTest listing;
  TestHttp http;

  @BeforeEach
  void setUp() {
    listing = new AbnormalListingProcessTest();
    beans.autowireBean(listing);
    listing.setUp();
    http = new TestHttp(port);
  }

  @AfterEach
  void tearDown() {
    listing.tearDown();
  }

  @Test
  void aListingDecidedInTheProcessIsOnThePublicAbnormalListAndItsRemovalShowsAsAChange() throws Exception {
    AbnormalListingProcessTest.clock(2026, 9, 1, 10, 0);
    String name = "公示端到端测试有限公司" + System.nanoTime() % 100000;
    String uscc = listing.entity("enterprise", name);
    ProcessInstance instance = listing.listThroughTheProcess(uscc, "2");
    long id = listing.listingId(instance);

    String listed = http.get("/public/abnormal-list?q=" + uscc, null).body();
    assertThat(listed).contains(name, uscc, "在列");
    JsonNode api = json.readTree(http.get("/public/api/abnormal-list?q=" + uscc, null).body());
    assertThat(api.get("items")).hasSize(1);
    assertThat(api.at("/items/0/listingId").asLong()).isEqualTo(id);
    assertThat(api.at("/items/0/status").asText()).isEqualTo("LISTED");
    assertThat(api.at("/items/0/listedOn").asText()).isEqualTo("2026-09-01");
    assertThat(http.get("/public/entities/" + uscc, null).body()).contains("列入经营异常名录")
        .doesNotContain("移出经营异常名录");

    AbnormalListingProcessTest.clock(2026, 9, 29, 10, 0);
    listing.filings.applyForRemoval(id, LocalDate.of(2026, 9, 29), null, "已公示责令公示的信息", "zhangwei",
        AbnormalListingProcessTest.now());
    listing.complete(listing.task(instance), "chenjing", Map.of("decision", "remove"));
    listing.executeJob(instance, "RemoveListing");

    // the same listing, now removed: one row, its newest decision the removal, the listing date kept
    api = json.readTree(http.get("/public/api/abnormal-list?q=" + uscc, null).body());
    assertThat(api.get("items")).hasSize(1);
    assertThat(api.at("/items/0/listingId").asLong()).isEqualTo(id);
    assertThat(api.at("/items/0/status").asText()).isEqualTo("REMOVED");
    assertThat(api.at("/items/0/listedOn").asText()).isEqualTo("2026-09-01");
    assertThat(api.at("/items/0/changedOn").asText()).isEqualTo("2026-09-29");
    assertThat(http.get("/public/abnormal-list?q=" + uscc, null).body()).contains(name, "已移出");
    assertThat(http.get("/public/abnormal-list?status=LISTED&q=" + uscc, null).body()).doesNotContain(name);
    // the entity page keeps both decisions: the listing and its removal
    assertThat(http.get("/public/entities/" + uscc, null).body()).contains("列入经营异常名录", "移出经营异常名录");
    String csv = new String(http.getBytes("/public/api/abnormal-list.csv?status=REMOVED", null).body(),
        StandardCharsets.UTF_8);
    assertThat(csv).contains(uscc + "," + name + ",已移出,").contains(",2026-09-01,移出经营异常名录,2026-09-29,");
  }
}
