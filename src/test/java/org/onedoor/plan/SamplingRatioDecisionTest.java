package org.onedoor.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/sampling-ratio.dmn: the defaults of DOMAIN.md R13. */
@OnedoorSpringTest
class SamplingRatioDecisionTest {

  @Autowired DecisionService decisions;

  @ParameterizedTest(name = "class {0}, {1} item -> ratio {2}, at most {3} a year")
  @CsvSource({
    "A, general, 0.03, 1",
    "A, key,     0.05, 1",
    "B, general, 0.1,  1",
    "B, key,     0.2,  1",
    "C, general, 0.3,  2",
    "C, key,     0.6,  2",
    "D, general, 0.7,  4",
    "D, key,     1.0,  4"
  })
  void ratioAndYearlyCapFollowTheCountyDefaults(String creditClass, String kind, double ratio, int cap) {
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey("sampling-ratio")
        .variables(Map.of("creditClass", creditClass, "itemKind", kind))
        .evaluate()
        .getSingleResult();
    assertThat((Double) result.getEntry("ratio")).isEqualTo(ratio);
    assertThat((Integer) result.getEntry("yearlyCap")).isEqualTo(cap);
  }

  @Test
  void ratiosRiseWithRiskAndStayWithinTheBands() {
    double previous = 0;
    for (String creditClass : new String[] {"A", "B", "C", "D"}) {
      double ratio = (Double) decisions.evaluateDecisionByKey("sampling-ratio")
          .variables(Map.of("creditClass", creditClass, "itemKind", "general")).evaluate()
          .getSingleResult().getEntry("ratio");
      assertThat(ratio).isGreaterThan(previous).isBetween(0.03, 1.0);
      previous = ratio;
    }
  }

  @Test
  void anUnknownCreditClassMatchesNoRule() {
    assertThat(decisions.evaluateDecisionByKey("sampling-ratio")
        .variables(Map.of("creditClass", "E", "itemKind", "general")).evaluate().getSingleResult()).isNull();
    assertThatThrownBy(() -> decisions.evaluateDecisionByKey("nonexistent").evaluate())
        .hasMessageContaining("nonexistent");
  }
}
