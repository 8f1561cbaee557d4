package org.onedoor.draw;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.onedoor.OnedoorApplication;
import org.onedoor.TestClock;
import org.onedoor.catalog.CatalogService;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The draw of a whole city from the database (issue 4): on a real PostgreSQL holding the generated
 * city (73,000 entities, 346 inspectors, 300 conflicts), times eligibility + freeze, the draw, the
 * inspector matching and the persisted record for an untargeted plan of all departments, next to
 * a plain scan of the same rows ({@code SELECT uscc, credit_class, status FROM directory_entity}) in
 * the same run. Goal: the steps together under 5 s. Run:
 *
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat target/bench.cp) org.onedoor.draw.CityDrawBenchmark [runs]
 * </pre>
 */
public final class CityDrawBenchmark {

  private CityDrawBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path imports = Files.createTempDirectory("onedoor-city-draw");
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OnedoorApplication.class)
            .profiles("postgres", "demo")
            .run("--ONEDOOR_DB_URL=" + postgres.getJdbcUrl("postgres", "postgres"), "--ONEDOOR_DB_USER=postgres",
                "--ONEDOOR_DB_PASSWORD=postgres", "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
                "--camunda.bpm.webapp.enabled=false", "--camunda.bpm.generate-unique-process-engine-name=true",
                "--onedoor.demo.scale=city", "--onedoor.demo.run-plan=false", "--onedoor.imports.dir=" + imports,
                "--logging.level.root=WARN", "--logging.level.org.onedoor.demo=INFO", "--spring.main.banner-mode=off")) {
      JdbcClient jdbc = context.getBean(JdbcClient.class);
      jdbc.sql("ANALYZE").update();
      PlanService plans = context.getBean(PlanService.class);
      CatalogService catalog = context.getBean(CatalogService.class);
      DrawService draws = context.getBean(DrawService.class);
      int version = catalog.latestPublished().orElseThrow().versionNo();
      List<DepartmentItems> items = new ArrayList<>();
      for (String department : List.of("market", "culture", "fire")) {
        items.add(new DepartmentItems(department,
            List.of(catalog.items(version, department, 0, 1).items().get(0).code())));
      }
      System.out.printf("city loaded: %d entities, %d inspectors, %d conflicts%n",
          count(jdbc, "directory_entity"), count(jdbc, "directory_inspector"), count(jdbc, "directory_conflict"));
      List<double[]> results = new ArrayList<>();
      for (int run = 0; run <= runs; run++) { // run 0 warms up
        long t0 = System.nanoTime();
        int rows = jdbc.sql("SELECT uscc, credit_class, status FROM directory_entity").query((rs, n) -> 1).list().size();
        double scan = seconds(t0);
        String number = "BENCH-" + run + "-" + System.nanoTime() % 100000;
        plans.create(new PlanRequest(2026, number, "全市联合抽查（基准）", "untargeted", "market", items,
            PopulationFilter.any(), 2, true, List.of(new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31))),
            LocalDate.of(2026, 12, 1), true, false, version, Map.of()), "chenjing", Instant.parse("2026-11-02T02:00:00Z"));
        draws.commit(number, 1, TestClock.now());
        long t1 = System.nanoTime();
        DrawService.Freeze freeze = draws.freeze(number, 1, TestClock.now());
        double frozen = seconds(t1);
        long t2 = System.nanoTime();
        DrawRecord record = draws.draw(number, 1, "基准信标", TestClock.now());
        double drawn = seconds(t2);
        long t3 = System.nanoTime();
        InspectorMatcherV1.MatchResult matching = draws.match(number, 1, "bench", TestClock.now());
        double matched = seconds(t3);
        int selected = record.strata().stream().mapToInt(s -> s.selected().size()).sum();
        System.out.printf("%s: scan %d rows %.2f s | freeze %.2f s (%d eligible, excluded %s) | draw + record %.2f s"
                + " (%d drawn) | matching %.2f s (%d assignments, %d flags) | total %.2f s = %.1f× the plain scan%n",
            run == 0 ? "warm-up" : "run " + run, rows, scan, frozen, freeze.strataSizes().values().stream()
                .mapToInt(Integer::intValue).sum(), freeze.excluded(), drawn, selected, matched,
            matching.assignments().size(), matching.flags().size(), frozen + drawn + matched,
            (frozen + drawn + matched) / scan);
        if (run > 0) {
          results.add(new double[] {scan, frozen + drawn + matched});
        }
      }
      results.sort((a, b) -> Double.compare(a[1], b[1]));
      double[] median = results.get(results.size() / 2);
      System.out.printf("median: eligibility + draw + matching + record %.2f s (goal < 5 s), plain scan %.2f s, ratio %.1f×%n",
          median[1], median[0], median[1] / median[0]);
    }
  }

  private static long count(JdbcClient jdbc, String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
