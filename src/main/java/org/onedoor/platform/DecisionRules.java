package org.onedoor.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Evaluates a deployed decision table and says which rules matched: their ids and their rows
 * (1-based, in the table's order) and the version of the decision that was deployed. The engine's
 * {@link DecisionService} returns only the outputs; the rules come from a decision-table listener
 * that {@link DecisionRulesPlugin} registers with the engine's DMN engine, captured for the calling
 * thread only while {@link #evaluate} runs (a business-rule task elsewhere leaves nothing behind).
 *
 * <p>Why: a draw record names the rule row of {@code sampling-ratio.dmn} behind each stratum, and a
 * credit change names the rule of {@code credit-feedback.dmn} that proposed it (issue 15).
 */
@Service
public class DecisionRules {

  /** A matched rule: its id in the model and its row, counted from 1. */
  public record Rule(String id, int row) {}

  /**
   * The outcome of one evaluation.
   *
   * @param results one entry per matched rule (hit policy FIRST or UNIQUE: at most one)
   * @param rules the matched rules, in the order of {@code results}
   * @param decisionVersion the deployed version of the decision that was evaluated
   */
  public record Evaluation(String decisionKey, int decisionVersion, List<DmnDecisionResultEntries> results,
      List<Rule> rules) {

    /** The single result (FIRST/UNIQUE), or null when no rule matched. */
    public DmnDecisionResultEntries single() {
      return results.isEmpty() ? null : results.get(0);
    }

    /** The rule of {@link #single()}, or null when no rule matched. */
    public Rule rule() {
      return rules.isEmpty() ? null : rules.get(0);
    }
  }

  private static final ThreadLocal<Captured> CAPTURED = new ThreadLocal<>();

  private static final class Captured {
    final List<Rule> rules = new ArrayList<>();
    int version;
    boolean seen;
  }

  private final DecisionService decisions;

  public DecisionRules(@Lazy DecisionService decisions) {
    this.decisions = decisions;
  }

  public Evaluation evaluate(String decisionKey, Map<String, Object> variables) {
    Captured captured = new Captured();
    Captured outer = CAPTURED.get();
    CAPTURED.set(captured);
    DmnDecisionResult result;
    try {
      result = decisions.evaluateDecisionByKey(decisionKey).variables(variables).evaluate();
    } finally {
      if (outer == null) {
        CAPTURED.remove();
      } else {
        CAPTURED.set(outer);
      }
    }
    if (!captured.seen) {
      throw new IllegalStateException("decision " + decisionKey + " was evaluated without the rule listener of "
          + DecisionRulesPlugin.class.getSimpleName() + ": is it registered with the engine?");
    }
    return new Evaluation(decisionKey, captured.version, List.copyOf(result),
        List.copyOf(captured.rules));
  }

  /** Registered with the engine's DMN engine by {@link DecisionRulesPlugin}. */
  static void register(DefaultDmnEngineConfiguration dmn) {
    List<DmnDecisionTableEvaluationListener> listeners = new ArrayList<>(
        dmn.getCustomPostDecisionTableEvaluationListeners() == null ? List.of()
            : dmn.getCustomPostDecisionTableEvaluationListeners());
    listeners.add(DecisionRules::capture);
    dmn.setCustomPostDecisionTableEvaluationListeners(listeners);
  }

  private static void capture(DmnDecisionTableEvaluationEvent event) {
    Captured captured = CAPTURED.get();
    if (captured == null || captured.seen) {
      return; // not ours, or a required decision evaluated after the one asked for
    }
    captured.seen = true;
    DmnDecision decision = event.getDecisionTable();
    if (decision instanceof DecisionDefinition definition) {
      captured.version = definition.getVersion();
    }
    List<DmnDecisionTableRuleImpl> all = decision.getDecisionLogic() instanceof DmnDecisionTableImpl table
        ? table.getRules() : List.of();
    for (DmnEvaluatedDecisionRule matched : event.getMatchingRules()) {
      int row = 0;
      for (int i = 0; i < all.size(); i++) {
        if (matched.getId().equals(all.get(i).getId())) {
          row = i + 1;
          break;
        }
      }
      captured.rules.add(new Rule(matched.getId(), row));
    }
  }
}
