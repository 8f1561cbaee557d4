package org.onedoor.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.inspection.InspectionFixtures;
import org.onedoor.listing.letter.DecisionLetters;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 14, defect 9: the decision letter of an abnormal-list case is downloadable from the inspection
 * page whose finding started it (section 经营异常名录决定书), for the inspection's staff only, and only
 * letters of that inspection's cases.
 */
@OnedoorSpringTest
@org.springframework.test.context.event.RecordApplicationEvents
class ListingLettersInTheFileTest {

  @LocalServerPort int port;
  @Autowired AutowireCapableBeanFactory beans;
  @Autowired DecisionLetters letters;
  @Autowired JdbcClient jdbc;
  AbnormalListingProcessTest listing;

  @BeforeEach
  void setUp() {
    listing = new AbnormalListingProcessTest();
    beans.autowireBean(listing);
    listing.setUp();
  }

  @AfterEach
  void tearDown() {
    listing.tearDown();
  }

  @Test
  void theListingLetterDownloadsFromTheInspectionPageForItsStaffOnly() {
    AbnormalListingProcessTest.clock(2026, 12, 7, 10, 0);
    String uscc = listing.entity("enterprise", "决定书下载测试有限公司" + System.nanoTime() % 10000);
    String inspection = InspectionFixtures.open(jdbc, "LL", uscc);
    Map<String, Object> v = new HashMap<>();
    v.put("uscc", uscc);
    v.put("entityName", listing.directory.find(uscc).orElseThrow().name());
    v.put("ground", "4");
    v.put("facts", "检查结果 6：通过登记的住所（经营场所）无法联系");
    v.put("department", "market");
    v.put("sourceInspection", inspection);
    v.put("initiator", "zhangwei");
    ProcessInstance instance = listing.runtime.createProcessInstanceByKey(Listings.PROCESS)
        .businessKey(inspection + "-market").setVariables(v).execute();
    listing.complete(listing.task(instance), "zhangwei", Map.of("verifiedOn", "2026-12-07", "verification", "核实"));
    listing.complete(listing.task(instance), "zhangwei", Map.of("facts", "经实地核查无法联系",
        "legalBasis", listing.listings.properties().legalBasis("4", false)));
    listing.complete(listing.task(instance), "zhaomin", Map.of("decision", "approve"));
    listing.complete(listing.task(instance), "chenjing", Map.of("decision", "approve"));
    listing.executeJob(instance, "ListEntity");
    long id = listing.listingId(instance);
    List<DecisionLetters.Letter> issued = letters.ofListing(id);
    assertThat(issued).hasSize(1);
    DecisionLetters.Letter letter = issued.get(0);
    String href = "/staff/inspections/" + inspection + "/listings/" + id + "/letters/" + letter.id() + ".pdf";

    TestHttp http = new TestHttp(port);
    HttpResponse<String> page = http.get("/staff/inspections/" + inspection, "zhangwei");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("经营异常名录决定书", "列入经营异常名录决定书 " + letter.decisionNumber() + "（PDF）",
        "href=\"" + href + "\"");

    HttpResponse<String> pdf = http.get(href, "sunli");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(pdf.body()).startsWith("%PDF-");

    // another department's staff: refused; a letter of a case this inspection did not start: not found
    assertThat(http.get(href, "hejun").statusCode()).isEqualTo(403);
    String other = InspectionFixtures.open(jdbc, "LL", uscc);
    assertThat(http.get("/staff/inspections/" + other + "/listings/" + id + "/letters/" + letter.id() + ".pdf",
        "zhangwei").statusCode()).isEqualTo(404);
  }
}
