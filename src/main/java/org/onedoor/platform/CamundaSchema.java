package org.onedoor.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camunda's schema on PostgreSQL, created by Flyway under its database lock instead of by the
 * engine ({@code databaseSchemaUpdate}), so that any number of nodes may start at once on an empty
 * database (issue 16: the engine's own creation is not serialised across nodes and the loser dies
 * on a duplicate key in {@code pg_type}).
 *
 * <p>Runs the scripts Camunda ships in camunda-engine.jar ({@code
 * org/camunda/bpm/engine/db/create/activiti.postgres.create.COMPONENT.sql}) in the order and with
 * the presence checks of the engine's own {@code AbstractPersistenceSession.dbSchemaUpdate}: engine,
 * history, identity, case engine, case history, decision engine, decision history; each only when
 * its marker table is missing. A database whose Camunda schema the engine created earlier (every
 * installation before this change) is therefore recognised and left alone. Statements are split as
 * the engine's {@code DbSqlSession.executeSchemaResource} splits them: comment lines dropped, a
 * statement ends with a line ending in {@code ;}.
 *
 * <p>Plain JDBC on the connection Flyway gives its migration (one transaction, PostgreSQL DDL is
 * transactional): either the whole schema is there afterwards or none of it.
 */
public final class CamundaSchema {

  /** A part of the schema: the script suffix and the table whose presence means "created". */
  public record Component(String script, String markerTable) {}

  /** In the engine's order (AbstractPersistenceSession.dbSchemaUpdate), with its marker tables. */
  public static final List<Component> COMPONENTS =
      List.of(
          new Component("engine", "ACT_RU_EXECUTION"),
          new Component("history", "ACT_HI_PROCINST"),
          new Component("identity", "ACT_ID_USER"),
          new Component("case.engine", "ACT_RE_CASE_DEF"),
          new Component("case.history", "ACT_HI_CASEINST"),
          new Component("decision.engine", "ACT_RE_DECISION_DEF"),
          new Component("decision.history", "ACT_HI_DECINST"));

  private static final Logger log = LoggerFactory.getLogger(CamundaSchema.class);

  private final String databaseType;

  public CamundaSchema(String databaseType) {
    this.databaseType = databaseType;
  }

  /** Creates the missing components; returns the ones it created (none on an existing database). */
  public List<String> createMissing(Connection connection) throws SQLException {
    List<String> created = new ArrayList<>();
    for (Component component : COMPONENTS) {
      if (tableExists(connection, component.markerTable())) {
        continue;
      }
      runScript(connection, createScript(component.script()));
      created.add(component.script());
    }
    if (created.isEmpty()) {
      log.info("Camunda schema found (version {}): nothing to create", schemaVersion(connection));
    } else {
      log.info("Camunda schema created: {}", created);
    }
    return created;
  }

  /** Runs one of Camunda's upgrade scripts, e.g. {@code postgres_engine_7.24_patch_7.24.0_to_7.24.1}. */
  public void upgrade(Connection connection, String scriptName) throws SQLException {
    runScript(connection, "org/camunda/bpm/engine/db/upgrade/" + scriptName + ".sql");
  }

  String createScript(String component) {
    return "org/camunda/bpm/engine/db/create/activiti." + databaseType + ".create." + component + ".sql";
  }

  static boolean tableExists(Connection connection, String table) throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    String schema = connection.getSchema();
    for (String name : List.of(table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
      try (ResultSet tables = metaData.getTables(null, schema, name, new String[] {"TABLE"})) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The Camunda release of the schema: the latest entry of ACT_GE_SCHEMA_LOG (ACT_GE_PROPERTY's
   * {@code schema.version} holds Camunda 7's fixed {@code ProcessEngine.VERSION}, 'fox'); null when
   * there is none.
   */
  public static String schemaVersion(Connection connection) throws SQLException {
    if (!tableExists(connection, "ACT_GE_SCHEMA_LOG")) {
      return null;
    }
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "select VERSION_ from ACT_GE_SCHEMA_LOG order by TIMESTAMP_ desc, ID_ desc")) {
      return row.next() ? row.getString(1) : null;
    }
  }

  static void runScript(Connection connection, String resource) throws SQLException {
    for (String sql : statements(read(resource))) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }
  }

  /** Splits a script the way Camunda's DbSqlSession.executeSchemaResource does. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : script.split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("--")) {
        continue;
      }
      if (line.endsWith(";")) {
        current.append(line, 0, line.length() - 1);
        statements.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(line).append(' ');
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  private static String read(String resource) {
    try (InputStream in = CamundaSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Camunda's script " + resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
