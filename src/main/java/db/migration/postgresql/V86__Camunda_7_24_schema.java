package db.migration.postgresql;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.onedoor.platform.CamundaSchema;

/**
 * Camunda 7.24's schema, created under Flyway's PostgreSQL advisory lock (see {@link CamundaSchema}):
 * on an empty database it runs Camunda's create scripts; on a database whose Camunda tables the
 * engine created before (installations up to this migration) it creates nothing.
 *
 * <p>In package {@code db.migration.postgresql}, one of the Flyway locations of application.yml
 * ({@code db/migration/{vendor}}): it runs on PostgreSQL only. H2 keeps the engine's schema-update.
 * Upgrading Camunda is a new migration next to this one: docs/operations.md "Upgrading Camunda".
 */
public class V86__Camunda_7_24_schema extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    new CamundaSchema("postgres").createMissing(context.getConnection());
  }
}
