package org.onedoor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The plugin on H2 (the development database), without building an engine. PostgreSQL: PostgresStartupTest. */
class ParentTaskIndexPluginTest {

  private final SingleConnectionDataSource dataSource =
      new SingleConnectionDataSource(
          "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
  private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

  private ProcessEngine engine(String tablePrefix) {
    StandaloneInMemProcessEngineConfiguration configuration =
        new StandaloneInMemProcessEngineConfiguration();
    configuration.setDataSource(dataSource);
    configuration.setDatabaseType("h2");
    configuration.setDatabaseTablePrefix(tablePrefix);
    ProcessEngine engine = mock(ProcessEngine.class);
    when(engine.getProcessEngineConfiguration()).thenReturn(configuration);
    return engine;
  }

  private int parentIndexes(String schema) {
    return jdbc.queryForObject(
        "select count(*) from information_schema.index_columns"
            + " where table_schema = ? and table_name = 'ACT_RU_TASK'"
            + " and column_name = 'PARENT_TASK_ID_' and ordinal_position = 1",
        Integer.class,
        schema);
  }

  @Test
  void createsTheIndexOnceAndThenLeavesItAlone() {
    jdbc.execute("create table ACT_RU_TASK (ID_ varchar(64) primary key, PARENT_TASK_ID_ varchar(64))");
    ParentTaskIndexPlugin plugin = new ParentTaskIndexPlugin();

    plugin.postProcessEngineBuild(engine(""));
    plugin.postProcessEngineBuild(engine(""));

    assertThat(parentIndexes("PUBLIC")).isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from information_schema.indexes where index_name = ?",
                Integer.class,
                ParentTaskIndexPlugin.INDEX_NAME.toUpperCase()))
        .isEqualTo(1);
  }

  @Test
  void anIndexUnderAnotherNameCounts() {
    jdbc.execute("create table ACT_RU_TASK (ID_ varchar(64) primary key, PARENT_TASK_ID_ varchar(64))");
    jdbc.execute("create index DBA_MADE_IT on ACT_RU_TASK (PARENT_TASK_ID_)");

    new ParentTaskIndexPlugin().postProcessEngineBuild(engine(""));

    assertThat(parentIndexes("PUBLIC")).isEqualTo(1);
  }

  @Test
  void looksInTheSchemaOfTheTablePrefixOnly() {
    jdbc.execute("create table ACT_RU_TASK (ID_ varchar(64) primary key, PARENT_TASK_ID_ varchar(64))");
    jdbc.execute("create index DBA_MADE_IT on ACT_RU_TASK (PARENT_TASK_ID_)");
    jdbc.execute("create schema CAMUNDA");
    jdbc.execute(
        "create table CAMUNDA.ACT_RU_TASK (ID_ varchar(64) primary key, PARENT_TASK_ID_ varchar(64))");

    new ParentTaskIndexPlugin().postProcessEngineBuild(engine("CAMUNDA."));

    assertThat(parentIndexes("CAMUNDA")).isEqualTo(1);
  }

  @Test
  void aFailureDoesNotStopTheEngine() {
    // no ACT_RU_TASK at all: the CREATE INDEX fails, the plugin only warns
    assertThatCode(() -> new ParentTaskIndexPlugin().postProcessEngineBuild(engine("")))
        .doesNotThrowAnyException();
  }
}
