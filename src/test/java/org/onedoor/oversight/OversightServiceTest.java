package org.onedoor.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.inspection.ResultApproved;
import org.onedoor.oversight.OversightService.DepartmentFigures;
import org.onedoor.oversight.OversightService.Figures;
import org.onedoor.plan.PlanLifecycle;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.rectification.Rectifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The supervision figures (R15). Each scenario uses a year of its own (2041–2047), so data other tests
 * leave in the shared database never counts. Publications go through the real projection
 * (ResultApproved), re-checks through {@link Rectifications}.
 */
@OnedoorSpringTest
class OversightServiceTest {

  @Autowired OversightService oversight;
  @Autowired JdbcClient jdbc;
  @Autowired Rectifications rectifications;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate tx;
  OversightFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new OversightFixture(jdbc);
  }

  @Test
  void oneJointThreeDepartmentInspectionAndOneSingleDepartmentInspectionMakeAJointShareOfHalf() {
    String joint = fixture.plan(2041, PlanLifecycle.DRAWN, List.of("market", "culture", "fire"));
    String single = fixture.plan(2041, PlanLifecycle.DRAWN, List.of("market"));
    String shop = fixture.entity("联合检查占比测试商店");
    fixture.inspection(joint, shop, Instant.parse("2041-03-10T02:00:00Z"), true, List.of("market", "culture", "fire"));
    fixture.inspection(single, shop, Instant.parse("2041-04-10T02:00:00Z"), false, List.of("market"));
    // opened on 1 January 2042 at 07:00 Beijing time, i.e. 31 December 2041 UTC: belongs to 2042
    fixture.inspection(single, fixture.entity("跨年测试商店"), Instant.parse("2041-12-31T23:00:00Z"), false,
        List.of("market"));

    Figures f = oversight.figures(2041, null, LocalDate.of(2041, 12, 31));

    assertThat(f.jointShareTarget()).isEqualTo(0.20);
    assertThat(f.total().jointShare()).isEqualTo(new Figure(1, 2, 0.5, "50.0%"));
    assertThat(f.total().jointShareMet()).isTrue();
    assertThat(f.total().visitsSaved()).as("a 3-department visit replaced 2 separate visits").isEqualTo(2);
    assertThat(f.total().inspectionsPerEntity()).isEqualTo(new OversightService.EntityLoad(2, 1, 2.0, "2.00", 2));
    assertThat(department(f, "culture").jointShare().display()).isEqualTo("100.0%");
    assertThat(department(f, "market").jointShare()).isEqualTo(new Figure(1, 2, 0.5, "50.0%"));
    assertThat(department(f, "market").visitsSaved()).isEqualTo(2);
    assertThat(department(f, "police").jointShare()).isEqualTo(new Figure(0, 0, null, "无数据"));
    assertThat(department(f, "police").jointShareMet()).as("no inspections: neither met nor missed").isNull();
    assertThat(f.departments()).hasSize(7);

    Figures market = oversight.figures(2041, "market", LocalDate.of(2041, 12, 31));
    assertThat(market.departments()).extracting(DepartmentFigures::code).containsExactly("market");
    assertThat(market.total().jointShare().display()).isEqualTo("50.0%");
  }

  /**
   * Issue 15: warnings received, checked within their deadline, confirmed, led to a targeted inspection; targeted
   * inspections on their own, and in the joint share with every other inspection (a joint one as joint).
   */
  @Test
  void theCreditAndRiskLoopCountsWarningsAndTargetedInspectionsAndAJointTargetedInspectionIsJoint() {
    // 2055: two market warnings, one checked on time and confirmed (led to an inspection), one overdue and unchecked;
    // one ecology warning checked late and unfounded
    fixture.warning("market", "2055-03-01T02:00:00Z", "2055-03-08T02:00:00Z", "2055-03-05T02:00:00Z", "targeted", "DX2055-0001");
    fixture.warning("market", "2055-03-02T02:00:00Z", "2055-03-09T02:00:00Z", null, null, null);
    fixture.warning("ecology", "2055-04-01T02:00:00Z", "2055-04-08T02:00:00Z", "2055-04-10T02:00:00Z", "unfounded", null);
    // received on 1 January 2056 Beijing time: not 2055's
    fixture.warning("market", "2055-12-31T17:00:00Z", "2056-01-08T02:00:00Z", null, null, null);
    String plan = fixture.plan(2055, PlanLifecycle.DRAWN, List.of("market", "culture"));
    String shop = fixture.entity("定向检查计数测试药厂");
    fixture.inspection(plan, shop, Instant.parse("2055-03-10T02:00:00Z"), false, List.of("market", "culture"));
    fixture.targetedInspection(shop, Instant.parse("2055-03-12T02:00:00Z"), "market");
    // a joint targeted inspection: market drawn in by its warning, culture agreed (flagged: its chiefs visit)
    String jointTargeted = OversightFixture.number("DX2055");
    jdbc.sql("INSERT INTO inspection (number, plan_number, batch, uscc, status, opened_at, kind)"
            + " VALUES (:n, NULL, NULL, :u, 'OPEN', :t, 'targeted')")
        .param("n", jointTargeted).param("u", shop)
        .param("t", java.sql.Timestamp.from(Instant.parse("2055-03-13T02:00:00Z"))).update();
    jdbc.sql("INSERT INTO inspection_assignment (inspection_number, department, staff_number) VALUES (:n, 'market', 'lina')")
        .param("n", jointTargeted).update();
    jdbc.sql("INSERT INTO inspection_flag (inspection_number, department, reason) VALUES (:n, 'culture', '执法人员不足')")
        .param("n", jointTargeted).update();

    Figures f = oversight.figures(2055, null, LocalDate.of(2055, 12, 31));

    OversightService.WarningFigures all = f.total().warnings();
    assertThat(all.raised()).isEqualTo(3);
    assertThat(all.checkedOnTime()).isEqualTo(Figure.of(1, 3));
    assertThat(all.confirmed()).isEqualTo(Figure.of(1, 2));
    assertThat(all.ledToInspection()).isEqualTo(Figure.of(1, 3));
    assertThat(all.targetedInspections()).isEqualTo(2);
    OversightService.WarningFigures market = department(f, "market").warnings();
    assertThat(market.raised()).isEqualTo(2);
    assertThat(market.checkedOnTime().display()).isEqualTo("50.0%");
    assertThat(market.targetedInspections()).isEqualTo(2);
    assertThat(department(f, "culture").warnings().targetedInspections()).isEqualTo(1);
    assertThat(department(f, "ecology").warnings().checkedOnTime()).isEqualTo(Figure.of(0, 1));
    // targeted inspections are visits (inspections per entity) but no part of the joint share of the random
    // ones (a joint targeted one saves a visit once it is agreed: MonitoringToTargetedInspectionEndToEndTest)
    assertThat(f.total().jointShare()).isEqualTo(Figure.of(1, 1));
    assertThat(department(f, "market").jointShare()).isEqualTo(Figure.of(1, 1));
    assertThat(department(f, "culture").jointShare()).isEqualTo(Figure.of(1, 1));
    assertThat(department(f, "market").inspectionsPerEntity().inspections()).isEqualTo(3);
    assertThat(f.total().visitsSaved()).as("the plan's agreed joint visit; the targeted one has none yet").isEqualTo(1);
    // per month: warnings by day of receipt, targeted inspections by day of opening (calendar zone)
    assertThat(f.warningMonths()).hasSize(12);
    assertThat(f.warningMonths()).extracting(m -> m.month() + " " + m.raised() + " " + m.targetedInspections())
        .contains("2055-01 0 0", "2055-03 2 2", "2055-04 1 0", "2055-12 0 0");
    assertThat(f.warningMonths().stream().mapToLong(OversightService.WarningMonth::raised).sum())
        .as("the months add up to the year").isEqualTo(all.raised());
    assertThat(oversight.figures(2055, "ecology", LocalDate.of(2055, 12, 31)).warningMonths())
        .extracting(m -> m.month() + " " + m.raised() + " " + m.targetedInspections())
        .contains("2055-03 0 0", "2055-04 1 0");
    assertThat(oversight.figures(2056, "market", LocalDate.of(2056, 12, 31)).warningMonths().get(0).raised())
        .as("received on 1 January 2056 Beijing time").isEqualTo(1);
    // before the deadline an unchecked warning is not yet due
    assertThat(oversight.figures(2055, "market", LocalDate.of(2055, 3, 3)).total().warnings().checkedOnTime())
        .isEqualTo(Figure.of(1, 1));
  }

  @Test
  void aJointShareBelowTheProvincialTargetIsNotMet() {
    String plan = fixture.plan(2046, PlanLifecycle.DRAWN, List.of("health", "emergency"));
    fixture.inspection(plan, fixture.entity("目标测试一"), Instant.parse("2046-05-10T02:00:00Z"), false,
        List.of("health", "emergency"));
    for (int i = 0; i < 4; i++) {
      fixture.inspection(plan, fixture.entity("目标测试单部门" + i), Instant.parse("2046-05-11T02:00:00Z"), false,
          List.of("health"));
    }
    Figures f = oversight.figures(2046, "health", LocalDate.of(2046, 12, 31));
    assertThat(f.total().jointShare()).isEqualTo(new Figure(1, 5, 0.2, "20.0%"));
    assertThat(f.total().jointShareMet()).as("20 % reaches the 20 % target").isTrue();

    fixture.inspection(plan, fixture.entity("目标测试单部门5"), Instant.parse("2046-05-12T02:00:00Z"), false,
        List.of("health"));
    Figures after = oversight.figures(2046, "health", LocalDate.of(2046, 12, 31));
    assertThat(after.total().jointShare().display()).isEqualTo("16.7%");
    assertThat(after.total().jointShareMet()).isFalse();
  }

  @Test
  void aPlanIsCompleteOnlyWhenEveryDrawnEntityHasADoneInspection() {
    String doneShop = fixture.entity("计划完成测试一");
    String openShop = fixture.entity("计划完成测试二");
    String complete = fixture.plan(2042, PlanLifecycle.CLOSED, List.of("market", "police"));
    fixture.drawn(complete, 2042, doneShop);
    fixture.inspection(complete, doneShop, Instant.parse("2042-03-05T02:00:00Z"), true, List.of("market", "police"));
    String running = fixture.plan(2042, PlanLifecycle.DRAWN, List.of("market"));
    fixture.drawn(running, 2042, doneShop);
    fixture.drawn(running, 2042, openShop);
    fixture.inspection(running, doneShop, Instant.parse("2042-03-05T02:00:00Z"), true, List.of("market"));
    fixture.inspection(running, openShop, Instant.parse("2042-03-06T02:00:00Z"), false, List.of("market"));
    fixture.plan(2042, PlanLifecycle.PUBLISHED, List.of("police"));
    fixture.plan(2042, PlanLifecycle.IN_REVIEW, List.of("market"));

    Figures f = oversight.figures(2042, null, LocalDate.of(2042, 6, 30));

    assertThat(f.total().planCompletion()).as("published, drawn and closed plans count; the one in review does not")
        .isEqualTo(new Figure(1, 3, 0.3333, "33.3%"));
    assertThat(department(f, "market").planCompletion()).isEqualTo(new Figure(1, 2, 0.5, "50.0%"));
    assertThat(department(f, "police").planCompletion().display())
        .as("the published plan not drawn yet is not complete").isEqualTo("50.0%");
    assertThat(department(f, "fire").planCompletion().display()).isEqualTo("无数据");
  }

  @Test
  void aLatePublicationLowersTheOnTimeRateOfItsDepartmentAndMonth() {
    String shop = fixture.entity("按时公示测试商店");
    publish("market", shop, LocalDate.of(2044, 3, 1), Instant.parse("2044-03-05T02:00:00Z"));
    publish("market", shop, LocalDate.of(2044, 1, 2), Instant.parse("2044-03-10T02:00:00Z"));
    publish("fire", shop, LocalDate.of(2044, 4, 1), Instant.parse("2044-04-03T02:00:00Z"));

    Figures f = oversight.figures(2044, null, LocalDate.of(2044, 12, 31));

    assertThat(f.total().onTimePublication()).isEqualTo(new Figure(2, 3, 0.6667, "66.7%"));
    assertThat(f.total().onTimeMet()).as("the target is 100 %").isFalse();
    assertThat(department(f, "market").onTimePublication().display()).isEqualTo("50.0%");
    assertThat(department(f, "fire").onTimePublication().display()).isEqualTo("100.0%");
    assertThat(department(f, "fire").onTimeMet()).isTrue();
    assertThat(f.months()).hasSize(12);
    assertThat(f.months().get(2).onTimePublication()).isEqualTo(new Figure(1, 2, 0.5, "50.0%"));
    assertThat(f.months().get(3).onTimeMet()).isTrue();
    assertThat(f.months().get(0).onTimePublication().display()).isEqualTo("无数据");
    assertThat(f.months().get(0).onTimeMet()).isNull();
    assertThat(f.departmentMonths()).extracting(m -> m.month() + " " + m.department() + " " + m.onTimePublication().display())
        .containsExactly("2044-03 market 50.0%", "2044-04 fire 100.0%");
  }

  @Test
  void anOverdueRectificationCountsAsDueAndNotCompletedWhileARecheckedOneCompletes() {
    String plan = fixture.plan(2043, PlanLifecycle.DRAWN, List.of("police"));
    String inspection = fixture.inspection(plan, fixture.entity("整改测试商店"), Instant.parse("2043-01-10T02:00:00Z"),
        true, List.of("police"));
    fixture.rectification(inspection, "police", LocalDate.of(2043, 3, 1));
    String corrected = fixture.rectification(inspection, "police", LocalDate.of(2043, 3, 15));
    fixture.rectification(inspection, "police", LocalDate.of(2043, 12, 1));
    String early = fixture.rectification(inspection, "police", LocalDate.of(2043, 12, 20));
    fixture.rectification(inspection, "police", LocalDate.of(2044, 1, 20));
    rectifications.recheck(corrected, Rectifications.CORRECTED_CODE, "已改正", null, "hejun",
        Instant.parse("2043-03-20T02:00:00Z"));
    rectifications.recheck(early, Rectifications.PENDING_CODE, "仍未改正", "移送无证经营线索", "hejun",
        Instant.parse("2043-06-01T02:00:00Z"));

    Figures f = oversight.figures(2043, "police", LocalDate.of(2043, 6, 30));

    assertThat(f.total().followUpCompletion())
        .as("due: the two past their deadline and the one re-checked early; not yet due: the December one")
        .isEqualTo(new Figure(2, 3, 0.6667, "66.7%"));
    assertThat(oversight.figures(2043, "police", LocalDate.of(2043, 3, 1)).total().followUpCompletion())
        .as("on its deadline day the order is not due yet").isEqualTo(new Figure(2, 2, 1.0, "100.0%"));
  }

  @Test
  void aYearWithoutDataShowsNoDataInsteadOfARate() {
    Figures f = oversight.figures(2045, null, LocalDate.of(2045, 12, 31));
    DepartmentFigures t = f.total();
    for (Figure figure : List.of(t.planCompletion(), t.onTimePublication(), t.followUpCompletion(), t.jointShare())) {
      assertThat(figure.rate()).isNull();
      assertThat(figure.display()).isEqualTo("无数据");
    }
    assertThat(t.onTimeMet()).isNull();
    assertThat(t.jointShareMet()).isNull();
    assertThat(t.visitsSaved()).isZero();
    assertThat(t.inspectionsPerEntity()).isEqualTo(new OversightService.EntityLoad(0, 0, null, "无数据", 0));
  }

  @Test
  void aYearOrDepartmentOutsideTheRangeIsRefusedNamingTheField() {
    LocalDate today = LocalDate.of(2026, 5, 1);
    assertThat(oversight.year(null, today)).isEqualTo(2026);
    assertThat(oversight.year(" 2030 ", today)).isEqualTo(2030);
    assertThatThrownBy(() -> oversight.year("abc", today)).isInstanceOf(BadRequestException.class).hasMessageStartingWith("year:");
    assertThatThrownBy(() -> oversight.year("1999", today)).hasMessageStartingWith("year:");
    assertThatThrownBy(() -> oversight.department("nope")).hasMessageStartingWith("department:");
    assertThat(oversight.department("")).isNull();
  }

  private void publish(String department, String uscc, LocalDate completedOn, Instant at) {
    ResultApproved event = new ResultApproved(OversightFixture.number("OVP"), "监管指标测试计划",
        OversightFixture.number("OVT"), "监管指标测试任务", "不定向抽查", department, "market".equals(department) ? "市场监管局"
            : "消防救援支队", "按时公示测试商店", uscc, completedOn, "1", "未发现问题", null, false, at);
    tx.executeWithoutResult(s -> events.publishEvent(event));
  }

  private static DepartmentFigures department(Figures f, String code) {
    return f.departments().stream().filter(d -> code.equals(d.code())).findFirst().orElseThrow();
  }
}
