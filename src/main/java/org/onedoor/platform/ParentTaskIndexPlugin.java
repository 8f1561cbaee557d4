package org.onedoor.platform;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Adds the index Camunda's schema lacks: {@code ACT_RU_TASK(PARENT_TASK_ID_)}.
 *
 * <p>Every {@code taskService.complete} looks for sub-tasks with {@code where PARENT_TASK_ID_ = ?}.
 * Without an index each completion scans all open tasks; with 100,000 open tasks completions fall
 * to about 30 % (see the engine baseline measurements; camunda/camunda#36824).
 *
 * <p>Why an engine plugin and not a Flyway migration: Flyway runs before the engine (see {@link
 * EngineAfterFlywayDetector}), so on an empty database ACT_RU_TASK does not exist yet when
 * migrations run. Here, in {@code postProcessEngineBuild}, the engine has just created its schema
 * ({@code schema-update}) or found it created by the SQL scripts, whoever made it. The plugin:
 *
 * <ul>
 *   <li>looks first (JDBC metadata, in the engine's schema) for any index whose first column is
 *       PARENT_TASK_ID_, so an index a DBA made under another name also counts, and a normal start
 *       does not lock the table at all;
 *   <li>creates it with {@code CREATE INDEX IF NOT EXISTS} (PostgreSQL and H2) only when missing.
 *       This blocks writes to ACT_RU_TASK while the index is built, once; the table holds only
 *       the open tasks;
 *   <li>tolerates two cluster nodes racing (the loser re-checks) and never stops the application:
 *       without the right to create an index (a DBA-owned schema) it logs a warning with the SQL.
 * </ul>
 */
@Component
public class ParentTaskIndexPlugin extends AbstractProcessEnginePlugin {

  public static final String INDEX_NAME = "onedoor_idx_act_ru_task_parent";
  static final String TABLE = "ACT_RU_TASK";
  static final String COLUMN = "PARENT_TASK_ID_";
  /** Camunda's database types that know {@code CREATE INDEX IF NOT EXISTS}. */
  private static final Set<String> SUPPORTED = Set.of("postgres", "h2");

  private static final Logger log = LoggerFactory.getLogger(ParentTaskIndexPlugin.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    String databaseType = configuration.getDatabaseType();
    String prefix = configuration.getDatabaseTablePrefix() == null
        ? "" : configuration.getDatabaseTablePrefix();
    String sql = "CREATE INDEX IF NOT EXISTS " + INDEX_NAME + " ON " + prefix + TABLE + " (" + COLUMN + ")";
    if (!SUPPORTED.contains(databaseType)) {
      log.info("database type {}: not creating index {}; consider: {}", databaseType, INDEX_NAME, sql);
      return;
    }
    try (Connection connection = configuration.getDataSource().getConnection()) {
      String schema = schema(connection, configuration, prefix);
      if (indexExists(connection, schema)) {
        log.debug("{}({}) is indexed", TABLE, COLUMN);
        return;
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
        if (!connection.getAutoCommit()) {
          connection.commit();
        }
        log.info("created index {} on {}{}({})", INDEX_NAME, prefix, TABLE, COLUMN);
      } catch (SQLException createFailed) {
        if (!connection.getAutoCommit()) {
          connection.rollback();
        }
        // another node may have created it at the same moment
        if (!indexExists(connection, schema)) {
          throw createFailed;
        }
      }
    } catch (SQLException e) {
      log.warn(
          "could not create index {}: task completion slows down as open tasks grow; "
              + "have a DBA run: {}",
          INDEX_NAME,
          sql,
          e);
    }
  }

  /** The schema holding Camunda's tables: from the table prefix, the engine setting or the connection. */
  private static String schema(
      Connection connection, ProcessEngineConfigurationImpl configuration, String prefix)
      throws SQLException {
    if (prefix.contains(".")) {
      return prefix.substring(0, prefix.indexOf('.'));
    }
    if (configuration.getDatabaseSchema() != null && !configuration.getDatabaseSchema().isBlank()) {
      return configuration.getDatabaseSchema();
    }
    // never null: with a null schema JDBC metadata would also find ACT_RU_TASK of other schemas
    return connection.getSchema();
  }

  /** Whether some index of ACT_RU_TASK starts with PARENT_TASK_ID_. */
  static boolean indexExists(Connection connection, String schema) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    try (ResultSet rs =
        meta.getIndexInfo(
            connection.getCatalog(), identifier(meta, schema), identifier(meta, TABLE), false, true)) {
      while (rs.next()) {
        String column = rs.getString("COLUMN_NAME");
        if (rs.getShort("ORDINAL_POSITION") == 1 && column != null && column.equalsIgnoreCase(COLUMN)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Unquoted identifiers as the database stores them: PostgreSQL lower case, H2 upper case. */
  private static String identifier(DatabaseMetaData meta, String name) throws SQLException {
    if (name == null) {
      return null;
    }
    if (meta.storesLowerCaseIdentifiers()) {
      return name.toLowerCase(Locale.ROOT);
    }
    if (meta.storesUpperCaseIdentifiers()) {
      return name.toUpperCase(Locale.ROOT);
    }
    return name;
  }
}
