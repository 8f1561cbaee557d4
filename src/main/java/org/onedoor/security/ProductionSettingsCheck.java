package org.onedoor.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Refuses to start the {@code production} profile without its secrets: the admin password and the
 * database settings must come from the environment, and the demo profile must be off. Runs before
 * any bean exists, so nothing touches a database with a default password.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor, Ordered {

  static final String PRODUCTION = "production";
  static final int MIN_ADMIN_PASSWORD_LENGTH = 12;
  static final String PASSWORD_POLICY_ENABLED =
      "camunda.bpm.generic-properties.properties.enablePasswordPolicy";

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
      if (Boolean.parseBoolean(environment.getProperty(PASSWORD_POLICY_ENABLED))) {
        List<String> unmet = unmetPasswordPolicyRules(adminPassword, environment);
        if (!unmet.isEmpty()) {
          problems.add(
              "ONEDOOR_ADMIN_PASSWORD does not meet Camunda's password policy (the engine would"
                  + " refuse to create the admin user): " + String.join(", ", unmet));
        }
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

  /**
   * The rules of Camunda's default password policy (enablePasswordPolicy, on in production) the
   * admin password breaks: at least 10 characters, a lower-case and an upper-case letter, a digit,
   * a special character, and none of the admin user's id, names or e-mail address in it.
   */
  static List<String> unmetPasswordPolicyRules(String password, Environment environment) {
    UserEntity admin = new UserEntity(environment.getProperty("camunda.bpm.admin-user.id", "admin"));
    admin.setFirstName(environment.getProperty("camunda.bpm.admin-user.first-name"));
    admin.setLastName(environment.getProperty("camunda.bpm.admin-user.last-name"));
    admin.setEmail(environment.getProperty("camunda.bpm.admin-user.email"));
    List<String> unmet = new ArrayList<>();
    for (PasswordPolicyRule rule : new DefaultPasswordPolicyImpl().getRules()) {
      if (!rule.execute(password, admin)) {
        unmet.add(describe(rule));
      }
    }
    return unmet;
  }

  private static String describe(PasswordPolicyRule rule) {
    Map<String, String> parameters = rule.getParameters();
    String count = parameters == null || parameters.isEmpty() ? "1" : parameters.values().iterator().next();
    return switch (rule.getPlaceholder()) {
      case "PASSWORD_POLICY_LENGTH" -> "at least " + count + " characters";
      case "PASSWORD_POLICY_LOWERCASE" -> "at least " + count + " lower-case letter(s)";
      case "PASSWORD_POLICY_UPPERCASE" -> "at least " + count + " upper-case letter(s)";
      case "PASSWORD_POLICY_DIGIT" -> "at least " + count + " digit(s)";
      case "PASSWORD_POLICY_SPECIAL" -> "at least " + count + " special character(s)";
      case "PASSWORD_POLICY_USER_DATA" -> "not the admin user's id, name or e-mail inside";
      default -> rule.getPlaceholder() + " " + parameters;
    };
  }

  @Override
  public int getOrder() {
    // after Spring Boot has loaded application-*.yml, so profile files are visible
    return Ordered.LOWEST_PRECEDENCE;
  }
}
