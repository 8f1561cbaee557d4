package org.onedoor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onedoor.OnedoorApplication;
import org.onedoor.TestClock;
import org.onedoor.catalog.CatalogService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A first start of the demo profile loads the demo slice through the imports (a second start
 * does nothing) and takes the demo plan through to its draw. Its own context on its own in-memory
 * database (as PostgresStartupTest does), the job executor off: the demo runner then runs the due
 * jobs itself.
 */
class DemoSliceLoaderTest {

  @TempDir static Path imports;
  private static ConfigurableApplicationContext context;
  private static long startMillis;

  @BeforeAll
  static void start() {
    long t0 = System.currentTimeMillis();
    context =
        new SpringApplicationBuilder(OnedoorApplication.class)
            .profiles("demo")
            .run(
                "--spring.datasource.url=jdbc:h2:mem:onedoor-demo-slice;DB_CLOSE_ON_EXIT=FALSE;NON_KEYWORDS=VALUE",
                "--server.port=0",
                "--onedoor.imports.dir=" + imports,
                "--camunda.bpm.job-execution.enabled=false",
                "--camunda.bpm.generate-unique-process-engine-name=true",
                "--camunda.bpm.webapp.enabled=false");
    startMillis = System.currentTimeMillis() - t0;
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
  }

  long count(String table) {
    return context.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  /** The public draw record of the demo plan of {@code day}'s year, once drawn (waits up to 2 minutes). */
  static String drawnRecord(LocalDate day) throws InterruptedException {
    org.onedoor.draw.DrawService draws = context.getBean(org.onedoor.draw.DrawService.class);
    String id = org.onedoor.draw.DrawService.drawId(DemoPlanRunner.number(day), 1);
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(120);
    while (java.time.Instant.now().isBefore(deadline)
        && !draws.publicJson(id).map(json -> json.contains("\"nonce\"")).orElse(false)) {
      Thread.sleep(250);
    }
    return draws.publicJson(id).orElseThrow();
  }

  @Test
  void theDemoPlanIsReviewedSignedOffPublishedAndDrawnOnTheFirstStart() throws Exception {
    String number = DemoPlanRunner.number(TestClock.today());
    String id = org.onedoor.draw.DrawService.drawId(number, 1);
    String record = drawnRecord(TestClock.today());
    assertThat(org.onedoor.draw.VerifyDraw.verify(record).match()).isTrue();
    assertThat(record).contains("演示信标");
    // the public draw page shows it from the disclosure projection (public_draw), to anyone
    JdbcClient jdbc = context.getBean(JdbcClient.class);
    assertThat(jdbc.sql("SELECT record_json FROM public_draw WHERE draw_id = :id").param("id", id)
        .query(String.class).single()).isEqualTo(record);
    java.net.http.HttpResponse<String> page = new org.onedoor.TestHttp(
        context.getEnvironment().getRequiredProperty("local.server.port", Integer.class)).get("/public/draws/" + id, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(number, "第 1 批", "已抽取", "演示信标", "核验本次抽取")
        .contains(org.onedoor.disclosure.DrawPageHtml.embedJson(record));
    org.onedoor.plan.PlanLifecycle lifecycle = context.getBean(org.onedoor.plan.PlanLifecycle.class);
    assertThat(lifecycle.decisions(number)).extracting(org.onedoor.plan.PlanLifecycle.Decision::decidedBy)
        .containsExactlyInAnyOrder("chenjing", "wuhao", "linhai");
    assertThat(context.getBean(org.onedoor.plan.PlanService.class).get(number).departments())
        .extracting(org.onedoor.plan.Plans.DepartmentItems::department).containsExactly("market", "culture", "fire");
  }

  /**
   * Every inspector the demo plan drew can sign in with the demo password (the directory's
   * generated inspectors such as culture0001 included), and the lead department's drawn
   * inspectors find 提议检查时间 among their own tasks.
   */
  @Test
  void everyDrawnInspectorOfTheDemoPlanSignsInWithTheDemoPasswordAndSeesTheirTask() throws Exception {
    String number = DemoPlanRunner.number(TestClock.today());
    drawnRecord(TestClock.today());
    org.onedoor.draw.DrawService draws = context.getBean(org.onedoor.draw.DrawService.class);
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(120);
    while (draws.storedMatching(number, 1).isEmpty() && java.time.Instant.now().isBefore(deadline)) {
      Thread.sleep(250);
    }
    var matching = draws.storedMatching(number, 1).orElseThrow().result();
    java.util.Set<String> drawn = new java.util.TreeSet<>();
    matching.assignments().forEach(a -> drawn.addAll(a.staffNumbers()));
    assertThat(drawn).isNotEmpty().anyMatch(id -> id.matches("[a-z]+\\d{4}"));
    org.camunda.bpm.engine.IdentityService identity = context.getBean(org.camunda.bpm.engine.IdentityService.class);
    assertThat(drawn).allSatisfy(id ->
        assertThat(identity.checkPassword(id, "demo")).as("%s signs in with the demo password", id).isTrue());

    org.camunda.bpm.engine.TaskService tasks = context.getBean(org.camunda.bpm.engine.TaskService.class);
    org.camunda.bpm.engine.ManagementService management = context.getBean(org.camunda.bpm.engine.ManagementService.class);
    java.util.Set<String> proposers = new java.util.TreeSet<>();
    matching.assignments().stream().filter(a -> a.department().equals("market"))
        .forEach(a -> proposers.addAll(a.staffNumbers()));
    for (String id : proposers) {
      java.util.List<String> groups = identity.createGroupQuery().groupMember(id).list().stream()
          .map(org.camunda.bpm.engine.identity.Group::getId).toList();
      long seen = 0;
      deadline = java.time.Instant.now().plusSeconds(60);
      while (java.time.Instant.now().isBefore(deadline)) {
        identity.setAuthentication(id, groups);
        try {
          seen = tasks.createTaskQuery().taskCandidateUser(id).taskDefinitionKey("ProposeVisit").count();
        } finally {
          identity.clearAuthentication();
        }
        if (seen > 0) {
          break;
        }
        // the job executor is off here: run what is due (the opening of the inspections)
        management.createJobQuery().executable().list().forEach(job -> management.executeJob(job.getId()));
      }
      assertThat(seen).as("%s sees 提议检查时间", id).isPositive();
    }
  }

  /**
   * The first start may fall on any day: a weekend, a public holiday, the last days of a year, a year
   * the holiday data does not cover. Each day is of another year, so each gets its own demo plan.
   */
  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource({
    "2024-11-16, a Saturday",
    "2025-10-01, National Day",
    "2029-12-30, a Sunday at the end of a year without holiday data"
  })
  void theDemoPlanIsDrawnWhateverDayTheFirstStartFallsOn(LocalDate day, String kind) throws Exception {
    assumeFalse(day.getYear() == TestClock.today().getYear(), "the start-up's own demo plan has this year's number");
    drawnRecord(TestClock.today()); // the start-up's run is over: the engine clock is ours to move
    ClockUtil.setCurrentTime(Date.from(day.atTime(10, 0).atZone(TestClock.ZONE).toInstant()));
    context.getBean(DemoPlanRunner.class).run(day);

    String record = drawnRecord(day);
    assertThat(org.onedoor.draw.VerifyDraw.verify(record).match()).isTrue();
    org.onedoor.plan.Plans.Plan plan = context.getBean(org.onedoor.plan.PlanService.class).get(DemoPlanRunner.number(day));
    assertThat(plan.year()).isEqualTo(day.getYear());
    assertThat(plan.batches()).allSatisfy(window -> {
      assertThat(window.from()).isAfterOrEqualTo(day);
      assertThat(window.to()).isBetween(window.from(), LocalDate.of(day.getYear(), 12, 31));
    });
  }

  /** Issue 15's demo data: the platform's last 60 days for the slice's drug makers, warnings raised from them. */
  @Test
  void theFirstStartFeedsTheDrugMakersMonitoringDataWhichRaisesWarningsOnce() {
    JdbcClient jdbc = context.getBean(JdbcClient.class);
    long makers = jdbc.sql("SELECT COUNT(*) FROM directory_entity WHERE category = '药品生产'"
        + " AND status IN ('active', 'abnormal')").query(Long.class).single();
    assertThat(makers).isPositive();
    long readings = jdbc.sql("SELECT COUNT(*) FROM monitoring_record WHERE source = 'drug-production'")
        .query(Long.class).single();
    // 8 indicators, 10–12 readings a day per maker, outages aside; the feed's own days moved to the weeks before
    // the start, so the same readings and warnings whatever the day
    assertThat(readings).isBetween(makers * 60 * 8, makers * 60 * 12).isEqualTo(1_368);
    assertThat(jdbc.sql("SELECT COUNT(DISTINCT uscc) FROM monitoring_record").query(Long.class).single()).isEqualTo(makers);
    long warnings = jdbc.sql("SELECT COUNT(*) FROM credit_risk_warning WHERE feed = 'drug-production'")
        .query(Long.class).single();
    assertThat(warnings).isEqualTo(3);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM monitoring_intake WHERE submitted_by = 'drug-platform'")
        .query(Long.class).single()).as("a call a day (none on a day every maker was down)").isBetween(50L, 60L);

    // a second start (or another node) sends nothing more
    assertThat(context.getBean(DemoMonitoringFeed.class).feed(TestClock.now())).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM monitoring_record").query(Long.class).single()).isEqualTo(readings);
    System.out.println("demo monitoring feed: " + readings + " readings of " + makers + " makers, " + warnings + " warnings");
  }

  @Test
  void theFirstStartLoadsTheSliceAndALaterOneLeavesItAlone() throws Exception {
    CityGenerator.Scale slice = CityGenerator.Scale.slice();
    assertThat(count("directory_entity")).isEqualTo(slice.entities());
    assertThat(count("directory_inspector")).isEqualTo(slice.marketInspectors() + 6L * slice.inspectorsPerOtherDepartment());
    assertThat(count("directory_conflict")).isEqualTo(slice.conflicts());
    CatalogService catalog = context.getBean(CatalogService.class);
    assertThat(catalog.draft()).as("the slice's catalogue is published").isEmpty();
    assertThat(catalog.latestPublished().orElseThrow().items()).isEqualTo(slice.items());
    assertThat(count("catalog_content_line")).isEqualTo(slice.contentLines());
    assertThat(count("directory_import_rejection")).isZero();

    DemoSliceLoader loader = context.getBean(DemoSliceLoader.class);
    assertThat(loader.loaded()).isTrue();
    loader.onReady(); // a second start
    assertThat(count("directory_import")).isEqualTo(4);
    assertThat(count("catalog_version")).isEqualTo(1);
    System.out.println("start-up with the demo slice: " + startMillis + " ms");
  }
}
