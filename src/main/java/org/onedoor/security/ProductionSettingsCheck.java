package org.onedoor.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start the {@code production} profile without its secrets: the admin password and the
 * database settings must come from the environment, and the demo profile must be off. Runs before
 * any bean exists, so nothing touches a database with a default password.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor, Ordered {

  static final String PRODUCTION = "production";
  static final int MIN_ADMIN_PASSWORD_LENGTH = 12;

  /** Setting that must be non-blank → the environment variable that provides it. */
  private static final Map<String, String> REQUIRED =
      Map.of(
          "camunda.bpm.admin-user.password", "ONEDOOR_ADMIN_PASSWORD",
          "spring.datasource.url", "ONEDOOR_DB_URL",
          "spring.datasource.username", "ONEDOOR_DB_USER",
          "spring.datasource.password", "ONEDOOR_DB_PASSWORD");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    List<String> active = Arrays.asList(environment.getActiveProfiles());
    if (!active.contains(PRODUCTION)) {
      return;
    }
    List<String> problems = new ArrayList<>();
    REQUIRED.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .forEach(
            e -> {
              String value = environment.getProperty(e.getKey());
              if (value == null || value.isBlank()) {
                problems.add(e.getValue() + " is not set (needed for " + e.getKey() + ")");
              }
            });
    String adminPassword = environment.getProperty("camunda.bpm.admin-user.password");
    if (adminPassword != null && !adminPassword.isBlank()) {
      if (adminPassword.length() < MIN_ADMIN_PASSWORD_LENGTH || adminPassword.equals("demo")) {
        problems.add(
            "ONEDOOR_ADMIN_PASSWORD must have at least " + MIN_ADMIN_PASSWORD_LENGTH + " characters");
      }
    }
    String url = environment.getProperty("spring.datasource.url", "");
    if (url.startsWith("jdbc:h2:")) {
      problems.add("ONEDOOR_DB_URL points to H2; production runs on PostgreSQL");
    }
    if (active.contains("demo")) {
      problems.add("the demo profile must not be active together with production");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "onedoor refuses to start the production profile: " + String.join("; ", problems));
    }
  }

  @Override
  public int getOrder() {
    // after Spring Boot has loaded application-*.yml, so profile files are visible
    return Ordered.LOWEST_PRECEDENCE;
  }
}
