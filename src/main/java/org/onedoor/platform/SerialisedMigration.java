package org.onedoor.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Nodes starting at once on an empty PostgreSQL migrate one after the other (issue 16), the whole of Flyway's
 * {@code migrate} under one advisory lock of the database session. Flyway's own lock covers the migrations but not
 * its look at the schema before them: a node that found the schema non-empty (the other's first tables) and no history
 * table yet took it for an old database and, with {@code baseline-on-migrate}, failed a moment later on the other's
 * new history table ("Unable to baseline schema history table … as it already exists, and is empty"; once in CI).
 * Under this lock the second node looks only once the first is done, and finds its history complete.
 * A node that dies holding it frees it with its connection. H2 (one node, a file database) migrates as it is.
 */
@Component
public class SerialisedMigration implements FlywayMigrationStrategy {

  /** The advisory lock's key: "onedoor" in ASCII, apart from Flyway's own key. */
  static final long LOCK_KEY = 0x6f6e65646f6f72L;

  private static final Logger log = LoggerFactory.getLogger(SerialisedMigration.class);

  @Override
  public void migrate(Flyway flyway) {
    DataSource dataSource = flyway.getConfiguration().getDataSource();
    try (Connection lockHolder = dataSource.getConnection()) {
      if (!isPostgres(lockHolder)) {
        flyway.migrate();
        return;
      }
      long waited = System.nanoTime();
      advisory(lockHolder, "SELECT pg_advisory_lock(?)");
      try {
        log.debug("migration lock taken after {} ms", (System.nanoTime() - waited) / 1_000_000);
        flyway.migrate();
      } finally {
        advisory(lockHolder, "SELECT pg_advisory_unlock(?)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the database migration lock: " + e.getMessage(), e);
    }
  }

  private static boolean isPostgres(Connection connection) throws SQLException {
    return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
  }

  private static void advisory(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, LOCK_KEY);
      statement.execute();
    }
  }
}
