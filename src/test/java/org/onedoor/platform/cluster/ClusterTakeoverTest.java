package org.onedoor.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorApplication;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 16 item 6: the cluster survives a crash in the middle of opening a plan's inspections.
 *
 * <p>Two application <em>processes</em> (the main class, the test class path, the postgres and demo
 * profiles) on one embedded PostgreSQL, released at the same instant on an empty database. The demo
 * profile's first start loads the slice (500 businesses) and takes the demo plan through to the draw,
 * here drawing 60 % of every credit class (a few hundred businesses), then the job executor opens
 * their inspections in chunks of 10. While a chunk's job is locked by one node, that node is killed
 * with SIGKILL ({@link Process#destroyForcibly()}). The survivor must take the opening over within
 * the takeover bound (the lock time plus the acquisition's longest wait plus 15 s) and finish it;
 * then SQL checks drawn = opened = process instances = instances with their first task, no
 * duplicates, no incidents, the public draw and the disclosure obligations once.
 *
 * <p>The lock time is short here ({@code onedoor.test.cluster.lock-time}, 20 s; heartbeat 5 s,
 * acquisition max-wait 5 s) to keep the suite short; {@code -Donedoor.test.cluster.lock-time=60000
 * -Donedoor.test.cluster.max-wait=20000 -Donedoor.test.cluster.heartbeat=20s} runs it with the
 * production settings. Node logs:
 * target/cluster-test/node-*.log. Takes 2-4 minutes on 2 cores.
 */
class ClusterTakeoverTest {

  private static final int LOCK_TIME = Integer.getInteger("onedoor.test.cluster.lock-time", 20_000);
  private static final int MAX_WAIT = Integer.getInteger("onedoor.test.cluster.max-wait", 5_000);
  private static final String HEARTBEAT = System.getProperty("onedoor.test.cluster.heartbeat", "5s");
  private static final Duration BOUND = Duration.ofMillis(LOCK_TIME + MAX_WAIT + 15_000);

  private static EmbeddedPostgres postgres;
  private static final List<Process> nodes = new ArrayList<>();

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopAll() throws IOException {
    for (Process node : nodes) {
      node.destroyForcibly();
    }
    for (Process node : nodes) {
      try {
        node.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void aNodeKilledWhileOpeningAPlansInspectionsIsTakenOverByTheSurvivorWithinTheBound() throws Exception {
    new JdbcTemplate(postgres.getPostgresDatabase()).execute("create database cluster");
    String url = postgres.getJdbcUrl("postgres", "cluster");
    JdbcTemplate db = new JdbcTemplate(postgres.getDatabase("postgres", "cluster"));
    Path logs = Path.of("target", "cluster-test");
    Files.createDirectories(logs);

    // both nodes released by one latch: the same instant, on an empty database
    Map<String, ProcessBuilder> builders = new LinkedHashMap<>();
    for (String name : List.of("node-a", "node-b")) {
      builders.put(name, node(name, url, logs));
    }
    CountDownLatch go = new CountDownLatch(1);
    Map<String, Process> started = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    List<Thread> launchers = new ArrayList<>();
    for (var entry : builders.entrySet()) {
      Thread launcher = new Thread(() -> {
        try {
          go.await();
          started.put(entry.getKey(), entry.getValue().start());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      launcher.start();
      launchers.add(launcher);
    }
    long t0 = System.nanoTime();
    go.countDown();
    for (Thread launcher : launchers) {
      launcher.join();
    }
    nodes.addAll(started.values());
    assertThat(started).hasSize(2);

    // both up (Spring Boot's "Started OnedoorApplication" in each log)
    await("both nodes up", Duration.ofMinutes(6), () -> {
      started.forEach((name, process) -> {
        if (!process.isAlive()) {
          throw new AssertionError(name + " died at start-up (exit " + process.exitValue() + "), see " + logs.resolve(name + ".log"));
        }
      });
      return started.keySet().stream().allMatch(name -> log(logs, name).contains("Started OnedoorApplication"));
    });
    System.out.printf("cluster test: both nodes up %.1f s after the simultaneous start%n", seconds(System.nanoTime() - t0));

    // a chunk of the opening in progress: kill the node whose job executor holds it
    String[] victim = new String[1];
    long[] openedAtKill = new long[1];
    await("a chunk of the opening locked by a node", Duration.ofMinutes(6), () -> {
      List<String> owners = db.queryForList(
          "select j.LOCK_OWNER_ from ACT_RU_JOB j join ACT_RU_JOBDEF d on d.ID_ = j.JOB_DEF_ID_"
              + " where d.ACT_ID_ = 'OpenInspections' and j.LOCK_OWNER_ is not null and j.LOCK_EXP_TIME_ is not null",
          String.class);
      // at least one chunk committed, the next one running
      if (owners.isEmpty() || !started.containsKey(owners.get(0)) || opened(db) == 0) {
        assertThat(opened(db) < drawnOrMax(db) || openingUnfinished(db)).as("the opening ended before a node could be killed").isTrue();
        return false;
      }
      victim[0] = owners.get(0);
      return true;
    });
    Process killed = started.get(victim[0]);
    killed.destroyForcibly();
    long killedAt = System.nanoTime();
    killed.waitFor(30, TimeUnit.SECONDS);
    openedAtKill[0] = opened(db);
    String survivorName = started.keySet().stream().filter(n -> !n.equals(victim[0])).findFirst().orElseThrow();
    Process survivor = started.get(survivorName);
    System.out.printf("cluster test: killed %s (SIGKILL) during the opening, %d of %d inspections open%n",
        victim[0], openedAtKill[0], drawn(db));

    // the survivor takes the opening over: the job locked by it, and new inspections
    await("the survivor takes the opening over", BOUND.plusMinutes(2), () ->
        opened(db) > openedAtKill[0] || !openingUnfinished(db));
    Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
    await("the survivor finishes the opening", Duration.ofMinutes(5), () -> !openingUnfinished(db) && opened(db) == drawn(db));
    Duration opening = Duration.ofNanos(System.nanoTime() - killedAt);
    await("every inspection at its first task", Duration.ofMinutes(5), () -> instancesWithTasks(db) == drawn(db));
    Duration tasks = Duration.ofNanos(System.nanoTime() - killedAt);
    System.out.printf(
        "cluster test: takeover %.1f s after the kill (bound %d s: lock %d s + max-wait %d s + 15 s); opening finished"
            + " %.1f s, every first task %.1f s after the kill%n",
        takeover.toMillis() / 1000.0, BOUND.toSeconds(), LOCK_TIME / 1000, MAX_WAIT / 1000,
        opening.toMillis() / 1000.0, tasks.toMillis() / 1000.0);
    assertThat(survivor.isAlive()).as("the survivor lives").isTrue();
    assertThat(takeover).as("takeover time").isLessThanOrEqualTo(BOUND);

    long drawn = drawn(db);
    assertThat(drawn).as("businesses drawn by the demo plan").isGreaterThan(100);
    assertThat(opened(db)).as("inspections opened").isEqualTo(drawn);
    assertThat(db.queryForObject(
            "select count(*) from inspection i join draw_selection s on s.plan_number = i.plan_number"
                + " and s.batch = i.batch and s.uscc = i.uscc", Long.class))
        .as("inspections of drawn businesses").isEqualTo(drawn);
    assertThat(db.queryForObject("select count(distinct uscc) from inspection", Long.class)).as("no duplicates").isEqualTo(drawn);
    assertThat(db.queryForObject(
            "select count(*) from ACT_RU_EXECUTION e join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_"
                + " where d.KEY_ = 'joint-inspection' and e.PARENT_ID_ is null", Long.class))
        .as("joint-inspection instances").isEqualTo(drawn);
    assertThat(db.queryForObject(
            "select count(*) from inspection i where not exists (select 1 from ACT_RU_EXECUTION e"
                + " where e.ID_ = i.process_instance_id)", Long.class))
        .as("inspections without their process instance").isZero();
    assertThat(instancesWithTasks(db)).as("instances at their first task").isEqualTo(drawn);
    assertThat(db.queryForObject("select count(*) from ACT_RU_INCIDENT", Long.class)).as("incidents").isZero();
    assertThat(db.queryForObject("select count(*) from public_draw", Long.class)).as("public draw records").isEqualTo(1);
    assertThat(db.queryForObject("select count(*) from disclosure_obligation", Long.class))
        .as("public results due: one per drawn business and department").isEqualTo(drawn * 3);
    assertThat(db.queryForObject("select count(*) from plan_plan", Long.class)).as("demo plans").isEqualTo(1);

    // a graceful stop (SIGTERM): the job executor stops and gives back every lock the node holds
    survivor.destroy();
    assertThat(survivor.waitFor(90, TimeUnit.SECONDS)).as("the survivor stops on SIGTERM").isTrue();
    assertThat(log(logs, survivorName)).contains("stopping job acquisition of node " + survivorName)
        .contains("job lock(s) released for the other nodes");
    assertThat(db.queryForObject("select count(*) from ACT_RU_JOB where LOCK_OWNER_ = ?", Long.class, survivorName))
        .as("jobs still locked by the stopped node").isZero();
  }

  private static long drawn(JdbcTemplate db) {
    return db.queryForObject("select count(*) from draw_selection", Long.class);
  }

  private static long drawnOrMax(JdbcTemplate db) {
    long drawn = drawn(db);
    return drawn == 0 ? Long.MAX_VALUE : drawn;
  }

  private static long opened(JdbcTemplate db) {
    return db.queryForObject("select count(*) from inspection", Long.class);
  }

  private static boolean openingUnfinished(JdbcTemplate db) {
    return db.queryForObject(
            "select count(*) from ACT_RU_JOB j join ACT_RU_JOBDEF d on d.ID_ = j.JOB_DEF_ID_ where d.ACT_ID_ = 'OpenInspections'",
            Long.class) > 0;
  }

  private static long instancesWithTasks(JdbcTemplate db) {
    return db.queryForObject(
        "select count(distinct t.PROC_INST_ID_) from ACT_RU_TASK t join ACT_RE_PROCDEF d on d.ID_ = t.PROC_DEF_ID_"
            + " where d.KEY_ = 'joint-inspection'", Long.class);
  }

  /** A node: the application's main class in its own JVM, with the test class path. */
  private static ProcessBuilder node(String name, String url, Path logs) throws IOException {
    Path dir = Files.createTempDirectory("onedoor-" + name);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(
        java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Duser.timezone=Asia/Shanghai",
        "-cp", absolute(System.getProperty("java.class.path")),
        OnedoorApplication.class.getName(),
        "--spring.profiles.active=postgres,demo",
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=postgres",
        "--spring.datasource.hikari.maximum-pool-size=10",
        "--server.port=0",
        "--onedoor.cluster.node-id=" + name,
        "--onedoor.imports.dir=" + dir.resolve("imports"),
        "--onedoor.demo.plan-ratio=0.6",
        "--onedoor.inspections.chunk-size=10",
        "--onedoor.cluster.job-lock-heartbeat=" + HEARTBEAT,
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME,
        "--camunda.bpm.job-execution.max-wait=" + MAX_WAIT,
        "--camunda.bpm.job-execution.wait-time-in-millis=1000",
        "--onedoor.listing.sweep.cron=-"));
    return new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(logs.resolve(name + ".log").toFile());
  }

  /** The class path with absolute entries: the node runs in its own directory. */
  private static String absolute(String classPath) {
    return java.util.Arrays.stream(classPath.split(File.pathSeparator))
        .map(entry -> new File(entry).getAbsolutePath())
        .collect(java.util.stream.Collectors.joining(File.pathSeparator));
  }

  private static String log(Path logs, String name) {
    try {
      File file = logs.resolve(name + ".log").toFile();
      return file.exists() ? Files.readString(file.toPath(), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void await(String what, Duration timeout, Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Boolean done;
      try {
        done = condition.get();
      } catch (org.springframework.dao.DataAccessException e) {
        done = false; // tables not there yet
      }
      if (Boolean.TRUE.equals(done)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
      }
      Thread.sleep(50);
    }
  }
}
