package org.onedoor.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.directory.EntityDirectory;
import org.onedoor.directory.Uscc;
import org.onedoor.inspection.ResultApproved;
import org.onedoor.listing.ListingDecided;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.rectification.RectificationConcluded;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Results feed back (issue 15): causes weighed by credit-feedback.dmn, changes in force at once or at
 * the monthly recalculation, the history with its causes on the staff entity page. Every moment is
 * fixed (never today's date); each test uses months of its own, because the recalculation of a month
 * happens once in the shared database.
 */
@OnedoorSpringTest
class CreditFeedbackTest {

  static final AtomicInteger NEXT = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired CreditFeedback feedback;
  @Autowired CreditFeedbackListener listener;
  @Autowired CreditRecalculationSchedule schedule;
  @Autowired RiskWarningService warnings;
  @Autowired org.onedoor.catalog.CatalogService catalog;
  @Autowired EntityDirectory directory;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;

  static Instant at(int year, int month, int day, int hour) {
    return LocalDateTime.of(year, month, day, hour, 0).atZone(TestClock.ZONE).toInstant();
  }

  String entity(String creditClass, String riskLevel) {
    String body = String.format("91330100CRED%05d", NEXT.incrementAndGet());
    String uscc = body + Uscc.checkCharacter(body);
    jdbc.sql("""
        INSERT INTO directory_entity (uscc, name, type, category, subcategory, unit, region, address,
            legal_representative, status, credit_class, risk_level, tags, commitment, created_at, updated_at)
        VALUES (:u, :n, 'enterprise', '信用反馈测试', '', '西湖区所', '西湖区', '', '', 'active', :c, :l, '', FALSE, :t, :t)
        """)
        .param("u", uscc).param("n", "信用反馈测试企业" + NEXT.get()).param("c", creditClass).param("l", riskLevel)
        .param("t", Timestamp.from(at(2030, 1, 1, 9))).update();
    return uscc;
  }

  CreditFeedback.Rating inForce(String uscc) {
    var e = directory.find(uscc).orElseThrow();
    return new CreditFeedback.Rating(e.creditClass(), e.riskLevel());
  }

  CreditFeedback.Change result(String uscc, String inspection, String code, Instant when) {
    return feedback.weigh(new CreditFeedback.Cause(CreditFeedback.RESULT, inspection, inspection + "/market", uscc,
        code, "市场监管局：" + code), when).orElseThrow();
  }

  @Test
  void aProblemFoundRaisesTheRiskAtTheNextMonthlyRecalculation() {
    String uscc = entity("B", "low");
    CreditFeedback.Change change = result(uscc, "CF-1-0001", "D", at(2030, 3, 14, 10));

    assertThat(change.status()).isEqualTo(CreditFeedback.PENDING);
    assertThat(change.before()).isEqualTo(new CreditFeedback.Rating("B", "low"));
    assertThat(change.after()).isEqualTo(new CreditFeedback.Rating("B", "medium"));
    assertThat(change.effectiveOn()).isEqualTo(LocalDate.of(2030, 4, 1));
    assertThat(change.ruleId()).startsWith("Feedback_problemFound (credit-feedback v").endsWith("第 7 行)");
    assertThat(change.reason()).isEqualTo("检查发现问题：风险等级升一级");
    assertThat(inForce(uscc)).as("nothing in force before the recalculation").isEqualTo(change.before());
    assertThat(feedback.of(uscc).orElseThrow().projected()).isEqualTo(change.after());
    // the same event again is weighed once
    assertThat(result(uscc, "CF-1-0001", "D", at(2030, 3, 15, 10))).isEqualTo(change);

    CreditFeedback.Recalculation run = feedback.recalculate(YearMonth.of(2030, 4), "test", at(2030, 4, 1, 1));
    assertThat(run.changes()).isPositive();
    assertThat(inForce(uscc)).isEqualTo(new CreditFeedback.Rating("B", "medium"));
    CreditFeedback.Change applied = feedback.history(uscc).get(0);
    assertThat(applied.status()).isEqualTo(CreditFeedback.EFFECTIVE);
    assertThat(applied.effectiveAt()).isEqualTo(at(2030, 4, 1, 1));
    assertThat(applied.effectiveBy()).isEqualTo("recalculation:2030-04");
    assertThatThrownBy(() -> feedback.recalculate(YearMonth.of(2030, 4), "test", at(2030, 4, 2, 1)))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void threeCleanResultsInARowLowerTheRiskOneStepAndTheCountStartsAgain() {
    String uscc = entity("B", "high");
    assertThat(result(uscc, "CF-2-0001", "1", at(2031, 1, 5, 10)).status()).isEqualTo(CreditFeedback.UNCHANGED);
    // another code in between starts the count again
    assertThat(result(uscc, "CF-2-0002", "F", at(2031, 1, 6, 10)).cleanResults()).isZero();
    assertThat(result(uscc, "CF-2-0003", "1", at(2031, 1, 7, 10)).cleanResults()).isEqualTo(1);
    assertThat(result(uscc, "CF-2-0004", "1", at(2031, 1, 8, 10)).cleanResults()).isEqualTo(2);
    CreditFeedback.Change third = result(uscc, "CF-2-0005", "1", at(2031, 1, 9, 10));
    assertThat(third.cleanResults()).isEqualTo(3);
    assertThat(third.after()).isEqualTo(new CreditFeedback.Rating("B", "medium"));
    assertThat(third.status()).isEqualTo(CreditFeedback.PENDING);
    // the change of level starts the count again: the next clean result is the first
    CreditFeedback.Change next = result(uscc, "CF-2-0006", "1", at(2031, 1, 10, 10));
    assertThat(next.cleanResults()).isEqualTo(1);
    assertThat(next.before()).as("built on the pending change").isEqualTo(third.after());
    assertThat(next.status()).isEqualTo(CreditFeedback.UNCHANGED);
  }

  @Test
  void aListingTakesEffectAtOnceAndItsRemovalRestoresTheRatingBeforeIt() {
    String uscc = entity("B", "medium");
    CreditFeedback.Change problem = result(uscc, "CF-3-0001", "D", at(2032, 2, 3, 10));
    assertThat(problem.status()).isEqualTo(CreditFeedback.PENDING);

    tx.executeWithoutResult(s -> listener.listingDecided(decided(uscc, 77001L, ListingDecided.Kind.LISTED,
        "市监异〔2032〕1号", at(2032, 2, 10, 10))));
    CreditFeedback.Change listed = feedback.history(uscc).get(0);
    assertThat(listed.causeKind()).isEqualTo(CreditFeedback.LISTING);
    assertThat(listed.causeId()).isEqualTo("77001");
    assertThat(listed.causeDetail()).contains("市监异〔2032〕1号");
    assertThat(listed.before()).as("from the pending change").isEqualTo(new CreditFeedback.Rating("B", "high"));
    assertThat(listed.after()).isEqualTo(new CreditFeedback.Rating("D", "high"));
    assertThat(listed.status()).isEqualTo(CreditFeedback.EFFECTIVE);
    assertThat(listed.effectiveBy()).isEqualTo("immediate");
    assertThat(inForce(uscc)).isEqualTo(new CreditFeedback.Rating("D", "high"));
    // the pending change before it went into force with it
    CreditFeedback.Change taken = feedback.history(uscc).get(1);
    assertThat(taken.status()).isEqualTo(CreditFeedback.EFFECTIVE);
    assertThat(taken.effectiveBy()).isEqualTo("with:" + listed.id());

    tx.executeWithoutResult(s -> listener.listingDecided(decided(uscc, 77001L, ListingDecided.Kind.REMOVED,
        "市监异〔2032〕9号", at(2032, 5, 20, 10))));
    CreditFeedback.Change removed = feedback.history(uscc).get(0);
    assertThat(removed.causeKind()).isEqualTo(CreditFeedback.REMOVAL);
    assertThat(removed.after()).as("the rating before the listing").isEqualTo(listed.before());
    assertThat(removed.status()).isEqualTo(CreditFeedback.PENDING);
    assertThat(removed.effectiveOn()).isEqualTo(LocalDate.of(2032, 6, 1));
    feedback.recalculate(YearMonth.of(2032, 6), "test", at(2032, 6, 1, 1));
    assertThat(inForce(uscc)).isEqualTo(new CreditFeedback.Rating("B", "high"));
  }

  @Test
  void rectificationsAndRiskWarningsFeedBackThroughTheirEvents() {
    String uscc = entity("C", "low");
    tx.executeWithoutResult(s -> listener.rectificationConcluded(
        new RectificationConcluded(88001L, "CF-4-0001", "market", uscc, "A", at(2033, 3, 2, 10))));
    CreditFeedback.Change notCorrected = feedback.history(uscc).get(0);
    assertThat(notCorrected.causeKind()).isEqualTo(CreditFeedback.RECTIFICATION);
    assertThat(notCorrected.after().riskLevel()).isEqualTo("high");
    assertThat(notCorrected.status()).isEqualTo(CreditFeedback.PENDING);

    // a warning checked and approved for a targeted inspection: through RiskWarningService's event
    Instant checked = at(2033, 3, 5, 10);
    long warning = tx.execute(s -> {
      long id = warnings.register(new RiskWarningService.NewWarning(uscc, "信用反馈测试企业", "market", "monitoring",
          "high", "监测数据连续超标"), "chenjing", null, checked);
      assertThat(warnings.recordCheck(id, "targeted", "现场核实属实", "zhangwei", checked)).isTrue();
      return id;
    });
    assertThat(feedback.history(uscc)).hasSize(1).as("nothing until the chief decides");
    String item = TargetedInspectionFixture.items(catalog);
    tx.executeWithoutResult(s -> warnings.recordDecision(warning, true, null, item, "chenjing", checked));
    CreditFeedback.Change targeted = feedback.history(uscc).get(0);
    assertThat(targeted.causeKind()).isEqualTo(CreditFeedback.WARNING);
    assertThat(targeted.causeId()).isEqualTo(String.valueOf(warning));
    assertThat(targeted.outcome()).isEqualTo("targeted");
    // a warning is a lead, not a finding: the targeted inspection's result decides (无事不扰)
    assertThat(targeted.status()).isEqualTo(CreditFeedback.UNCHANGED);
    assertThat(targeted.reason()).contains("以定向检查结果为准");
    assertThat(inForce(uscc)).isEqualTo(new CreditFeedback.Rating("C", "low"));
    assertThat(feedback.of(uscc).orElseThrow().projected()).as("the rectification's change still pending")
        .isEqualTo(new CreditFeedback.Rating("C", "high"));

    // an unfounded warning changes nothing but is kept
    long unfounded = tx.execute(s -> {
      long id = warnings.register(new RiskWarningService.NewWarning(uscc, "信用反馈测试企业", "market", "complaint",
          "low", "投诉"), "chenjing", null, checked);
      warnings.recordCheck(id, "unfounded", "经核查不属实", "zhangwei", checked);
      return id;
    });
    assertThat(feedback.history(uscc).get(0)).satisfies(c -> {
      assertThat(c.causeId()).isEqualTo(String.valueOf(unfounded));
      assertThat(c.status()).isEqualTo(CreditFeedback.UNCHANGED);
    });
  }

  @Test
  void anApprovedResultEventIsWeighedOnceAndABusinessNotInTheDirectoryIsLeftAlone() {
    String uscc = entity("B", "medium");
    ResultApproved event = new ResultApproved("CF-PLAN", "信用反馈测试计划", "CF-5-0001", "信用反馈测试计划（市场监管局）",
        "不定向", "market", "市场监管局", "信用反馈测试企业", uscc, LocalDate.of(2034, 2, 1), "C", "公示信息隐瞒真实情况弄虚作假",
        null, true, at(2034, 2, 3, 10));
    tx.executeWithoutResult(s -> listener.resultApproved(event));
    tx.executeWithoutResult(s -> listener.resultApproved(event));
    assertThat(feedback.history(uscc)).singleElement().satisfies(c -> {
      assertThat(c.causeRef()).isEqualTo("CF-5-0001/market");
      assertThat(c.after()).isEqualTo(new CreditFeedback.Rating("C", "high"));
      assertThat(c.status()).isEqualTo(CreditFeedback.EFFECTIVE);
    });
    String stranger = "91330100CRED99999" + Uscc.checkCharacter("91330100CRED99999");
    assertThat(feedback.weigh(new CreditFeedback.Cause(CreditFeedback.RESULT, "CF-5-0002", "CF-5-0002/market",
        stranger, "A", null), at(2034, 2, 3, 10))).isEmpty();
  }

  /** The job: on the engine clock, once a month whichever node runs first, catching up a missed 1st. */
  @Test
  void theRecalculationJobRunsOnceAMonthOnTheEngineClock() {
    String uscc = entity("A", "low");
    result(uscc, "CF-6-0001", "B", at(2035, 7, 20, 10));
    ClockUtil.setCurrentTime(Date.from(at(2035, 7, 31, 1)));
    schedule.run();
    assertThat(inForce(uscc)).as("July was recalculated (nothing due)").isEqualTo(new CreditFeedback.Rating("A", "low"));
    assertThat(feedback.recalculation(YearMonth.of(2035, 7))).isPresent();

    // the 1st of August was missed (no node up); the 2nd catches up
    ClockUtil.setCurrentTime(Date.from(at(2035, 8, 2, 1)));
    schedule.run();
    assertThat(inForce(uscc)).isEqualTo(new CreditFeedback.Rating("A", "medium"));
    CreditFeedback.Recalculation august = feedback.recalculation(YearMonth.of(2035, 8)).orElseThrow();
    assertThat(august.startedBy()).isEqualTo("system");
    assertThat(august.finishedAt()).isEqualTo(at(2035, 8, 2, 1));

    // a second node (or the next day) finds the month done and changes nothing
    result(uscc, "CF-6-0002", "B", at(2035, 8, 2, 9));
    ClockUtil.setCurrentTime(Date.from(at(2035, 8, 3, 1)));
    schedule.run();
    assertThat(inForce(uscc)).isEqualTo(new CreditFeedback.Rating("A", "medium"));
    assertThat(feedback.recalculation(YearMonth.of(2035, 8)).orElseThrow()).isEqualTo(august);
  }

  @Test
  void theStaffEntityPageShowsTheRatingItsPendingChangeAndTheHistoryToStaffOnly() throws Exception {
    String uscc = entity("B", "low");
    tx.executeWithoutResult(s -> listener.listingDecided(decided(uscc, 77002L, ListingDecided.Kind.LISTED,
        "市监异〔2036〕3号", at(2036, 3, 2, 10))));
    result(uscc, "CF-7-0001", "1", at(2036, 3, 9, 10));
    tx.executeWithoutResult(s -> listener.listingDecided(decided(uscc, 77002L, ListingDecided.Kind.REMOVED,
        "市监异〔2036〕8号", at(2036, 3, 20, 10))));
    TestHttp http = new TestHttp(port);

    HttpResponse<String> page = http.get("/staff/entities/" + uscc, "zhangwei");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("信用反馈测试企业", uscc, "内部信息，不予公开", "<strong id=\"credit-class\">D 类</strong>",
        "<strong id=\"risk-level\">高风险</strong>", "<dd id=\"pending\">B 类，低风险（待 2036-04-01 月度重算时生效）</dd>",
        "经营异常名录决定", "市监异〔2036〕3号", "B 类，低风险", "D 类，高风险", "立即生效", "移出经营异常名录：恢复列入前",
        "待生效：2036-04-01 月度重算", "不调整", "href=\"/staff/inspections/CF-7-0001\"", "href=\"/staff/listings/77002\"");
    assertThat(http.get("/staff/entities/" + uscc, null).statusCode()).isEqualTo(401);

    JsonNode api = new ObjectMapper().readTree(http.get("/api/v1/entities/" + uscc + "/credit", "zhangwei").body());
    assertThat(api.at("/inForce/creditClass").asText()).isEqualTo("D");
    assertThat(api.at("/history").size()).isEqualTo(3);
    assertThat(api.at("/history/0/causeRef").asText()).isEqualTo("市监异〔2036〕8号");
    assertThat(api.at("/projected/riskLevel").asText()).isEqualTo("low");
    assertThat(http.get("/api/v1/entities/not-a-uscc/credit", "zhangwei").statusCode()).isEqualTo(400);
    assertThat(http.post("/api/management/v1/credit-recalculations", "zhangwei", "{}").statusCode()).isEqualTo(403);
  }

  /** An official rating delivered by an import is a cause of its own; what was pending on the old one is dropped. */
  @Test
  void anImportedRatingIsKeptWithItsSourceAndSupersedesThePendingChange() throws Exception {
    String uscc = entity("B", "low");
    CreditFeedback.Change problem = result(uscc, "CF-8-0001", "D", at(2037, 5, 6, 10));
    assertThat(problem.status()).isEqualTo(CreditFeedback.PENDING);

    Instant imported = at(2037, 5, 20, 9);
    directory.upsert(java.util.Map.of(org.onedoor.directory.EntityColumn.USCC, uscc,
        org.onedoor.directory.EntityColumn.NAME, directory.find(uscc).orElseThrow().name(),
        org.onedoor.directory.EntityColumn.CREDIT_CLASS, "A", org.onedoor.directory.EntityColumn.RISK_LEVEL, "low"),
        "import:cf-8", "省级信用风险分类结果 2037-05", imported);
    assertThat(inForce(uscc)).isEqualTo(new CreditFeedback.Rating("A", "low"));
    CreditFeedback.Change byImport = feedback.history(uscc).get(0);
    assertThat(byImport.causeKind()).isEqualTo(CreditFeedback.IMPORT);
    assertThat(byImport.causeId()).isEqualTo("import:cf-8");
    assertThat(byImport.causeDetail()).isEqualTo("省级信用风险分类结果 2037-05");
    assertThat(byImport.before()).isEqualTo(new CreditFeedback.Rating("B", "low"));
    assertThat(byImport.after()).isEqualTo(new CreditFeedback.Rating("A", "low"));
    assertThat(byImport.status()).isEqualTo(CreditFeedback.EFFECTIVE);
    assertThat(byImport.effectiveBy()).isEqualTo(CreditFeedback.IMPORT);
    assertThat(feedback.history(uscc).get(1)).satisfies(c -> {
      assertThat(c.id()).isEqualTo(problem.id());
      assertThat(c.status()).isEqualTo(CreditFeedback.SUPERSEDED);
      assertThat(c.effectiveBy()).isEqualTo("superseded:" + byImport.id());
    });
    assertThat(feedback.of(uscc).orElseThrow().projected()).isEqualTo(new CreditFeedback.Rating("A", "low"));

    // the same file again changes nothing and adds nothing; the recalculation leaves the import alone
    directory.upsert(java.util.Map.of(org.onedoor.directory.EntityColumn.USCC, uscc,
        org.onedoor.directory.EntityColumn.NAME, directory.find(uscc).orElseThrow().name(),
        org.onedoor.directory.EntityColumn.CREDIT_CLASS, "A", org.onedoor.directory.EntityColumn.RISK_LEVEL, "low"),
        "import:cf-8b", "再次导入", at(2037, 5, 21, 9));
    assertThat(feedback.history(uscc)).hasSize(2);
    feedback.recalculate(YearMonth.of(2037, 6), "test", at(2037, 6, 1, 1));
    assertThat(inForce(uscc)).isEqualTo(new CreditFeedback.Rating("A", "low"));

    String page = new TestHttp(port).get("/staff/entities/" + uscc, "zhangwei").body();
    assertThat(page).contains("导入的分类结果", "import:cf-8", "（导入即生效）", "未生效：被第 " + byImport.id() + " 号（导入的分类结果）取代");
  }

  static ListingDecided decided(String uscc, long listingId, ListingDecided.Kind kind, String number, Instant at) {
    LocalDate day = LocalDate.ofInstant(at, TestClock.ZONE);
    return new ListingDecided(listingId, kind, number, uscc, "信用反馈测试企业", false, "4", "通过登记的住所或者经营场所无法联系",
        kind == ListingDecided.Kind.REMOVED ? "4" : null, "market", "市场监管局", day, day, "经查无法联系", "依据", null, at);
  }
}
