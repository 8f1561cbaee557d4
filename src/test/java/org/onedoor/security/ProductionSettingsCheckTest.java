package org.onedoor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onedoor.OnedoorApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;

class ProductionSettingsCheckTest {

  private static final String GOOD_PASSWORD = "Correct-Horse-7-Battery";

  private final ProductionSettingsCheck check = new ProductionSettingsCheck();
  private final SpringApplication app = new SpringApplication(OnedoorApplication.class);

  /** What application-production.yml yields when every ONEDOOR_* variable is set properly. */
  private static MockEnvironment complete(String... profiles) {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("camunda.bpm.admin-user.password", GOOD_PASSWORD)
            .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/onedoor")
            .withProperty("spring.datasource.username", "onedoor")
            .withProperty("spring.datasource.password", "secret")
            .withProperty(ProductionSettingsCheck.PASSWORD_POLICY_ENABLED, "true")
            .withProperty("camunda.bpm.admin-user.id", "admin")
            .withProperty("camunda.bpm.admin-user.email", "admin@onedoor.local");
    environment.setActiveProfiles(profiles.length == 0 ? new String[] {"production", "postgres"} : profiles);
    return environment;
  }

  @Test
  void everythingSetPasses() {
    assertThatCode(() -> check.postProcessEnvironment(complete(), app)).doesNotThrowAnyException();
  }

