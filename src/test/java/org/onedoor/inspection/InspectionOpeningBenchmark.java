package org.onedoor.inspection;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.onedoor.OnedoorApplication;
import org.onedoor.TestClock;
import org.onedoor.catalog.Catalog.ItemDraft;
import org.onedoor.catalog.Catalog.SubItemDraft;
import org.onedoor.catalog.CatalogService;
import org.onedoor.directory.Uscc;
import org.onedoor.draw.DrawService;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opening inspections benchmark (issue 4): on PostgreSQL (zonky embedded) and H2, draws N entities
 * (ratio 1) for a plan of {@code --departments} departments, then in one run times (a) the plain
 * engine starting N instances of a one-user-task process, chunked like ours, and (b)
 * {@link InspectionOpening#openChunk} opening the N inspections, and prints the ratio (goal ≥ 0.5).
 *
 * <pre>./mvnw -q -o test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.onedoor.inspection.InspectionOpeningBenchmark -Dexec.args="--inspections 5000 --db postgres"</pre>
 */
public final class InspectionOpeningBenchmark {

  private InspectionOpeningBenchmark() {}

  /**
   * An experiment for the joint-inspection model (not ours to change here): deploys a copy of
   * processes/joint-inspection.bpmn with an async continuation after its start event, so opening
   * writes only the instance, its variables and one job; the tasks come later from the job executor.
   */

  public static void main(String[] args) throws Exception {
    int n = 5000;
    int chunk = 200;
    int departments = 3;
    List<String> dbs = List.of("postgres");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--inspections" -> n = Integer.parseInt(args[++i]);
        case "--chunk" -> chunk = Integer.parseInt(args[++i]);
        case "--departments" -> departments = Integer.parseInt(args[++i]);
        case "--db" -> dbs = List.of(args[++i].split(","));
        default -> throw new IllegalArgumentException(
            "usage: [--inspections N] [--chunk N] [--departments 1-3] [--db h2,postgres]");
      }
    }
    List<String> lines = new ArrayList<>();
    for (String db : dbs) {
      if (db.startsWith("h2")) {
        try (ConfigurableApplicationContext context = start(List.of("demo"), "--spring.datasource.url=jdbc:h2:mem:bench-"
            + System.nanoTime() + ";DB_CLOSE_ON_EXIT=FALSE;NON_KEYWORDS=VALUE")) {
          lines.add(measure("H2", context, n, chunk, departments));
        }
      } else {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            ConfigurableApplicationContext context = start(List.of("postgres", "demo"),
                "--ONEDOOR_DB_URL=" + postgres.getJdbcUrl("postgres", "postgres"), "--ONEDOOR_DB_USER=postgres",
                "--ONEDOOR_DB_PASSWORD=postgres")) {
          lines.add(measure("PostgreSQL (embedded)", context, n, chunk, departments));
        }
      }
    }
    System.out.println();
    lines.forEach(System.out::println);
    System.exit(0);
  }

  private static ConfigurableApplicationContext start(List<String> profiles, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server.port=0", "--camunda.bpm.job-execution.enabled=false",
        "--camunda.bpm.generate-unique-process-engine-name=true", "--camunda.bpm.webapp.enabled=false",
        "--onedoor.demo.load-slice=false", "--logging.level.root=WARN", "--logging.level.org.camunda=WARN",
        "--spring.main.banner-mode=off"));
    return new SpringApplicationBuilder(OnedoorApplication.class).profiles(profiles.toArray(String[]::new))
        .run(all.toArray(String[]::new));
  }

  /** Rows in each of the engine's runtime and history tables. */
  static Map<String, Long> engineRows(JdbcTemplate jdbc) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE"
        + " (UPPER(table_name) LIKE 'ACT\\_RU\\_%' OR UPPER(table_name) LIKE 'ACT\\_HI\\_%')"
        + " AND UPPER(table_schema) IN ('PUBLIC')", String.class)) {
      counts.put(table.toUpperCase(Locale.ROOT), jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
    }
    return counts;
  }

  static String perInstance(Map<String, Long> before, Map<String, Long> after, int n) {
    StringBuilder out = new StringBuilder();
    double total = 0;
    for (var e : after.entrySet()) {
      double d = (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / (double) n;
      if (d >= 0.05) {
        out.append(String.format(Locale.ROOT, " %s %.1f", e.getKey(), d));
        total += d;
      }
    }
    return String.format(Locale.ROOT, "%.1f [%s ]", total, out);
  }

  static String measure(String db, ConfigurableApplicationContext context, int n, int chunk, int departmentCount)
      throws java.io.IOException {
    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
    CatalogService catalog = context.getBean(CatalogService.class);
    List<String> departments = List.of("market", "culture", "fire").subList(0, departmentCount);
    int version = catalog.createDraft("admin", "benchmark", TestClock.now()).versionNo();
    for (String d : departments) {
      catalog.putItem(version, "BN-" + d, new ItemDraft("QD-BN-" + d, "基准测试", d + " 检查", d, "测试依据", "一般",
          List.of("现场检查"), List.of(new SubItemDraft("BN-" + d + "-01", "子项", List.of("内容")))));
      for (int k = 1; k <= 4; k++) {
        jdbc.update("INSERT INTO directory_inspector (staff_number, name, department, unit, qualifications, expert,"
            + " active, certificate_expiry, created_at, updated_at) VALUES (?, ?, ?, '上城区所', '', FALSE, TRUE, ?, ?, ?)",
            "bench-" + d + "-" + k, "基准" + k, d, java.sql.Date.valueOf("2030-12-31"), Timestamp.from(TestClock.now()),
            Timestamp.from(TestClock.now()));
      }
    }
    catalog.publish(version, "admin", TestClock.now());
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String body = String.format("913301008%08d", i);
      rows.add(new Object[] {body + Uscc.checkCharacter(body), "基准企业" + i, Timestamp.from(TestClock.now())});
    }
    jdbc.batchUpdate("INSERT INTO directory_entity (uscc, name, type, category, subcategory, unit, region, address,"
        + " legal_representative, status, credit_class, risk_level, tags, commitment, created_at, updated_at)"
        + " VALUES (?, ?, 'enterprise', '开启基准', '', '西湖区所', '西湖区', '', '', 'active', 'C', 'medium', '', FALSE, ?, ?)",
        rows.stream().map(r -> new Object[] {r[0], r[1], r[2], r[2]}).toList());
    String plan = "BENCH-" + System.nanoTime() % 1_000_000L;
    LocalDate day = LocalDate.of(2026, 12, 1);
    context.getBean(PlanService.class).create(new PlanRequest(2026, plan, "开启基准", "targeted", "market",
        departments.stream().map(d -> new DepartmentItems(d, List.of("BN-" + d))).toList(),
        new PopulationFilter(List.of("开启基准"), List.of(), List.of(), List.of(), List.of(), List.of()), 2, false,
        List.of(new BatchWindow(day, day.plusDays(30))), day, false, false, null, Map.of("C", "1")), "admin",
        TestClock.now());
    DrawService draws = context.getBean(DrawService.class);
    draws.commit(plan, 1, TestClock.now());
    draws.freeze(plan, 1, TestClock.now());
    draws.draw(plan, 1, null, TestClock.now());
    draws.match(plan, 1, "admin", TestClock.now());

    RepositoryService repository = context.getBean(RepositoryService.class);
    repository.createDeployment().addModelInstance("bench-plain.bpmn", Bpmn.createExecutableProcess("bench-plain")
        .camundaHistoryTimeToLive(1).startEvent().userTask().camundaCandidateUsers("bench-market-1").endEvent().done())
        .deploy();
    RuntimeService runtime = context.getBean(RuntimeService.class);
    TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    org.camunda.bpm.engine.impl.interceptor.CommandExecutor commands =
        ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) context.getBean(
            org.camunda.bpm.engine.ProcessEngine.class).getProcessEngineConfiguration()).getCommandExecutorTxRequired();
    InspectionOpening opening = context.getBean(InspectionOpening.class);
    // Interleaved, chunk by chunk, so that the load of a shared machine weighs on all three alike:
    // (a) the plain engine, one command per start, one transaction per chunk; (b) the same with each
    // chunk's starts in one engine command (as opening does, for reference); (c) opening a chunk.
    double plain = 0;
    double plainBatched = 0;
    double ours = 0;
    InspectionOpening.Progress progress = null;
    int chunks = 0;
    String rowsPerInstance = "";
    for (int from = 0; from < n; from += chunk) {
      int start = from;
      int end = Math.min(n, from + chunk);
      boolean first = from == 0;
      Map<String, Long> r0 = first ? engineRows(jdbc) : null;
      long t0 = System.nanoTime();
      tx.executeWithoutResult(s -> {
        for (int i = start; i < end; i++) {
          runtime.createProcessInstanceByKey("bench-plain").businessKey("plain-" + i).execute();
        }
      });
      plain += (System.nanoTime() - t0) / 1e9;
      Map<String, Long> r1 = first ? engineRows(jdbc) : null;
      long tb = System.nanoTime();
      tx.executeWithoutResult(s -> commands.execute(c -> {
        for (int i = start; i < end; i++) {
          runtime.createProcessInstanceByKey("bench-plain").businessKey("plain-batched-" + i).execute();
        }
        return null;
      }));
      plainBatched += (System.nanoTime() - tb) / 1e9;
      Map<String, Long> r2 = first ? engineRows(jdbc) : null;
      long t1 = System.nanoTime();
      progress = opening.openChunk(plan, 1, chunk, TestClock.now());
      ours += (System.nanoTime() - t1) / 1e9;
      chunks++;
      if (first) {
        rowsPerInstance = perInstance(r0, r1, end - start) + " vs " + perInstance(r2, engineRows(jdbc), end - start);
      }
    }
    System.out.println(db + ": engine rows written per instance, plain process vs joint-inspection ("
        + departmentCount + " department(s)): " + rowsPerInstance);
    if (progress.opened() != n) {
      throw new IllegalStateException("opened " + progress.opened() + " of " + n);
    }
    return String.format(Locale.ROOT, ""
            + "%s, %d inspections, %d department(s), chunks of %d (%d chunks):"
            + " plain engine %.0f instances/s (%.1f s), opening %.0f inspections/s (%.1f s), ratio %.2f (goal >= 0.5);"
            + " plain engine with one command per chunk %.0f instances/s, ratio to it %.2f",
        db, n, departmentCount, chunk, chunks, n / plain, plain, n / ours, ours, plain / ours, n / plainBatched,
        plainBatched / ours);
  }
}
