package org.onedoor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 16 item 1: any number of nodes may start at once on an empty PostgreSQL. Two application
 * contexts (the postgres profile, as docker-compose's cluster runs them) are released by one latch
 * on a fresh database, a few rounds; both must come up and find Camunda's schema complete.
 *
 * <p>Rounds: {@code -Donedoor.test.simultaneous-start.rounds=10} (default 2, to keep the suite
 * short), e.g. {@code ./mvnw -B -o test -Dtest=SimultaneousFirstStartTest
 * -Donedoor.test.simultaneous-start.rounds=10}.
 */
class SimultaneousFirstStartTest {

  private static final int ROUNDS = Integer.getInteger("onedoor.test.simultaneous-start.rounds", 2);

  private static EmbeddedPostgres postgres;

  private static String loggingSystem;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    // Spring Boot's logging system is one per JVM (logback's context), not one per node: two
    // contexts initialising it at the same instant trip over each other ("Unable to find Spring
    // Environment in logger context"), which real nodes, one per JVM, never do. Initialise it once
    // here and let the nodes of this test leave it alone.
    ch.qos.logback.classic.LoggerContext logback =
        (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    if (logback.getObject(LoggingSystem.class.getName()) == null) {
      LoggingSystem system = LoggingSystem.get(SimultaneousFirstStartTest.class.getClassLoader());
      system.beforeInitialize();
      system.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
    }
    loggingSystem = System.getProperty(LoggingSystem.SYSTEM_PROPERTY);
    System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (loggingSystem == null) {
      System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
    } else {
      System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void twoNodesStartedAtTheSameInstantOnAnEmptyDatabaseBothComeUp() throws Exception {
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      for (int round = 1; round <= ROUNDS; round++) {
        String database = "simultaneous_" + round;
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("create database " + database);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ConfigurableApplicationContext>> started = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
          started.add(
              nodes.submit(
                  () -> {
                    go.await();
                    return start(database);
                  }));
        }
        go.countDown();
        List<ConfigurableApplicationContext> contexts = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (Future<ConfigurableApplicationContext> node : started) {
          try {
            contexts.add(node.get(3, TimeUnit.MINUTES));
          } catch (java.util.concurrent.ExecutionException e) {
            failures.add(e.getCause());
          }
        }
        try {
          assertThat(failures).as("round %d: nodes that failed to start", round).isEmpty();
          assertThat(contexts).hasSize(2);
          JdbcTemplate jdbc = new JdbcTemplate(postgres.getDatabase("postgres", database));
          assertCompleteSchema(jdbc);
          for (ConfigurableApplicationContext context : contexts) {
            assertThat(context.getBean(ProcessEngine.class).getIdentityService().createUserQuery().userId("admin").count())
                .isEqualTo(1);
          }
        } finally {
          contexts.forEach(ConfigurableApplicationContext::close);
        }
      }
    } finally {
      nodes.shutdownNow();
    }
  }

  @Test
  void aNodeWaitsForAnotherNodesMigrationInsteadOfTakingItsEmptyHistoryForAnOldDatabase() throws Exception {
    // another node, mid-migration: it holds the migration lock and has created Flyway's history table, still empty,
    // and a first table. A node looking at that without the lock sees a state in flux: once in CI, with two nodes
    // starting at once, one found a non-empty schema and no history table yet, took it for an old database, and its
    // baseline failed a moment later on the other's new table ("Unable to baseline schema history table ... as it
    // already exists, and is empty"). Here the starting node must wait for the lock before it looks at all
    new JdbcTemplate(postgres.getPostgresDatabase()).execute("create database mid_migration");
    DataSource database = postgres.getDatabase("postgres", "mid_migration");
    ExecutorService node = Executors.newSingleThreadExecutor();
    try (Connection otherNode = database.getConnection()) {
      try (java.sql.Statement sql = otherNode.createStatement()) {
        sql.execute("select pg_advisory_lock(" + SerialisedMigration.LOCK_KEY + ")");
        sql.execute("create table onedoor_schema_history (installed_rank int primary key, version varchar(50),"
            + " description varchar(200) not null, type varchar(20) not null, script varchar(1000) not null,"
            + " checksum int, installed_by varchar(100) not null, installed_on timestamp not null default now(),"
            + " execution_time int not null, success boolean not null)");
        sql.execute("create table half_made (id int)");
      }
      Future<ConfigurableApplicationContext> started = node.submit(() -> start("mid_migration"));
      // until the starting node has reached its migration: waiting for the lock, or failed
      JdbcTemplate locks = new JdbcTemplate(database);
      long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!started.isDone() && System.nanoTime() < giveUp && locks.queryForObject(
          "select count(*) from pg_locks where locktype = 'advisory' and not granted", Integer.class) == 0) {
        Thread.sleep(100);
      }
      if (started.isDone()) {
        started.get(); // its failure, if it failed
      }
      assertThat(started.isDone()).as("the node waits for the other's migration, neither failing nor migrating").isFalse();

      // the other node dies before it migrated anything: its half-made state gone, its lock freed with its session
      try (java.sql.Statement sql = otherNode.createStatement()) {
        sql.execute("drop table onedoor_schema_history");
        sql.execute("drop table half_made");
      }
      otherNode.close();
      ConfigurableApplicationContext context = started.get(3, TimeUnit.MINUTES);
      try {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        assertThat(jdbc.queryForObject("select count(*) from onedoor_schema_history where version = '1'", Integer.class))
            .as("migrated from V1, not baselined").isEqualTo(1);
        assertCompleteSchema(jdbc);
      } finally {
        context.close();
      }
    } finally {
      node.shutdownNow();
    }
  }

  @Test
  void aDatabaseWhoseCamundaSchemaTheEngineCreatedIsKeptNotRecreated() throws Exception {
    // today's installations: Flyway up to V84 first, then the engine's own schema-update
    new JdbcTemplate(postgres.getPostgresDatabase()).execute("create database created_by_engine");
    DataSource existing = postgres.getDatabase("postgres", "created_by_engine");
    Flyway.configure()
        .dataSource(existing)
        .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
        .table("onedoor_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .target("85")
        .load()
        .migrate();
    ProcessEngine old =
        ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
            .setDataSource(existing)
            .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
            .setJobExecutorActivate(false)
            .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
            .setProcessEngineName("created-by-engine")
            .buildProcessEngine();
    try {
      old.getIdentityService().saveUser(old.getIdentityService().newUser("frombefore"));
    } finally {
      old.close();
    }
    JdbcTemplate jdbc = new JdbcTemplate(existing);
    assertThat(jdbc.queryForList("select version from onedoor_schema_history", String.class))
        .doesNotContain("86");

    ConfigurableApplicationContext context = start("created_by_engine");
    try {
      assertThat(
              jdbc.queryForObject(
                  "select success from onedoor_schema_history where version = '86'", Boolean.class))
          .isTrue();
      assertThat(jdbc.queryForObject("select count(*) from act_id_user where id_ = 'frombefore'", Integer.class))
          .as("the engine-made schema with its data is kept")
          .isEqualTo(1);
      assertThat(jdbc.queryForObject("select count(*) from act_ge_schema_log", Integer.class))
          .as("one creation only: the engine's")
          .isEqualTo(1);
      assertCompleteSchema(jdbc);
    } finally {
      context.close();
    }
  }

  private static void assertCompleteSchema(JdbcTemplate jdbc) throws Exception {
    // Camunda 7 keeps ProcessEngine.VERSION ('fox') in ACT_GE_PROPERTY's schema.version, which the
    // engine checks at start; the release the schema belongs to is recorded in ACT_GE_SCHEMA_LOG
    assertThat(
            jdbc.queryForObject(
                "select value_ from act_ge_property where name_ = 'schema.version'", String.class))
        .isEqualTo(ProcessEngine.VERSION);
    try (Connection connection = jdbc.getDataSource().getConnection()) {
      assertThat(CamundaSchema.schemaVersion(connection)).isEqualTo("7.24.0");
    }
    try (Connection connection = jdbc.getDataSource().getConnection()) {
      for (CamundaSchema.Component component : CamundaSchema.COMPONENTS) {
        assertThat(CamundaSchema.tableExists(connection, component.markerTable()))
            .as(component.script())
            .isTrue();
      }
    }
    assertThat(
            jdbc.queryForObject(
                "select count(*) from information_schema.tables where table_schema = 'public'"
                    + " and table_name like 'act\\_%'",
                Integer.class))
        .as("Camunda's tables")
        .isGreaterThanOrEqualTo(49);
  }

  private static ConfigurableApplicationContext start(String database) {
    return new SpringApplicationBuilder(OnedoorApplication.class)
        .profiles("postgres", "demo")
        .run(
            "--ONEDOOR_DB_URL=" + postgres.getJdbcUrl("postgres", database),
            "--ONEDOOR_DB_USER=postgres",
            "--ONEDOOR_DB_PASSWORD=postgres",
            "--server.port=0",
            "--camunda.bpm.job-execution.enabled=false",
            "--onedoor.demo.load-slice=false",
            "--onedoor.demo.run-plan=false",
            // see PostgresStartupTest: engines and webapps are held in static registries
            "--camunda.bpm.generate-unique-process-engine-name=true",
            "--camunda.bpm.webapp.enabled=false");
  }
}