  @Test
  void otherProfilesAreNotChecked() {
    MockEnvironment environment = new MockEnvironment();
    environment.setActiveProfiles("postgres", "demo");
    assertThatCode(() -> check.postProcessEnvironment(environment, app)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource({
    "camunda.bpm.admin-user.password, ONEDOOR_ADMIN_PASSWORD",
    "spring.datasource.url,           ONEDOOR_DB_URL",
    "spring.datasource.username,      ONEDOOR_DB_USER",
    "spring.datasource.password,      ONEDOOR_DB_PASSWORD"
  })
  void eachMissingVariableIsNamed(String property, String variable) {
    MockEnvironment environment = complete();
    environment.setProperty(property, ""); // ${ONEDOOR_...:} resolves to "" when unset
    assertThatThrownBy(() -> check.postProcessEnvironment(environment, app))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(variable + " is not set");

    // and when the property is absent altogether
    assertThatThrownBy(() -> check.postProcessEnvironment(without(property), app))
        .hasMessageContaining(variable + " is not set");
  }

  private static MockEnvironment without(String property) {
    MockEnvironment environment = new MockEnvironment();
    MockEnvironment full = complete();
    for (String name :
        new String[] {
          "camunda.bpm.admin-user.password",
          "spring.datasource.url",
          "spring.datasource.username",
          "spring.datasource.password"
        }) {
      if (!name.equals(property)) {
        environment.setProperty(name, full.getProperty(name));
      }
    }
    environment.setActiveProfiles(full.getActiveProfiles());
    return environment;
  }

  @Test
  void shortAdminPasswordIsRefused() {
    MockEnvironment environment = complete();
    environment.setProperty("camunda.bpm.admin-user.password", "Short-11chr");
    assertThatThrownBy(() -> check.postProcessEnvironment(environment, app))
        .hasMessageContaining("ONEDOOR_ADMIN_PASSWORD must have at least 12 characters");

    environment.setProperty("camunda.bpm.admin-user.password", "Twelve-Char5");
    assertThatCode(() -> check.postProcessEnvironment(environment, app)).doesNotThrowAnyException();
  }

  @Test
  void passwordBreakingCamundasPolicyIsRefusedUpFront() {
    MockEnvironment environment = complete();
    environment.setProperty("camunda.bpm.admin-user.password", "a-long-admin-password");
    assertThatThrownBy(() -> check.postProcessEnvironment(environment, app))
        .hasMessageContaining("ONEDOOR_ADMIN_PASSWORD does not meet Camunda's password policy")
        .hasMessageContaining("upper-case")
        .hasMessageContaining("digit")
        .hasMessageContaining("not the admin user's id")
        .message()
        .doesNotContain("special character");
  }

  @Test
  void passwordPolicyIsCheckedOnlyWhenTheEngineEnforcesIt() {
    MockEnvironment environment = complete();
    environment.setProperty(ProductionSettingsCheck.PASSWORD_POLICY_ENABLED, "false");
    environment.setProperty("camunda.bpm.admin-user.password", "a-long-admin-password");
    assertThatCode(() -> check.postProcessEnvironment(environment, app)).doesNotThrowAnyException();
  }

  @Test
  void demoPasswordIsRefused() {
    MockEnvironment environment = complete();
    environment.setProperty("camunda.bpm.admin-user.password", "demo");
    assertThatThrownBy(() -> check.postProcessEnvironment(environment, app))
        .hasMessageContaining("ONEDOOR_ADMIN_PASSWORD");
  }

  @Test
  void h2IsRefused() {
    MockEnvironment environment = complete();
    environment.setProperty("spring.datasource.url", "jdbc:h2:file:./data/onedoor");
    assertThatThrownBy(() -> check.postProcessEnvironment(environment, app))
        .hasMessageContaining("ONEDOOR_DB_URL points to H2");
  }

  @Test
  void demoTogetherWithProductionIsRefused() {
    MockEnvironment environment = complete("production", "postgres", "demo");
    assertThatThrownBy(() -> check.postProcessEnvironment(environment, app))
        .hasMessageContaining("the demo profile must not be active together with production");
  }

  @Test
  void allProblemsAreReportedAtOnce() {
    MockEnvironment environment = new MockEnvironment();
    environment.setActiveProfiles("production", "demo");
    assertThatThrownBy(() -> check.postProcessEnvironment(environment, app))
        .hasMessageContainingAll(
            "ONEDOOR_ADMIN_PASSWORD",
            "ONEDOOR_DB_URL",
            "ONEDOOR_DB_USER",
            "ONEDOOR_DB_PASSWORD",
            "demo profile");
  }

  /** application-production.yml switches Camunda's password policy on: the check must know. */
  @Test
  void productionStartWithAPasswordCamundaWouldRefuseFailsBeforeTheDatabase() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(OnedoorApplication.class)
                    .profiles("production", "postgres")
                    .run(
                        "--ONEDOOR_ADMIN_PASSWORD=only-lower-case-letters",
                        "--ONEDOOR_DB_URL=jdbc:postgresql://db.invalid:5432/onedoor",
                        "--ONEDOOR_DB_USER=onedoor",
                        "--ONEDOOR_DB_PASSWORD=secret",
                        "--server.port=0"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ONEDOOR_ADMIN_PASSWORD does not meet Camunda's password policy")
        .message()
        .doesNotContain("ONEDOOR_DB_URL");
  }

  /**
   * The real start: Spring Boot loads application-production.yml, the check refuses, and nothing
   * has connected to a database yet (the failure comes from preparing the environment, before the
   * application context and its DataSource exist).
   */
  @Test
  void productionStartWithoutSecretsFailsBeforeTheDatabase() {
    ConfigurableApplicationContext[] started = new ConfigurableApplicationContext[1];
    assertThatThrownBy(
            () ->
                started[0] =
                    new SpringApplicationBuilder(OnedoorApplication.class)
                        .profiles("production", "postgres")
                        // blank, in case the machine running the tests has them in its environment
                        .run(
                            "--ONEDOOR_ADMIN_PASSWORD=",
                            "--ONEDOOR_DB_URL=",
                            "--ONEDOOR_DB_USER=",
                            "--ONEDOOR_DB_PASSWORD=",
                            "--server.port=0"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refuses to start the production profile")
        .hasMessageContaining("ONEDOOR_ADMIN_PASSWORD")
        .hasMessageContaining("ONEDOOR_DB_URL")
        .satisfies(
            e ->
                assertThat(Arrays.stream(e.getStackTrace()).map(StackTraceElement::getMethodName))
                    .as("failed while preparing the environment, before any bean")
                    .contains("prepareEnvironment")
                    .doesNotContain("refresh"));
    assertThat(started[0]).isNull();
  }
}
