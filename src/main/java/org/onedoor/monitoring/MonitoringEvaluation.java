package org.onedoor.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.credit.RiskWarningService;
import org.onedoor.credit.RiskWarningService.RuleWarning;
import org.onedoor.directory.EntityDirectory;
import org.onedoor.directory.EntityDirectory.NameAndStatus;
import org.onedoor.monitoring.MonitoringProperties.Indicator;
import org.onedoor.monitoring.MonitoringProperties.Source;
import org.onedoor.monitoring.MonitoringRules.Check;
import org.onedoor.monitoring.MonitoringRules.Rule;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a source's rules (its DMN table, {@link MonitoringRules}) and raises warnings through
 * {@link RiskWarningService#raise} — which keeps at most one open warning per business and rule.
 *
 * <ul>
 *   <li><b>Thresholds and repeated deviations</b>, on each intake: a reading above (below) a rule's limit is a
 *       deviation, written once to {@code monitoring_deviation}. Only deviations new to the table trigger: a
 *       new deviation raises a warning when a window of the rule's days holding it (ending at it, or at a
 *       later deviation — readings arrive late) holds the rule's count of deviations of the same business
 *       and rule. A re-upload finds its deviations already there and raises nothing, even after the warning
 *       was closed.
 *   <li><b>Missing reports</b>, daily ({@link #checkSilence}): a series (business, indicator) whose last reading
 *       is older than the rule's days raises one warning per business and silence, naming the silent indicators.
 * </ul>
 *
 * Businesses deregistered, revoked or moved out are not warned about (their readings are still stored).
 */
@Service
public class MonitoringEvaluation {

  /** Readings quoted in a warning's description, the most recent first. */
  static final int QUOTED = 5;

  private final MonitoringRules rules;
  private final MonitoringSources sources;
  private final MonitoringStore store;
  private final RiskWarningService warnings;
  private final EntityDirectory directory;
  private final DateTimeFormatter time;

  MonitoringEvaluation(MonitoringRules rules, MonitoringSources sources, MonitoringStore store,
      RiskWarningService warnings, EntityDirectory directory, CalendarProperties calendar) {
    this.rules = rules;
    this.sources = sources;
    this.store = store;
    this.warnings = warnings;
    this.directory = directory;
    ZoneId zone = calendar.zone();
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
  }

  /** A reading outside a rule's limit. */
  record Deviation(Rule rule, String uscc, String indicator, Instant at, double value) {
    DeviationKey key() {
      return new DeviationKey(rule.code(), uscc, indicator, at);
    }
  }

  record DeviationKey(String rule, String uscc, String indicator, Instant at) {}

  /** Evaluates the threshold rules on the readings of an intake (its transaction); returns warnings raised. */
  int onReadings(List<Reading> readings, Map<String, NameAndStatus> names, Instant now) {
    Map<String, List<Reading>> bySource = new LinkedHashMap<>();
    readings.forEach(r -> bySource.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r));
    List<RuleWarning> raised = new ArrayList<>();
    for (Map.Entry<String, List<Reading>> entry : bySource.entrySet()) {
      Source source = sources.find(entry.getKey()).orElseThrow();
      Map<String, List<Rule>> byIndicator = new HashMap<>();
      for (Rule rule : rules.of(source)) {
        if (rule.check() != Check.MISSING) {
          byIndicator.computeIfAbsent(rule.indicator(), k -> new ArrayList<>()).add(rule);
        }
      }
      if (byIndicator.isEmpty()) {
        continue;
      }
      List<Deviation> candidates = new ArrayList<>();
      for (Reading r : entry.getValue()) {
        for (Rule rule : byIndicator.getOrDefault(r.indicator(), List.of())) {
          if (rule.deviates(r.value())) {
            candidates.add(new Deviation(rule, r.uscc(), r.indicator(), r.measuredAt(), r.value()));
          }
        }
      }
      if (!candidates.isEmpty()) {
        raised.addAll(deviations(source, candidates, names));
      }
    }
    return warnings.raise(raised, now);
  }

  /** Writes the new deviations and returns the warnings their rules call for. */
  private List<RuleWarning> deviations(Source source, List<Deviation> candidates, Map<String, NameAndStatus> names) {
    int longestWindow = candidates.stream().mapToInt(d -> d.rule().days()).max().orElse(1);
    // a late reading may complete a window that ends at a later deviation: look both ways
    Instant from = candidates.stream().map(Deviation::at).min(Comparator.naturalOrder()).orElseThrow()
        .minus(Duration.ofDays(longestWindow));
    Instant to = candidates.stream().map(Deviation::at).max(Comparator.naturalOrder()).orElseThrow()
        .plus(Duration.ofDays(longestWindow));
    Set<String> usccs = new HashSet<>();
    candidates.forEach(d -> usccs.add(d.uscc()));
    // what is stored around the new deviations: to tell the new ones, and to count the windows
    Map<DeviationKey, Double> stored = store.deviations(source.code(), usccs, from, to);
    Map<DeviationKey, Deviation> fresh = new LinkedHashMap<>();
    for (Deviation d : candidates) {
      if (!stored.containsKey(d.key())) {
        fresh.putIfAbsent(d.key(), d);
      }
    }
    if (fresh.isEmpty()) {
      return List.of();
    }
    store.insertDeviations(source.code(), fresh.values());
    // per business and rule, every deviation known in the span, in time order
    Map<String, TreeMap<Instant, Deviation>> series = new HashMap<>();
    Map<String, Rule> ruleByCode = new HashMap<>();
    candidates.forEach(d -> ruleByCode.put(d.rule().code(), d.rule()));
    stored.forEach((k, value) -> {
      Rule rule = ruleByCode.get(k.rule());
      if (rule != null) {
        series.computeIfAbsent(k.rule() + "|" + k.uscc(), x -> new TreeMap<>())
            .put(k.at(), new Deviation(rule, k.uscc(), k.indicator(), k.at(), value));
      }
    });
    fresh.values().forEach(d -> series.computeIfAbsent(d.rule().code() + "|" + d.uscc(), x -> new TreeMap<>())
        .put(d.at(), d));
    // a new deviation triggers when a window holding it — ending at it or at a later deviation less than
    // the rule's days after it — holds the rule's count; per business and rule the latest such window decides
    Map<String, List<Deviation>> hits = new LinkedHashMap<>();
    for (Deviation d : fresh.values()) {
      String key = d.rule().code() + "|" + d.uscc();
      TreeMap<Instant, Deviation> all = series.get(key);
      Duration days = Duration.ofDays(d.rule().days());
      for (Deviation end : all.subMap(d.at(), true, d.at().plus(days), false).values()) {
        List<Deviation> window = new ArrayList<>(all.subMap(end.at().minus(days), false, end.at(), true).values());
        if (window.size() >= d.rule().deviations()) {
          List<Deviation> before = hits.get(key);
          if (before == null || before.get(before.size() - 1).at().isBefore(end.at())) {
            hits.put(key, window);
          }
        }
      }
    }
    List<RuleWarning> raised = new ArrayList<>();
    for (List<Deviation> window : hits.values()) {
      Deviation last = window.get(window.size() - 1);
      NameAndStatus entity = names.get(last.uscc());
      if (entity == null || !entity.operating()) {
        continue;
      }
      raised.add(new RuleWarning(last.uscc(), entity.name(), source.department(), source.code(), last.rule().code(),
          last.rule().name(), last.rule().level(), describe(source, last.rule(), window)));
    }
    return raised;
  }

  /** e.g. 药品生产在线监测：冷库温度超过上限（规则 DP-08：高于 8 ℃）。读数：2026-03-02 08:00 9.4 ℃。 */
  String describe(Source source, Rule rule, List<Deviation> window) {
    Indicator indicator = MonitoringSources.indicator(source, rule.indicator()).orElseThrow();
    String unit = indicator.unit() == null ? "" : " " + indicator.unit();
    StringBuilder text = new StringBuilder(source.name()).append("：").append(rule.name()).append("（规则 ")
        .append(rule.code()).append("：").append(indicator.name())
        .append(rule.check() == Check.ABOVE ? "高于 " : "低于 ").append(ReadingParser.plain(rule.limit())).append(unit);
    if (rule.deviations() > 1) {
      text.append("，").append(rule.days()).append(" 日内达 ").append(rule.deviations()).append(" 次");
    }
    text.append("）。");
    List<Deviation> quoted = new ArrayList<>(window);
    quoted.sort(Comparator.comparing(Deviation::at).reversed());
    text.append(window.size() > 1 ? "窗口内偏离 " + window.size() + " 次，最近读数：" : "读数：");
    for (int i = 0; i < Math.min(QUOTED, quoted.size()); i++) {
      Deviation d = quoted.get(i);
      text.append(i == 0 ? "" : "；").append(time.format(d.at())).append(" ").append(ReadingParser.plain(d.value()))
          .append(unit);
    }
    return text.append("。").toString();
  }

  /**
   * The daily check of missing reports, as of {@code now}: per source with a missing-report rule, each series
   * silent for longer than its rule's days, not yet warned about for this silence, is claimed (so two nodes
   * never warn twice) and one warning per business and rule names its silent indicators. Returns warnings raised.
   */
  @Transactional
  public int checkSilence(Instant now) {
    List<RuleWarning> raised = new ArrayList<>();
    for (Source source : sources.all()) {
      Map<String, Rule> missing = new HashMap<>();
      for (Rule rule : rules.of(source)) {
        if (rule.check() == Check.MISSING) {
          missing.putIfAbsent(rule.indicator(), rule);
        }
      }
      if (missing.isEmpty()) {
        continue;
      }
      // per business and rule code (the rule holds one indicator; its warning names them all)
      Map<String, Map<String, List<MonitoringStore.Series>>> silent = new LinkedHashMap<>();
      int shortest = missing.values().stream().mapToInt(Rule::days).min().orElseThrow();
      for (MonitoringStore.Series s : store.silentSince(source.code(), now.minus(Duration.ofDays(shortest)))) {
        Rule rule = missing.get(s.indicator());
        if (rule == null || s.lastAt() == null || !s.lastAt().isBefore(now.minus(Duration.ofDays(rule.days())))
            || (s.warnedFor() != null && !s.warnedFor().isBefore(s.lastAt()))) {
          continue;
        }
        if (store.claimSilence(s)) {
          silent.computeIfAbsent(s.uscc(), k -> new LinkedHashMap<>())
              .computeIfAbsent(rule.code(), k -> new ArrayList<>()).add(s);
        }
      }
      if (silent.isEmpty()) {
        continue;
      }
      Map<String, NameAndStatus> names = directory.namesOf(silent.keySet());
      silent.forEach((uscc, byRule) -> byRule.forEach((code, series) -> {
        Rule rule = missing.get(series.get(0).indicator());
        NameAndStatus entity = names.get(uscc);
        if (entity != null && entity.operating()) {
          raised.add(new RuleWarning(uscc, entity.name(), source.department(), source.code(), rule.code(),
              rule.name(), rule.level(), describeSilence(source, rule, series)));
        }
      }));
    }
    return warnings.raise(raised, now);
  }

  private String describeSilence(Source source, Rule rule, List<MonitoringStore.Series> series) {
    StringBuilder text = new StringBuilder(source.name()).append("：").append(rule.name()).append("（规则 ")
        .append(rule.code()).append("：连续 ").append(rule.days()).append(" 日没有数据）。");
    List<MonitoringStore.Series> sorted = new ArrayList<>(series);
    sorted.sort(Comparator.comparing(MonitoringStore.Series::indicator));
    for (int i = 0; i < sorted.size(); i++) {
      MonitoringStore.Series s = sorted.get(i);
      String name = MonitoringSources.indicator(source, s.indicator()).map(Indicator::name).orElse(s.indicator());
      text.append(i == 0 ? "" : "；").append(name).append(" 最后一次 ").append(time.format(s.lastAt()));
    }
    return text.append("。").toString();
  }
}
