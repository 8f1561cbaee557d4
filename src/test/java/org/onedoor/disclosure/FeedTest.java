package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The Atom feed and the CSV downloads over HTTP, anonymous, from rows of the disclosure projection. */
@OnedoorSpringTest
class FeedTest {

  static final String ATOM_NS = "http://www.w3.org/2005/Atom";
  private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 10);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  TestHttp http;
  FeedProjectionRows rows;
  String plan;
  /**
   * A day after the newest publication in the shared database (other test classes publish with engine
   * clocks moved years ahead), so the rows a test writes head the feed.
   */
  Instant soon;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
    rows = new FeedProjectionRows(jdbc);
    plan = "FEED-" + IDS.incrementAndGet();
    soon = rows.latestPublication(TestClock.now()).plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
  }

  @Test
  void theAtomFeedListsNewPublicationsOfEveryKindNewestFirstWithCorrectionsAndWithdrawals() throws Exception {
    soon = soon.plus(30, ChronoUnit.DAYS); // after the rows of the other tests of this class
    long result = IDS.incrementAndGet();
    long withdrawn = IDS.incrementAndGet();
    long listing = IDS.incrementAndGet();
    rows.plan(plan, "订阅测试计划 <script>alert(1)</script> & 其他", soon);
    rows.draw(plan, soon.plusSeconds(1));
    rows.result(result, 1, "ORIGINAL", null, plan, "订阅一号有限公司", "91330100FEED00001X", "未发现问题", null, soon.plusSeconds(2));
    rows.result(result, 2, "CORRECTION", "名称录入有误", plan, "订阅壹号有限公司", "91330100FEED00001X", "未发现问题", null,
        soon.plusSeconds(3));
    rows.result(withdrawn, 1, "ORIGINAL", null, plan, "订阅二号有限公司", "91330100FEED00002X", "发现问题已责令改正", null,
        soon.plusSeconds(4));
    rows.result(withdrawn, 2, "WITHDRAWAL", "误将其他计划的结果公示", plan, "订阅二号有限公司", "91330100FEED00002X",
        "发现问题已责令改正", null, soon.plusSeconds(5));
    rows.listing(listing, listing, "LISTED", "市监异〔2026〕" + listing + "号", "91330100FEED00003X", "订阅三号有限公司",
        "通过登记的住所或者经营场所无法联系", LocalDate.of(2026, 12, 20), soon.plusSeconds(6));

    HttpResponse<String> feed = http.get("/public/feed.atom", null);
    assertThat(feed.statusCode()).isEqualTo(200);
    assertThat(feed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/atom+xml");
    Document doc = parse(feed.body());
    Element root = doc.getDocumentElement();
    assertThat(root.getNamespaceURI()).isEqualTo(ATOM_NS);
    assertThat(root.getLocalName()).isEqualTo("feed");
    assertThat(text(root, "updated")).isEqualTo(soon.plusSeconds(6).toString());
    assertThat(text(root, "id")).isEqualTo("http://localhost:" + port + "/public/feed.atom");

    NodeList entries = root.getElementsByTagNameNS(ATOM_NS, "entry");
    List<String> titles = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      titles.add(text((Element) entries.item(i), "title"));
    }
    assertThat(titles).containsExactly(
        "列入经营异常名录：订阅三号有限公司（91330100FEED00003X）",
        "【撤回】检查结果公示：订阅二号有限公司（91330100FEED00002X）",
        "检查结果公示：订阅二号有限公司（91330100FEED00002X）",
        "【更正】检查结果公示：订阅壹号有限公司（91330100FEED00001X）",
        "检查结果公示：订阅一号有限公司（91330100FEED00001X）",
        "抽取记录公示：计划 " + plan + " 第 1 批",
        "抽查计划公示：订阅测试计划 <script>alert(1)</script> & 其他（" + plan + "）");
    Element withdrawal = (Element) entries.item(1);
    assertThat(text(withdrawal, "summary")).isEqualTo("该检查结果公示已撤回。原因：误将其他计划的结果公示")
        .doesNotContain("责令改正");
    assertThat(text((Element) entries.item(3), "summary")).contains("更正原因：名称录入有误");
    Element drawEntry = (Element) entries.item(5);
    assertThat(((Element) drawEntry.getElementsByTagNameNS(ATOM_NS, "link").item(0)).getAttribute("href"))
        .isEqualTo("http://localhost:" + port + "/public/draws/" + plan + "-b1");
    assertThat(((Element) drawEntry.getElementsByTagNameNS(ATOM_NS, "category").item(0)).getAttribute("label"))
        .isEqualTo("抽取记录");
    // each version is an entry of its own, with a stable id
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(text((Element) entries.item(i), "id"));
    }
    assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).startsWith("urn:uuid:"));
    assertThat(parse(http.get("/public/feed.atom", null).body()).getDocumentElement()
        .getElementsByTagNameNS(ATOM_NS, "id").item(1).getTextContent()).isEqualTo(ids.get(0));
    assertThat(entries.getLength()).isLessThanOrEqualTo(FeedReader.FEED_ENTRIES);
  }

  @Test
  void resultsCsvIsUtf8WithBomAndShowsCurrentVersionsOnly() {
    long corrected = IDS.incrementAndGet();
    long withdrawn = IDS.incrementAndGet();
    rows.result(corrected, 1, "ORIGINAL", null, plan, "旧名称有限公司", "91330100FEED00011X", "未发现问题", null, soon);
    rows.result(corrected, 2, "CORRECTION", "名称录入有误", plan, "新名称\"甲,乙\"有限公司", "91330100FEED00011X",
        "未发现问题", "=HYPERLINK(\"http://x\")", soon.plusSeconds(1));
    rows.result(withdrawn, 1, "ORIGINAL", null, plan, "撤回测试有限公司", "91330100FEED00012X", "未发现问题", null, soon);
    rows.result(withdrawn, 2, "WITHDRAWAL", "误发", plan, "撤回测试有限公司", "91330100FEED00012X", "未发现问题", null,
        soon.plusSeconds(2));

    HttpResponse<byte[]> download = http.getBytes("/public/api/results.csv?plan=" + plan, null);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv").contains("UTF-8");
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment").contains("filename=\"results.csv\"").contains("UTF-8''");
    byte[] body = download.body();
    assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    String[] lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n");
    assertThat(lines[0]).isEqualTo(String.join(",", FeedReader.RESULT_COLUMNS));
    assertThat(lines).hasSize(2);
    assertThat(lines[1]).startsWith(corrected + ",2," + plan + ",订阅测试计划," + plan + "-0001,订阅测试任务,不定向抽查,市场监管局,")
        .contains(",\"新名称\"\"甲,乙\"\"有限公司\",91330100FEED00011X,2026-12-10,未发现问题,")
        .contains(",\"'=HYPERLINK(\"\"http://x\"\")\",名称录入有误,")
        .doesNotContain("旧名称").doesNotContain("撤回测试");
  }

  @Test
  void abnormalListCsvShowsEachListingWithItsNewestDecision() {
    long listed = IDS.incrementAndGet();
    long removedListing = IDS.incrementAndGet();
    String usccListed = "91330100FEED" + String.format("%05d", listed % 100000) + "X";
    String usccRemoved = "91330100FEED" + String.format("%05d", removedListing % 100000) + "Y";
    rows.listing(listed, listed, "LISTED", "市监异〔2026〕" + listed + "号", usccListed, "在列测试有限公司",
        "通过登记的住所或者经营场所无法联系", LocalDate.of(2026, 6, 1), soon);
    rows.listing(removedListing, removedListing, "LISTED", "市监异〔2026〕" + removedListing + "号", usccRemoved,
        "移出测试有限公司", "未按规定报送年度报告", LocalDate.of(2026, 6, 2), soon);
    long removal = IDS.incrementAndGet();
    rows.listing(removal, removedListing, "REMOVED", "市监移〔2026〕" + removal + "号", usccRemoved, "移出测试有限公司",
        null, LocalDate.of(2026, 9, 2), soon);

    byte[] body = http.getBytes("/public/api/abnormal-list.csv?department=market", null).body();
    String csv = new String(body, StandardCharsets.UTF_8);
    assertThat(csv).startsWith("\uFEFF" + String.join(",", FeedReader.ABNORMAL_COLUMNS) + "\r\n")
        .contains(usccListed + ",在列测试有限公司,在列,通过登记的住所或者经营场所无法联系,市场监管局,2026-06-01,列入经营异常名录,2026-06-01,市监异〔2026〕"
            + listed + "号\r\n")
        .contains(usccRemoved + ",移出测试有限公司,已移出,未按规定报送年度报告,市场监管局,2026-06-02,移出经营异常名录,2026-09-02,市监移〔2026〕"
            + removal + "号\r\n")
        .doesNotContain("市监异〔2026〕" + removedListing + "号");
    assertThat(new String(http.getBytes("/public/api/abnormal-list.csv?status=REMOVED", null).body(),
        StandardCharsets.UTF_8)).contains(usccRemoved).doesNotContain(usccListed);
    HttpResponse<String> bad = http.get("/public/api/abnormal-list.csv?status=GONE", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"field\":\"status\"");
  }

  @Test
  void plansCsvListsPublishedPlans() {
    rows.plan(plan, "计划下载测试", soon);
    String csv = new String(http.getBytes("/public/api/plans.csv?year=2026", null).body(), StandardCharsets.UTF_8);
    assertThat(csv).startsWith("\uFEFF计划编号,年度,计划名称,")
        .contains(plan + ",2026,计划下载测试,不定向抽查,市场监管局,市场监管局、消防救援支队,2026-11-20,");
    assertThat(new String(http.getBytes("/public/api/plans.csv?year=2019", null).body(), StandardCharsets.UTF_8))
        .doesNotContain(plan);
  }

  @Test
  void csvCellsAreQuotedAndNeverRunAsFormulas() {
    assertThat(FeedCsv.cell("普通")).isEqualTo("普通");
    assertThat(FeedCsv.cell("甲,乙")).isEqualTo("\"甲,乙\"");
    assertThat(FeedCsv.cell("说\"明\"")).isEqualTo("\"说\"\"明\"\"\"");
    assertThat(FeedCsv.cell("两\n行")).isEqualTo("\"两\n行\"");
    assertThat(FeedCsv.cell("=1+1")).isEqualTo("'=1+1");
    assertThat(FeedCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(FeedCsv.cell("-2")).isEqualTo("'-2");
    assertThat(FeedCsv.cell(null)).isEmpty();
    assertThat(FeedController.esc("a\u0001<b>&\"")).isEqualTo("a&lt;b&gt;&amp;&quot;");
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  static String text(Element parent, String name) {
    for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && ATOM_NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
        return e.getTextContent();
      }
    }
    return null;
  }
}
