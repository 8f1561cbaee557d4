package org.onedoor.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.monitoring.MonitoringProperties.Source;
import org.onedoor.monitoring.MonitoringRules.Check;
import org.onedoor.monitoring.MonitoringRules.Rule;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/monitoring-drug-production.dmn: the rules of the drug-production monitoring source. */
@OnedoorSpringTest
class MonitoringDrugProductionDecisionTest {

  static final String DECISION = "monitoring-drug-production";

  @Autowired DecisionService decisions;
  @Autowired MonitoringSources sources;
  @Autowired MonitoringRules rules;

  private DmnDecisionResult evaluate(String indicator) {
    return decisions.evaluateDecisionByKey(DECISION).variables(Map.of("indicator", indicator)).evaluate();
  }

  @ParameterizedTest(name = "{0}: {1} {2} {3}, {4} deviations in {5} days, {6}")
  @CsvSource({
    "cleanroom-temperature,     DP-01, above, 26,   3, 30, medium",
    "cleanroom-temperature,     DP-02, below, 18,   3, 30, low",
    "cleanroom-humidity,        DP-03, above, 65,   3, 30, medium",
    "pressure-difference,       DP-04, below, 10,   1,   , high",
    "particles,                 DP-05, above, 3520, 1,   , high",
    "water-conductivity,        DP-06, above, 5.1,  2,  7, medium",
    "water-toc,                 DP-07, above, 500,  1,   , medium",
    "cold-storage-temperature,  DP-08, above, 8,    1,   , high",
    "cold-storage-temperature,  DP-09, below, 2,    1,   , high",
    "sterilization-temperature, DP-10, below, 121,  1,   , high"
  })
  void everyIndicatorHasItsThresholdRules(String indicator, String code, String check, double limit, int deviations,
      Integer days, String level) {
    DmnDecisionResultEntries row = evaluate(indicator).stream()
        .filter(r -> code.equals(r.get("ruleCode"))).findFirst().orElseThrow();
    // an empty cell is no entry at all
    assertThat(row.get("check")).isEqualTo(check);
    assertThat(row.get("limit")).isEqualTo(limit);
    assertThat(row.get("deviations")).isEqualTo(deviations);
    assertThat(row.get("days")).isEqualTo(days);
    assertThat(row.get("level")).isEqualTo(level);
    assertThat((String) row.get("ruleName")).isNotBlank();
  }

  @Test
  void everyIndicatorHasTheMissingReportRuleAndAnUnknownOneOnlyThat() {
    Source source = sources.find("drug-production").orElseThrow();
    for (var indicator : source.indicators()) {
      assertThat(evaluate(indicator.code()).stream().map(r -> r.get("ruleCode")))
          .as(indicator.code()).contains("DP-11");
    }
    DmnDecisionResult unknown = evaluate("noise");
    assertThat(unknown).hasSize(1);
    assertThat(unknown.getSingleResult().get("check")).isEqualTo("missing");
    assertThat(unknown.getSingleResult().get("days")).isEqualTo(3);
    assertThat(unknown.getSingleResult().get("limit")).isNull();
  }

  @Test
  void theTableReadsAsRulesOfConfiguredIndicatorsWithUniqueCodes() {
    Source source = sources.find("drug-production").orElseThrow();
    List<Rule> all = rules.of(source);
    Set<String> indicators = new HashSet<>();
    source.indicators().forEach(i -> indicators.add(i.code()));
    assertThat(all).allSatisfy(r -> assertThat(indicators).contains(r.indicator()));
    Map<String, Set<String>> indicatorsByCode = new HashMap<>();
    all.forEach(r -> indicatorsByCode.computeIfAbsent(r.code(), k -> new HashSet<>()).add(r.indicator()));
    assertThat(indicatorsByCode).hasSize(11);
    // a threshold rule is one indicator's; the missing-report rule covers all eight
    indicatorsByCode.forEach((code, of) -> assertThat(of).as(code).hasSize(code.equals("DP-11") ? 8 : 1));
    assertThat(all.stream().filter(r -> r.check() == Check.MISSING)).allSatisfy(r -> assertThat(r.days()).isEqualTo(3));
    Rule conductivity = all.stream().filter(r -> r.code().equals("DP-06")).findFirst().orElseThrow();
    assertThat(conductivity.deviates(5.2)).isTrue();
    assertThat(conductivity.deviates(5.1)).isFalse();
    Rule sterilization = all.stream().filter(r -> r.code().equals("DP-10")).findFirst().orElseThrow();
    assertThat(sterilization.deviates(120.9)).isTrue();
    assertThat(sterilization.deviates(121)).isFalse();
  }

  @Test
  void aRowTheIntakeCannotUseIsLeftOut() {
    Source source = sources.find("drug-production").orElseThrow();
    Map<String, Object> noLimit = new HashMap<>(Map.of("ruleCode", "X-1", "ruleName", "无限值", "check", "above",
        "deviations", 1, "level", "high"));
    assertThat(MonitoringRules.rule(source, "particles", noLimit)).isNull();
    Map<String, Object> badCheck = new HashMap<>(Map.of("ruleCode", "X-2", "ruleName", "未知方式", "check", "between",
        "limit", 1.0, "level", "high"));
    assertThat(MonitoringRules.rule(source, "particles", badCheck)).isNull();
    Map<String, Object> repeatedWithoutWindow = new HashMap<>(Map.of("ruleCode", "X-3", "ruleName", "无窗口",
        "check", "above", "limit", 1.0, "deviations", 3, "level", "low"));
    assertThat(MonitoringRules.rule(source, "particles", repeatedWithoutWindow)).isNull();
    Map<String, Object> good = new HashMap<>(Map.of("ruleCode", "X-4", "ruleName", "可用", "check", "below",
        "limit", 1.0, "level", "low"));
    assertThat(MonitoringRules.rule(source, "particles", good)).isEqualTo(
        new Rule("drug-production", "X-4", "可用", "particles", Check.BELOW, 1.0, 1, 1, "low"));
  }
}
