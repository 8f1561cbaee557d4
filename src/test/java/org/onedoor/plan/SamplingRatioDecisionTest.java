package org.onedoor.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.platform.DecisionRules;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * processes/sampling-ratio.dmn: credit class × risk level × item kind, the defaults of DOMAIN.md R13
 * (issue 15): high risk drawn more, low risk less, class A only with a trigger. Every rule is listed.
 */
@OnedoorSpringTest
class SamplingRatioDecisionTest {

  @Autowired DecisionService decisions;
  @Autowired DecisionRules rules;
  @Autowired RepositoryService repository;

  static final List<String> CLASSES = List.of("A", "B", "C", "D");
  static final List<String> LEVELS = List.of("low", "medium", "high");
  static final List<String> KINDS = List.of("general", "key");

  @ParameterizedTest(name = "class {0}, {1} risk, {2} item -> {3}: ratio {4}, at most {5} a year")
  @CsvSource({
    "A, low,    general, Ratio_01, 0,    1",
    "A, medium, general, Ratio_01, 0,    1",
    "A, low,    key,     Ratio_02, 0,    1",
    "A, medium, key,     Ratio_02, 0,    1",
    "A, high,   general, Ratio_03, 0.05, 1",
    "A, high,   key,     Ratio_04, 0.1,  1",
    "B, low,    general, Ratio_05, 0.05, 1",
    "B, low,    key,     Ratio_06, 0.1,  1",
    "B, medium, general, Ratio_07, 0.1,  1",
    "B, medium, key,     Ratio_08, 0.15, 1",
    "B, high,   general, Ratio_09, 0.2,  1",
    "B, high,   key,     Ratio_10, 0.2,  1",
    "C, low,    general, Ratio_11, 0.21, 2",
    "C, low,    key,     Ratio_12, 0.3,  2",
    "C, medium, general, Ratio_13, 0.3,  2",
    "C, medium, key,     Ratio_14, 0.45, 2",
    "C, high,   general, Ratio_15, 0.6,  2",
    "C, high,   key,     Ratio_16, 0.6,  2",
    "D, low,    general, Ratio_17, 0.61, 4",
    "D, low,    key,     Ratio_18, 0.8,  4",
    "D, medium, general, Ratio_19, 0.7,  4",
    "D, medium, key,     Ratio_20, 0.9,  4",
    "D, high,   general, Ratio_21, 1.0,  4",
    "D, high,   key,     Ratio_22, 1.0,  4"
  })
  void ratioAndYearlyCapFollowTheCountyDefaultsWithinEachClassByRisk(String creditClass, String level, String kind,
      String rule, double ratio, int cap) {
    DecisionRules.Evaluation evaluation = rules.evaluate("sampling-ratio",
        Map.of("creditClass", creditClass, "riskLevel", level, "itemKind", kind));
    DmnDecisionResultEntries result = evaluation.single();
    assertThat((Double) result.getEntry("ratio")).isEqualTo(ratio);
    assertThat((Integer) result.getEntry("yearlyCap")).isEqualTo(cap);
    assertThat(evaluation.rule().id()).isEqualTo(rule);
    assertThat(evaluation.rule().row()).isEqualTo(Integer.parseInt(rule.substring("Ratio_".length())));
  }

  @Test
  void everyCellMatchesExactlyOneRuleAndEveryRuleIsUsed() {
    Set<String> used = new HashSet<>();
    for (String c : CLASSES) {
      for (String l : LEVELS) {
        for (String k : KINDS) {
          DecisionRules.Evaluation e = rules.evaluate("sampling-ratio", Map.of("creditClass", c, "riskLevel", l,
              "itemKind", k));
          assertThat(e.rules()).as(c + "/" + l + "/" + k).hasSize(1);
          used.add(e.rule().id());
        }
      }
    }
    String id = repository.createDecisionDefinitionQuery().decisionDefinitionKey("sampling-ratio").latestVersion()
        .singleResult().getId();
    assertThat(used).containsExactlyInAnyOrderElementsOf(repository.getDmnModelInstance(id)
        .getModelElementsByType(Rule.class).stream().map(Rule::getId).toList());
  }

  @Test
  void higherRiskIsDrawnMoreWithinEachClassAndClassesKeepTheirBands() {
    double[][] bands = {{0, 0.05}, {0.05, 0.2}, {0.21, 0.6}, {0.61, 1}};
    for (int c = 0; c < CLASSES.size(); c++) {
      double previous = -1;
      for (String level : LEVELS) {
        double ratio = ratio(CLASSES.get(c), level, "general");
        assertThat(ratio).as(CLASSES.get(c) + "/" + level).isBetween(bands[c][0], bands[c][1])
            .isGreaterThanOrEqualTo(previous);
        assertThat(ratio(CLASSES.get(c), level, "key")).as("key items at least as often")
            .isGreaterThanOrEqualTo(ratio);
        previous = ratio;
      }
      assertThat(ratio(CLASSES.get(c), "high", "general")).isGreaterThan(ratio(CLASSES.get(c), "low", "general"));
    }
  }

  double ratio(String creditClass, String level, String kind) {
    return (Double) decisions.evaluateDecisionByKey("sampling-ratio")
        .variables(Map.of("creditClass", creditClass, "riskLevel", level, "itemKind", kind)).evaluate()
        .getSingleResult().getEntry("ratio");
  }

  @Test
  void anUnknownCreditClassOrRiskLevelMatchesNoRule() {
    assertThat(decisions.evaluateDecisionByKey("sampling-ratio")
        .variables(Map.of("creditClass", "E", "riskLevel", "low", "itemKind", "general")).evaluate()
        .getSingleResult()).isNull();
    assertThat(decisions.evaluateDecisionByKey("sampling-ratio")
        .variables(Map.of("creditClass", "B", "riskLevel", "extreme", "itemKind", "general")).evaluate()
        .getSingleResult()).isNull();
    assertThatThrownBy(() -> decisions.evaluateDecisionByKey("nonexistent").evaluate())
        .hasMessageContaining("nonexistent");
  }
}
