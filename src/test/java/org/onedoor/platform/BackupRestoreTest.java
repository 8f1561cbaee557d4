package org.onedoor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorApplication;
import org.onedoor.listing.Listings;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 16 item 7: a backup restores. A running system (the demo slice, the demo plan drawn with its
 * joint inspections open, a listing case with its open task, the public records) is dumped with
 * pg_dump in custom format while it runs, restored with pg_restore into a fresh database, and the
 * application started on the copy finds the same plans, inspections, listings, public records and
 * open tasks — counts and ids — and answers the same public draw page. docs/operations.md "Backups".
 *
 * <p>Needs PostgreSQL's client tools (pg_dump, pg_restore; the embedded server ships only initdb,
 * pg_ctl and postgres): on PATH, under /usr/lib/postgresql/N/bin, or in {@code -Donedoor.test.pg-bin};
 * without them it is skipped with the reason (CI's .ci/run installs them).
 */
class BackupRestoreTest {

  private static EmbeddedPostgres postgres;
  private static Path pgBin;

  /** What a restore must bring back: table, and the column whose values are compared (ids). */
  private static final Map<String, String> RECORDS = new LinkedHashMap<>();

  static {
    RECORDS.put("plan_plan", "number");
    RECORDS.put("plan_batch", "plan_id || '-' || batch");
    RECORDS.put("draw_selection", "plan_number || '-' || batch || '-' || uscc");
    RECORDS.put("inspection", "number");
    RECORDS.put("listing", "id");
    RECORDS.put("public_plan", "plan_number");
    RECORDS.put("public_draw", "draw_id");
    RECORDS.put("public_entity", "uscc");
    RECORDS.put("directory_entity", "uscc");
    RECORDS.put("act_ru_task", "id_");
    RECORDS.put("act_ru_execution", "id_");
    RECORDS.put("act_ru_job", "id_");
    RECORDS.put("act_hi_procinst", "id_");
    RECORDS.put("act_id_user", "id_");
  }

  @BeforeAll
  static void start() throws Exception {
    pgBin = clientTools();
    // as the browser tests do without a browser: skip with the reason; CI (.ci/run) installs the tools
    Assumptions.assumeTrue(pgBin != null, "pg_dump and pg_restore not found (PATH, /usr/lib/postgresql/*/bin,"
        + " -Donedoor.test.pg-bin): install PostgreSQL's client tools, e.g. apt-get install postgresql-client");
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void aDumpOfARunningSystemRestoredIntoAFreshDatabaseHasTheSameRecordsAndOpenTasks() throws Exception {
    JdbcTemplate admin = new JdbcTemplate(postgres.getPostgresDatabase());
    admin.execute("create database running");
    JdbcTemplate running = new JdbcTemplate(postgres.getDatabase("postgres", "running"));
    Path dump = Files.createTempFile("onedoor-", ".dump");
    Map<String, List<String>> before;
    String drawPage;
    String drawPath;

    ConfigurableApplicationContext live = start("running", true);
    try {
      String planNo = awaitDemoPlanOpened(running);
      startListing(live, running);
      awaitDemoPlanOpened(running);
      drawPath = "/public/api/draws/" + planNo + "-b1";
      drawPage = get(live, drawPath);
      assertThat(drawPage).as("the public draw of the demo plan").contains(planNo);
      before = records(running);
      assertThat(before.get("inspection")).as("joint inspections opened").isNotEmpty();
      assertThat(before.get("listing")).as("a listing case").isNotEmpty();
      assertThat(before.get("public_draw")).as("public records").isNotEmpty();
      assertThat(before.get("act_ru_task")).as("open tasks").isNotEmpty();

      // the nightly backup, taken while the application runs (docs/operations.md "Backups")
      run(List.of(pgBin.resolve("pg_dump").toString(), "--format=custom", "--no-owner",
          "--host=localhost", "--port=" + postgres.getPort(), "--username=postgres",
          "--file=" + dump, "running"));
      assertThat(records(running)).as("the running system did not move while it was dumped").isEqualTo(before);
    } finally {
      live.close();
    }
    assertThat(Files.size(dump)).isPositive();

    admin.execute("create database restored");
    run(List.of(pgBin.resolve("pg_restore").toString(), "--no-owner", "--exit-on-error",
        "--host=localhost", "--port=" + postgres.getPort(), "--username=postgres",
        "--dbname=restored", dump.toString()));
    Files.deleteIfExists(dump);

    JdbcTemplate restoredDb = new JdbcTemplate(postgres.getDatabase("postgres", "restored"));
    assertThat(records(restoredDb)).as("the restored database").isEqualTo(before);

    ConfigurableApplicationContext restored = start("restored", false);
    try {
      assertThat(records(restoredDb)).as("after the application started on the copy: nothing re-seeded, nothing lost")
          .isEqualTo(before);
      ProcessEngine engine = restored.getBean(ProcessEngine.class);
      assertThat(engine.getTaskService().createTaskQuery().list().stream().map(t -> t.getId()).sorted().toList())
          .as("the open tasks, as the engine of the restored system sees them")
          .isEqualTo(before.get("act_ru_task"));
      assertThat(engine.getTaskService().createTaskQuery().processDefinitionKey(Listings.PROCESS).count())
          .as("the listing's open task")
          .isEqualTo(1);
      assertThat(get(restored, drawPath)).as("the public draw page").isEqualTo(drawPage);
    } finally {
      restored.close();
    }
  }

  /** The demo plan drawn and every drawn business's joint inspection opened, no asynchronous job left to run. */
  private static String awaitDemoPlanOpened(JdbcTemplate jdbc) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    while (System.nanoTime() < deadline) {
      Integer draws = jdbc.queryForObject("select count(*) from public_draw", Integer.class);
      Integer pendingJobs = jdbc.queryForObject(
          "select count(*) from act_ru_job where type_ = 'message' and retries_ > 0", Integer.class);
      Integer inspections = jdbc.queryForObject("select count(*) from inspection", Integer.class);
      if (draws > 0 && inspections > 0 && pendingJobs == 0) {
        return jdbc.queryForObject("select number from plan_plan order by number limit 1", String.class);
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the demo plan was not drawn and opened within 150 s");
  }

  /** 陈静 (market chief) starts a listing case for a business of the directory; its verification task stays open. */
  private static void startListing(ConfigurableApplicationContext context, JdbcTemplate jdbc) {
    // a business that still exists (a deregistered, revoked or moved-out one is not listed: no task) and
    // was not drawn today (the draw differs from run to run)
    String uscc = jdbc.queryForObject("select uscc from directory_entity where type = 'enterprise'"
        + " and status not in ('deregistered', 'revoked', 'moved_out')"
        + " and uscc not in (select uscc from draw_selection) order by uscc limit 1", String.class);
    IdentityService identity = context.getBean(IdentityService.class);
    FormService forms = context.getBean(FormService.class);
    identity.setAuthentication("chenjing", identity.createGroupQuery().groupMember("chenjing").list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList());
    try {
      String definition = context.getBean(ProcessEngine.class).getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey(Listings.PROCESS).latestVersion().singleResult().getId();
      forms.submitStartForm(definition,
          Map.of("uscc", uscc, "ground", "1", "department", "market", "facts", "未按规定报送年度报告"));
    } finally {
      identity.clearAuthentication();
    }
    // the case goes on asynchronously (the job executor runs here): its verification task comes soon after
    TaskService tasks = context.getBean(TaskService.class);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (tasks.createTaskQuery().processDefinitionKey(Listings.PROCESS).count() == 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    assertThat(tasks.createTaskQuery().processDefinitionKey(Listings.PROCESS).count()).isEqualTo(1);
  }

  private static Map<String, List<String>> records(JdbcTemplate jdbc) {
    Map<String, List<String>> records = new LinkedHashMap<>();
    RECORDS.forEach((table, id) -> records.put(table,
        jdbc.queryForList("select cast(" + id + " as varchar) from " + table + " order by 1", String.class)));
    return records;
  }

  private static String get(ConfigurableApplicationContext context, String path) throws Exception {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path)).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
    return response.body();
  }

  private static ConfigurableApplicationContext start(String database, boolean firstStart) {
    return new SpringApplicationBuilder(OnedoorApplication.class)
        .profiles("postgres", "demo")
        .run(
            "--ONEDOOR_DB_URL=" + postgres.getJdbcUrl("postgres", database),
            "--ONEDOOR_DB_USER=postgres",
            "--ONEDOOR_DB_PASSWORD=postgres",
            "--server.port=0",
            // the running system opens its inspections with the job executor; the restored one is looked at
            "--camunda.bpm.job-execution.enabled=" + firstStart,
            "--onedoor.demo.load-slice=" + firstStart,
            "--onedoor.demo.run-plan=" + firstStart,
            "--onedoor.imports.dir=target/backup-restore/" + database,
            "--spring.main.banner-mode=off",
            // see PostgresStartupTest: engines and webapps are held in static registries
            "--camunda.bpm.generate-unique-process-engine-name=true",
            "--camunda.bpm.webapp.enabled=false");
  }

  private static void run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
  }

  /** pg_dump and pg_restore (the embedded PostgreSQL has no client tools), or null. */
  private static Path clientTools() {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getProperty("onedoor.test.pg-bin")).filter(s -> !s.isBlank()).map(Path::of)
        .ifPresent(candidates::add);
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        candidates.add(Path.of(dir));
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions.sorted(java.util.Comparator.reverseOrder()).map(v -> v.resolve("bin")).forEach(candidates::add);
      } catch (java.io.IOException ignored) {
        // none there
      }
    }
    return candidates.stream()
        .filter(dir -> Files.isExecutable(dir.resolve("pg_dump")) && Files.isExecutable(dir.resolve("pg_restore")))
        .findFirst()
        .orElse(null);
  }
}
