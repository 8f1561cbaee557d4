package org.onedoor.monitoring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.onedoor.monitoring.MonitoringProperties.Indicator;
import org.onedoor.monitoring.MonitoringProperties.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The rules of a monitoring source, read from its DMN table (officials edit it; a new version applies
 * within {@link #RECHECK} — the newest version is looked up at most that often, not on every request): the
 * engine evaluates the table once per indicator and deployed version, and the
 * readings are compared with the rules' limits in bulk — 340,000 readings need a dozen DMN evaluations,
 * not 340,000. A row the intake cannot use (an unknown check, no limit) is left out with a WARN naming it,
 * so a bad edit never loses readings.
 */
@Component
class MonitoringRules {

  private static final Logger log = LoggerFactory.getLogger(MonitoringRules.class);

  enum Check {
    ABOVE,
    BELOW,
    MISSING
  }

  /**
   * One rule as it applies to one indicator.
   *
   * @param deviations for ABOVE/BELOW: how many deviations within {@code days} days raise a warning
   * @param days for ABOVE/BELOW: the window (1 when one deviation is enough); for MISSING: days without a reading
   */
  record Rule(String source, String code, String name, String indicator, Check check, Double limit, int deviations,
      int days, String level) {

    boolean deviates(double value) {
      return check == Check.ABOVE ? value > limit : check == Check.BELOW && value < limit;
    }
  }

  /** How long a source's rules are used before the newest deployed version is looked up again. */
  static final java.time.Duration RECHECK = java.time.Duration.ofSeconds(30);

  /** A source's rules for one deployed version of its table, and when the version was looked up (System.nanoTime). */
  private record Cached(String definitionId, List<Rule> rules, long checkedAt) {}

  private final DecisionService decisions;
  private final RepositoryService repository;
  private final IdentityService identity;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  MonitoringRules(DecisionService decisions, RepositoryService repository, IdentityService identity) {
    this.decisions = decisions;
    this.repository = repository;
    this.identity = identity;
  }

  /** Forgets the rules read, so that the next intake looks up the newest version at once (tests, a redeployment). */
  void forget() {
    cache.clear();
  }

  /** The rules of {@code source} in its table's newest version; empty when the table is not deployed. */
  List<Rule> of(Source source) {
    Cached fresh = cache.get(source.code());
    if (fresh != null && System.nanoTime() - fresh.checkedAt() < RECHECK.toNanos()) {
      return fresh.rules();
    }
    return asApplication(() -> {
      DecisionDefinition definition = repository.createDecisionDefinitionQuery()
          .decisionDefinitionKey(source.decision()).latestVersion().singleResult();
      if (definition == null) {
        log.warn("monitoring source {}: rule table {} is not deployed; readings are stored, no rule applies",
            source.code(), source.decision());
        return List.of();
      }
      Cached cached = cache.get(source.code());
      List<Rule> rules = cached != null && cached.definitionId().equals(definition.getId()) ? cached.rules()
          : read(source, definition.getId());
      cache.put(source.code(), new Cached(definition.getId(), rules, System.nanoTime()));
      return rules;
    });
  }

  private List<Rule> read(Source source, String definitionId) {
    List<Rule> rules = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (Indicator indicator : source.indicators()) {
      DmnDecisionResult result = decisions.evaluateDecisionById(definitionId)
          .variables(Map.of("indicator", indicator.code())).evaluate();
      for (DmnDecisionResultEntries row : result) {
        Rule rule = rule(source, indicator.code(), row);
        if (rule != null) {
          rules.add(rule);
          codes.add(rule.code());
        }
      }
    }
    log.info("monitoring source {}: {} rules ({} rows) from {}", source.code(), codes.size(), rules.size(), definitionId);
    return List.copyOf(rules);
  }

  /** A row as a rule for {@code indicator}, or null (with a WARN) when it cannot be used. */
  static Rule rule(Source source, String indicator, Map<String, Object> row) {
    String code = text(row.get("ruleCode"));
    String name = text(row.get("ruleName"));
    String check = text(row.get("check"));
    String level = text(row.get("level"));
    Double limit = row.get("limit") instanceof Number n ? n.doubleValue() : null;
    Integer deviations = row.get("deviations") instanceof Number n ? n.intValue() : null;
    Integer days = row.get("days") instanceof Number n ? n.intValue() : null;
    String problem = null;
    Check kind = null;
    if (code == null || !code.matches("[A-Za-z0-9_.-]{1,40}")) {
      problem = "ruleCode must be 1-40 letters, digits, . _ -";
    } else if (name == null || name.length() > 200) {
      problem = "ruleName is required (at most 200 characters)";
    } else if (level == null || !Set.of("high", "medium", "low").contains(level)) {
      problem = "level must be high, medium or low";
    } else if (check == null || !Set.of("above", "below", "missing").contains(check)) {
      problem = "check must be above, below or missing";
    } else {
      kind = Check.valueOf(check.toUpperCase(java.util.Locale.ROOT));
      if (kind == Check.MISSING) {
        if (days == null || days < 1) {
          problem = "a missing-report rule needs days >= 1";
        }
      } else if (limit == null || !Double.isFinite(limit)) {
        problem = "a threshold rule needs a limit";
      } else if (deviations != null && deviations > 1 && (days == null || days < 1)) {
        problem = "a rule of repeated deviations needs days >= 1";
      } else if (deviations != null && deviations < 1) {
        problem = "deviations must be at least 1";
      }
    }
    if (problem != null) {
      log.warn("monitoring source {}: rule {} for {} left out: {}", source.code(), code, indicator, problem);
      return null;
    }
    int count = deviations == null ? 1 : deviations;
    return new Rule(source.code(), code, name, indicator, kind, limit, count,
        kind == Check.MISSING ? days : count == 1 ? 1 : days, level);
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }

  /** Engine calls as the application: a platform's account holds no engine permissions. */
  private <T> T asApplication(java.util.function.Supplier<T> work) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }
}
