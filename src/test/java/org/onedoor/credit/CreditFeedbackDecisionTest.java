package org.onedoor.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.platform.DecisionRules;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/credit-feedback.dmn: every rule, and the rule and row DecisionRules reports for it. */
@OnedoorSpringTest
class CreditFeedbackDecisionTest {

  @Autowired DecisionRules rules;
  @Autowired RepositoryService repository;

  static final Set<String> HIT = new HashSet<>();

  @ParameterizedTest(name = "{0} {1} ({2}{3}, {4} clean) -> {5}: class {6}, level {7}, {8}")
  @CsvSource(nullValues = "~", value = {
    "listing,       LISTED,         B, medium, 0, Feedback_listed,            D,       high,    immediate",
    "listing,       LISTED,         A, low,    0, Feedback_listed,            D,       high,    immediate",
    "listing,       SERIOUS_LISTED, D, high,   0, Feedback_seriousListed,     D,       high,    immediate",
    "listing,       REVOKED,        D, high,   0, Feedback_revoked,           restore, restore, immediate",
    "removal,       REMOVED,        D, high,   0, Feedback_removed,           restore, restore, monthly",
    "result,        C,              B, low,    0, Feedback_falseOrObstructing, worse,  high,    immediate",
    "result,        8,              A, medium, 0, Feedback_falseOrObstructing, worse,  high,    immediate",
    "result,        A,              B, medium, 0, Feedback_problemPending,    worse,   higher,  monthly",
    "result,        A,              D, high,   0, Feedback_problemPending,    worse,   higher,  monthly",
    "result,        D,              B, medium, 0, Feedback_problemFound,      ~,       higher,  monthly",
    "result,        B,              B, medium, 0, Feedback_problemFound,      ~,       higher,  monthly",
    "result,        6,              B, low,    0, Feedback_problemFound,      ~,       higher,  monthly",
    "result,        G,              C, high,   0, Feedback_problemFound,      ~,       higher,  monthly",
    "result,        E,              B, low,    0, Feedback_problemCorrected,  ~,       higher,  monthly",
    "result,        1,              B, high,   3, Feedback_cleanInARow,       ~,       lower,   monthly",
    "result,        1,              B, medium, 5, Feedback_cleanInARow,       ~,       lower,   monthly",
    "result,        1,              B, high,   2, Feedback_nothing,           ~,       ~,       none",
    "result,        F,              B, medium, 0, Feedback_nothing,           ~,       ~,       none",
    "rectification, A,              B, medium, 0, Feedback_notCorrected,      ~,       high,    monthly",
    "rectification, E,              B, medium, 0, Feedback_nothing,           ~,       ~,       none",
    "warning,       targeted,       B, low,    0, Feedback_warningTargeted,   ~,       ~,       none",
    "warning,       handled,        B, low,    0, Feedback_warningHandled,    ~,       higher,  monthly",
    "warning,       unfounded,      B, low,    0, Feedback_nothing,           ~,       ~,       none",
    "warning,       targeted-rejected, B, low, 0, Feedback_nothing,           ~,       ~,       none",
    "listing,       OBJECTION_REJECTED, D, high, 0, Feedback_nothing,         ~,       ~,       none"
  })
  void eachCauseProposesItsChange(String cause, String outcome, String creditClass, String riskLevel, int clean,
      String rule, String newClass, String newLevel, String effective) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("cause", cause);
    variables.put("outcome", outcome);
    variables.put("creditClass", creditClass);
    variables.put("riskLevel", riskLevel);
    variables.put("cleanResults", clean);
    DecisionRules.Evaluation evaluation = rules.evaluate(CreditFeedback.DECISION, variables);
    DmnDecisionResultEntries result = evaluation.single();

    assertThat(evaluation.rule().id()).isEqualTo(rule);
    assertThat(evaluation.rule().row()).isEqualTo(rowOf(rule));
    assertThat(evaluation.decisionVersion()).isPositive();
    assertThat((String) result.getEntryMap().get("newCreditClass")).isEqualTo(newClass);
    assertThat((String) result.getEntryMap().get("newRiskLevel")).isEqualTo(newLevel);
    assertThat((String) result.getEntry("effective")).isEqualTo(effective);
    assertThat((String) result.getEntry("reason")).isNotBlank();
    HIT.add(rule);
  }

  @Test
  void theTableIsFirstHitAndEndsWithACatchAll() {
    DmnModelInstance model = model();
    assertThat(model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.DecisionTable.class))
        .singleElement().satisfies(t -> assertThat(t.getHitPolicy().name()).isEqualTo("FIRST"));
    Rule last = model.getModelElementsByType(Rule.class).stream().reduce((a, b) -> b).orElseThrow();
    assertThat(last.getId()).isEqualTo("Feedback_nothing");
    assertThat(last.getInputEntries()).allSatisfy(e -> assertThat(e.getTextContent()).isBlank());
  }

  /** Every rule of the table is exercised above (run with the parameterized test, as the class runs). */
  @AfterAll
  static void everyRuleWasHit(@Autowired RepositoryService repository) {
    if (HIT.isEmpty()) {
      return; // a single method was run
    }
    DmnModelInstance model = model(repository);
    assertThat(HIT).containsExactlyInAnyOrderElementsOf(
        model.getModelElementsByType(Rule.class).stream().map(Rule::getId).toList());
  }

  int rowOf(String ruleId) {
    var ids = model().getModelElementsByType(Rule.class).stream().map(Rule::getId).toList();
    return ids.indexOf(ruleId) + 1;
  }

  DmnModelInstance model() {
    return model(repository);
  }

  static DmnModelInstance model(RepositoryService repository) {
    String id = repository.createDecisionDefinitionQuery().decisionDefinitionKey(CreditFeedback.DECISION)
        .latestVersion().singleResult().getId();
    return repository.getDmnModelInstance(id);
  }
}
