package org.onedoor;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application on an embedded PostgreSQL (zonky, no Docker), in a context of its own beside the suite's
 * shared H2 one, as the {@code *OnPostgresTest} classes start it.
 */
public final class OnPostgres {

  private OnPostgres() {}

  /**
   * Starts the application (profiles postgres and demo) on the database {@code postgres} of {@code postgres} with the
   * settings every such test shares, then {@code settings} ({@code "key=value"}), which add to or replace them.
   * Command-line arguments outrank environment variables of the machine running the test.
   */
  public static ConfigurableApplicationContext start(EmbeddedPostgres postgres, String... settings) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("ONEDOOR_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
    all.put("ONEDOOR_DB_USER", "postgres");
    all.put("ONEDOOR_DB_PASSWORD", "postgres");
    all.put("server.port", "0");
    // tests execute jobs themselves, and load demo data only when they say so
    all.put("camunda.bpm.job-execution.enabled", "false");
    all.put("onedoor.demo.load-slice", "false");
    all.put("onedoor.demo.run-plan", "false");
    // Camunda keeps engines in a static registry by name: closing an engine called "default" here would unregister
    // the engine of the suite's shared context, and its REST API and webapps would lose it
    all.put("camunda.bpm.generate-unique-process-engine-name", "true");
    // likewise the webapps (Cockpit, Tasklist, Admin) hold their runtime in static fields and clear them when this
    // context closes; the H2 tests cover them
    all.put("camunda.bpm.webapp.enabled", "false");
    for (String setting : settings) {
      int equals = setting.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("a setting is key=value, not " + setting);
      }
      // one value per key: Spring joins a key given twice on the command line with a comma
      all.put(setting.substring(0, equals), setting.substring(equals + 1));
    }
    return new SpringApplicationBuilder(OnedoorApplication.class).profiles("postgres", "demo")
        .run(all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
  }
}
