package org.onedoor;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.onedoor.archalpha.AlphaDelegate;
import org.onedoor.archalpha.AlphaService;
import org.onedoor.archbeta.BetaController;
import org.onedoor.archbeta.BetaGreeted;

/**
 * The rules of {@link ArchitectureTest} fail on code that breaks them, and their report names the
 * offending class and the rule's reason. Two fixture "features" under test sources, {@code archalpha}
 * and {@code archbeta}, break every rule once; ArchitectureTest itself never sees them (it imports
 * main classes only).
 */
class ArchitectureRulesNameTheOffenderTest {

  private static final JavaClasses FIXTURES = new ClassFileImporter()
      .importClasses(AlphaService.class, AlphaDelegate.class, BetaController.class, BetaGreeted.class);

  private static String failure(ArchRule rule) {
    EvaluationResult result = rule.evaluate(FIXTURES);
    assertThat(result.hasViolation()).as("rule %s is violated by the fixtures", rule.getDescription()).isTrue();
    return result.getFailureReport().toString();
  }

  @Test
  void twoFeaturesUsingEachOtherAreReportedAsACycle() {
    assertThat(failure(ArchitectureTest.featuresAreFreeOfCycles))
        .contains("Cycle detected: archalpha -> ", "archbeta -> ", "org.onedoor.archalpha.AlphaService",
            "a cycle between two features means neither can change");
  }

  @Test
  void aFeatureMissingFromTheEdgeListIsNamedWithItsClass() {
    assertThat(failure(ArchitectureTest.featuresUseOnlyTheirListedFeatures))
        .contains("Feature archalpha (org.onedoor.archalpha.AlphaService) is not listed",
            "only platform and security are used by every feature");
  }

  @Test
  void aServiceCallingAnotherFeaturesControllerIsNamedWithTheControllerAndTheLine() {
    assertThat(failure(ArchitectureTest.featuresMeetThroughServicesEventsAndRecords))
        .contains("org.onedoor.archalpha.AlphaService uses org.onedoor.archbeta.BetaController, a controller of "
                + "feature archbeta", "AlphaService.java:",
            "features talk through one public service, Spring events or public records");
  }

  @Test
  void aDelegateHoldingAJdbcTemplateBreaksTheThinDelegateRule() {
    assertThat(failure(ArchitectureTest.delegatesAndListenersCallServicesNotJdbc))
        .contains("org.onedoor.archalpha.AlphaDelegate", "org.springframework.jdbc.core.JdbcTemplate",
            "they call a feature service that a plain unit test drives");
  }

  @Test
  void aControllerUsedByAServiceIsNamedWithItsUser() {
    assertThat(failure(ArchitectureTest.controllersAreUsedByNoOtherClass))
        .contains("Controller org.onedoor.archbeta.BetaController is used by another class",
            "org.onedoor.archalpha.AlphaService.greeting(org.onedoor.archbeta.BetaController)", "a controller is an HTTP entry point");
  }

  @Test
  void anotherFeaturesPublicRecordIsNoOffence() {
    assertThat(failure(ArchitectureTest.featuresMeetThroughServicesEventsAndRecords))
        .doesNotContain("uses org.onedoor.archbeta.BetaGreeted");
  }

  @Test
  void aClassEscapingHtmlByHandIsNamedAsBuildingAPageInJava() {
    EvaluationResult result = ArchitectureTest.pagesAreTemplatesNotEscapedStrings
        .evaluate(new ClassFileImporter().importClasses(org.onedoor.archbeta.BetaPage.class));
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString())
        .contains("org.onedoor.archbeta.BetaPage.heading(java.lang.String)", "HtmlUtils",
            "pages are JTE templates under src/main/jte");
  }
}
