package org.onedoor.draw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.onedoor.catalog.CatalogService;
import org.onedoor.catalog.ItemKind;
import org.onedoor.directory.EntityPopulation;
import org.onedoor.directory.InspectorPool;
import org.onedoor.draw.DrawAlgorithmV1.FrozenPopulation;
import org.onedoor.draw.DrawAlgorithmV1.FrozenStratum;
import org.onedoor.draw.DrawAlgorithmV1.StratumInput;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.Plan;
import org.onedoor.plan.Plans.PopulationFilter;
import org.onedoor.platform.DecisionRules;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The three steps of a verifiable draw, each once per plan batch, in this order (ARCHITECTURE.md):
 * <ol>
 *   <li>{@link #commit}: at publication, a secret nonce is drawn and only its SHA-256 published;
 *   <li>{@link #freeze}: on the draw date, the eligible population is fixed per stratum (the rule
 *       row of credit class × risk level, {@link #strata}) and its hash published, with the number
 *       excluded and why;
 *   <li>{@link #draw}: with the beacon entered after the freeze, the draw runs, its record (nonce
 *       included) is published, and the selections count towards each entity's yearly cap.
 * </ol>
 * The nonce is kept in an internal table and never logged. Each public step is a domain event
 * published inside its transaction ({@link DrawCommitted}, {@link DrawFrozen}, {@link DrawPublished}):
 * the public site reads its own projection of them, never these tables.
 */
@Service
public class DrawService {

  static final String COMMITTED = "COMMITTED";
  static final String FROZEN = "FROZEN";
  static final String DRAWN = "DRAWN";
  /** Statuses that are never drawn (R4): nobody can be inspected there any more. */
  static final List<String> NEVER_ELIGIBLE = List.of("deregistered", "revoked", "moved_out");
  static final String EXCLUDED_AT_YEARLY_CAP = "yearlyCap";
  static final BigDecimal PUBLIC_INFORMATION_FLOOR = new BigDecimal("0.03");
  static final List<String> STRATA = List.of("A", "B", "C", "D");
  static final List<String> RISK_LEVELS = List.of("low", "medium", "high");
  static final String SAMPLING_RATIO = "sampling-ratio";

  /** Counts of entities the filter matched but the draw may not include, by reason. */
  public record Freeze(String planNumber, int batch, String populationHash, Map<String, Integer> strataSizes,
      Map<String, Integer> excluded, Instant frozenAt) {}

  private final JdbcClient jdbc;
  private final PlanService plans;
  private final CatalogService catalog;
  private final EntityPopulation population;
  private final DecisionRules rules;
  private final InspectorPool pool;
  private final ObjectMapper json;
  private final ApplicationEventPublisher events;
  private final org.onedoor.directory.InspectorAccounts accounts;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DrawService.class);

  public DrawService(JdbcClient jdbc, PlanService plans, CatalogService catalog, EntityPopulation population,
      DecisionRules rules, InspectorPool pool, ObjectMapper json, ApplicationEventPublisher events,
      org.onedoor.directory.InspectorAccounts accounts) {
    this.accounts = accounts;
    this.events = events;
    this.pool = pool;
    this.jdbc = jdbc;
    this.plans = plans;
    this.catalog = catalog;
    this.population = population;
    this.rules = rules;
    this.json = json;
  }

  public static String drawId(String planNumber, int batch) {
    return planNumber + "-b" + batch;
  }

  /** Step 1. Idempotent: a second call returns the same commitment and never a new nonce. */
  @Transactional
  public DrawRecord.Commitment commit(String planNumber, int batch, Instant now) {
    Plan plan = plans.get(planNumber);
    requireBatch(plan, batch);
    Optional<String> existing = jdbc.sql("SELECT commitment FROM draw_commitment WHERE plan_number = :p AND batch = :b")
        .param("p", planNumber).param("b", batch).query(String.class).optional();
    if (existing.isPresent()) {
      return new DrawRecord.Commitment(DrawAlgorithmV1.V2, planNumber, batch, existing.get());
    }
    byte[] nonce = DrawAlgorithmV1.newNonce();
    DrawRecord.Commitment commitment = DrawRecord.Commitment.of(planNumber, batch, nonce);
    jdbc.sql("INSERT INTO draw_commitment (plan_number, batch, nonce_hex, commitment, committed_at)"
            + " VALUES (:p, :b, :n, :c, :at)")
        .param("p", planNumber).param("b", batch).param("n", HexFormat.of().formatHex(nonce))
        .param("c", commitment.commitment()).param("at", Timestamp.from(now)).update();
    jdbc.sql("INSERT INTO draw_publication (id, plan_number, batch, state, public_json, published_at)"
            + " VALUES (:id, :p, :b, :state, :json, :at)")
        .param("id", drawId(planNumber, batch)).param("p", planNumber).param("b", batch).param("state", COMMITTED)
        .param("json", write(commitment)).param("at", Timestamp.from(now)).update();
    events.publishEvent(new DrawCommitted(drawId(planNumber, batch), planNumber, batch, commitment.commitment(),
        write(commitment), now));
    return commitment;
  }

  /** Step 2: fixes the eligible population of the batch. Once only. */
  @Transactional
  public Freeze freeze(String planNumber, int batch, Instant now) {
    Plan plan = plans.get(planNumber);
    requireBatch(plan, batch);
    if (commitmentOf(planNumber, batch).isEmpty()) {
      throw new ConflictException("批次 " + batch + " 尚未发布抽取承诺值，不能冻结名单");
    }
    if (frozen(planNumber, batch).isPresent()) {
      throw new ConflictException("批次 " + batch + " 的待抽取名单已冻结");
    }
    Strata strata = strata(plan);
    Map<String, Integer> drawnThisYear = new HashMap<>();
    jdbc.sql("SELECT uscc, COUNT(*) AS n FROM draw_selection WHERE plan_year = :y GROUP BY uscc")
        .param("y", plan.year())
        .query(rs -> {
          drawnThisYear.put(rs.getString("uscc"), rs.getInt("n"));
        });

    Map<String, List<String>> members = new LinkedHashMap<>();
    strata.definitions().keySet().forEach(name -> members.put(name, new ArrayList<>()));
    Map<String, Integer> excluded = new TreeMap<>();
    PopulationFilter f = plan.populationFilter();
    population.forEach(
        new EntityPopulation.Filter(f.categories(), f.subcategories(), f.types(), f.regions(), f.tags(), f.statuses(),
            f.commitmentOnly()),
        candidate -> {
          Cell cell = strata.cells().get(candidate.creditClass() + "|" + candidate.riskLevel());
          if (cell == null) {
            throw new IllegalStateException("entity " + candidate.uscc() + " has credit class "
                + candidate.creditClass() + " and risk level " + candidate.riskLevel() + ", which no stratum holds");
          }
          if (NEVER_ELIGIBLE.contains(candidate.status())) {
            excluded.merge(candidate.status(), 1, Integer::sum);
          } else if (drawnThisYear.getOrDefault(candidate.uscc(), 0) >= cell.rule().yearlyCap()) {
            excluded.merge(EXCLUDED_AT_YEARLY_CAP, 1, Integer::sum);
          } else {
            members.get(cell.stratum()).add(candidate.uscc());
          }
        });
    List<StratumInput> inputs = new ArrayList<>();
    strata.definitions().forEach((name, cell) -> inputs.add(
        new StratumInput(name, cell.ratio(), members.get(name), cell.rule(), cell.ratioSource())));
    FrozenPopulation frozen = DrawAlgorithmV1.freeze(DrawAlgorithmV1.V2, inputs);
    jdbc.sql("INSERT INTO draw_freeze (plan_number, batch, population_hash, population_json, excluded_json, frozen_at)"
            + " VALUES (:p, :b, :h, :pop, :ex, :at)")
        .param("p", planNumber).param("b", batch).param("h", frozen.populationHash())
        .param("pop", write(frozen)).param("ex", write(excluded)).param("at", Timestamp.from(now)).update();
    Map<String, Object> frozenRecord = new LinkedHashMap<>();
    frozenRecord.put("commitment", commitmentOf(planNumber, batch).orElseThrow());
    frozenRecord.put("populationHash", frozen.populationHash());
    frozenRecord.put("excluded", excluded);
    frozenRecord.put("frozenAt", now.toString());
    String frozenJson = write(frozenRecord);
    jdbc.sql("UPDATE draw_publication SET state = :state, public_json = :json WHERE plan_number = :p AND batch = :b")
        .param("state", FROZEN).param("json", frozenJson)
        .param("p", planNumber).param("b", batch).update();
    events.publishEvent(new DrawFrozen(drawId(planNumber, batch), planNumber, batch, frozen.populationHash(),
        frozenJson, now));
    return frozen(planNumber, batch).orElseThrow();
  }

  /** Step 3: the draw itself. Once only: a second draw of a batch is a 409. */
  @Transactional
  public DrawRecord draw(String planNumber, int batch, String beacon, Instant now) {
    Plan plan = plans.get(planNumber);
    requireBatch(plan, batch);
    String beaconValue = beacon == null || beacon.isBlank() ? null : beacon.strip();
    if (plan.beaconRequired() && beaconValue == null) {
      throw new BadRequestException("beacon", "本计划要求在冻结名单后录入公开信标值（如当日开奖号码）");
    }
    if (beaconValue != null && beaconValue.length() > 200) {
      throw new BadRequestException("beacon", "信标值最长 200 个字符");
    }
    if (drawn(planNumber, batch)) {
      throw new ConflictException("批次 " + batch + " 已经抽取，每批次只能抽取一次");
    }
    String populationJson = jdbc.sql("SELECT population_json FROM draw_freeze WHERE plan_number = :p AND batch = :b")
        .param("p", planNumber).param("b", batch).query(String.class).optional()
        .orElseThrow(() -> new ConflictException("批次 " + batch + " 的待抽取名单尚未冻结"));
    FrozenPopulation frozen = read(populationJson, new TypeReference<>() {});
    String nonceHex = jdbc.sql("SELECT nonce_hex FROM draw_commitment WHERE plan_number = :p AND batch = :b")
        .param("p", planNumber).param("b", batch).query(String.class).single();
    DrawRecord record = DrawAlgorithmV1.draw(frozen, planNumber, batch, HexFormat.of().parseHex(nonceHex),
        beaconValue, now);
    int updated = jdbc.sql("UPDATE draw_publication SET state = :drawn, public_json = :json, drawn_at = :at"
            + " WHERE plan_number = :p AND batch = :b AND state <> :drawn")
        .param("drawn", DRAWN).param("json", write(record)).param("at", Timestamp.from(now))
        .param("p", planNumber).param("b", batch).update();
    if (updated != 1) {
      throw new ConflictException("批次 " + batch + " 已经抽取，每批次只能抽取一次");
    }
    try {
      for (DrawRecord.Stratum stratum : record.strata()) {
        int order = 0;
        for (String uscc : stratum.selected()) {
          jdbc.sql("INSERT INTO draw_selection (plan_number, batch, uscc, stratum, key_order, plan_year)"
                  + " VALUES (:p, :b, :u, :s, :o, :y)")
              .param("p", planNumber).param("b", batch).param("u", uscc).param("s", stratum.name())
              .param("o", order++).param("y", plan.year()).update();
        }
      }
    } catch (DuplicateKeyException e) {
      throw new ConflictException("批次 " + batch + " 已经抽取，每批次只能抽取一次");
    }
    events.publishEvent(new DrawPublished(drawId(planNumber, batch), planNumber, batch, write(record), now));
    return record;
  }

  /**
   * The stored matching of a batch and whether replaying its request gives the same result;
   * {@code cannotSignIn}: the staff numbers the request recorded as without a usable account (not matched).
   */
  public record Matching(InspectorMatcherV1.MatchResult result, boolean replayMatches, String matchedBy,
      Instant matchedAt, List<String> cannotSignIn) {}

  /**
   * Step 4 (R5): inspectors for every drawn entity and department, by {@link InspectorMatcherV1}.
   * The request (pool, conflicts, needs) is stored with the result, so an auditor replays it
   * exactly. Once per batch; a replacement later is a new recorded draw.
   */
  @Transactional
  public InspectorMatcherV1.MatchResult match(String planNumber, int batch, String user, Instant now) {
    Plan plan = plans.get(planNumber);
    requireBatch(plan, batch);
    if (!drawn(planNumber, batch)) {
      throw new ConflictException("批次 " + batch + " 尚未抽取检查对象");
    }
    if (jdbc.sql("SELECT COUNT(*) FROM draw_matching WHERE plan_number = :p AND batch = :b")
        .param("p", planNumber).param("b", batch).query(Integer.class).single() > 0) {
      throw new ConflictException("批次 " + batch + " 已匹配执法检查人员；更换人员须另行记录抽取");
    }
    DrawRecord record = read(publicJson(drawId(planNumber, batch)).orElseThrow(), new TypeReference<>() {});
    List<String> drawnUsccs = record.strata().stream().flatMap(s -> s.selected().stream()).toList();
    Map<String, String> units = pool.unitsOf(drawnUsccs);
    List<String> departments = plan.departments().stream().map(d -> d.department()).toList();
    BatchWindow window = plan.batches().get(batch - 1);
    // whether each inspector can sign in is frozen into the stored request: an auditor replays it
    List<org.onedoor.directory.InspectorPool.PoolInspector> inspectors = pool.inspectorsOf(departments);
    java.util.Set<String> canSignIn =
        accounts.usable(inspectors.stream().map(org.onedoor.directory.InspectorPool.PoolInspector::staffNumber).toList());
    List<String> withoutAccount = inspectors.stream()
        .filter(i -> i.active() && !canSignIn.contains(i.staffNumber()))
        .map(org.onedoor.directory.InspectorPool.PoolInspector::staffNumber).toList();
    if (!withoutAccount.isEmpty()) {
      log.warn("plan {} batch {}: {} active inspectors cannot sign in and are not matched: {}", planNumber, batch,
          withoutAccount.size(), withoutAccount);
    }
    InspectorMatcherV1.Request request = new InspectorMatcherV1.Request(
        record.seed(),
        InspectorMatcherV1.drawnInKeyOrder(record, units::get),
        departments.stream()
            .map(d -> new InspectorMatcherV1.DepartmentNeed(d, plan.inspectorsPerDepartment(), java.util.Set.of()))
            .toList(),
        inspectors.stream()
            .map(i -> new InspectorMatcherV1.Inspector(i.staffNumber(), i.department(), i.unit(), i.active(),
                i.qualifications(), i.certificateExpiry(), canSignIn.contains(i.staffNumber())))
            .toList(),
        pool.conflictsWith(drawnUsccs).stream()
            .map(c -> new InspectorMatcherV1.Conflict(c.staffNumber(), c.uscc()))
            .toList(),
        window.from(), window.to(), plan.crossJurisdiction());
    InspectorMatcherV1.MatchResult result = InspectorMatcherV1.match(request);
    jdbc.sql("INSERT INTO draw_matching (plan_number, batch, algorithm, request_json, result_json, flags,"
            + " matched_by, matched_at) VALUES (:p, :b, :alg, :req, :res, :flags, :by, :at)")
        .param("p", planNumber).param("b", batch).param("alg", InspectorMatcherV1.NAME)
        .param("req", write(request)).param("res", write(result)).param("flags", result.flags().size())
        .param("by", user).param("at", Timestamp.from(now)).update();
    return result;
  }

  public Optional<Matching> matching(String planNumber, int batch) {
    return jdbc.sql("SELECT request_json, result_json, matched_by, matched_at FROM draw_matching"
            + " WHERE plan_number = :p AND batch = :b")
        .param("p", planNumber).param("b", batch)
        .query((rs, n) -> {
          InspectorMatcherV1.Request request = read(rs.getString("request_json"), new TypeReference<>() {});
          InspectorMatcherV1.MatchResult stored = read(rs.getString("result_json"), new TypeReference<>() {});
          boolean same = InspectorMatcherV1.match(request).equals(stored);
          return new Matching(stored, same, rs.getString("matched_by"), rs.getTimestamp("matched_at").toInstant(),
              request.inspectors().stream().filter(i -> !i.canSignIn())
                  .map(InspectorMatcherV1.Inspector::staffNumber).sorted().toList());
        })
        .optional();
  }

  /** The stored matching of a batch as recorded (no replay): the drawn USCCs in key order and the result. */
  public record StoredMatching(List<String> drawnInKeyOrder, InspectorMatcherV1.MatchResult result) {}

  /** For opening inspections: cheap to call once per chunk (reads one row, does not replay). */
  public Optional<StoredMatching> storedMatching(String planNumber, int batch) {
    return jdbc.sql("SELECT request_json, result_json FROM draw_matching WHERE plan_number = :p AND batch = :b")
        .param("p", planNumber).param("b", batch)
        .query((rs, n) -> {
          InspectorMatcherV1.Request request = read(rs.getString("request_json"), new TypeReference<>() {});
          InspectorMatcherV1.MatchResult stored = read(rs.getString("result_json"), new TypeReference<>() {});
          return new StoredMatching(
              request.entities().stream().map(InspectorMatcherV1.DrawnEntity::uscc).toList(), stored);
        })
        .optional();
  }

  public Optional<Freeze> frozen(String planNumber, int batch) {
    return jdbc.sql("SELECT population_hash, population_json, excluded_json, frozen_at FROM draw_freeze"
            + " WHERE plan_number = :p AND batch = :b")
        .param("p", planNumber).param("b", batch)
        .query((rs, n) -> {
          FrozenPopulation frozen = read(rs.getString("population_json"), new TypeReference<>() {});
          Map<String, Integer> sizes = new LinkedHashMap<>();
          for (FrozenStratum s : frozen.strata()) {
            sizes.put(s.name(), s.population().size());
          }
          return new Freeze(planNumber, batch, rs.getString("population_hash"), sizes,
              read(rs.getString("excluded_json"), new TypeReference<TreeMap<String, Integer>>() {}),
              rs.getTimestamp("frozen_at").toInstant());
        })
        .optional();
  }

  /** The drawn entities of a batch in key order within each stratum, strata in order. */
  public List<String> selected(String planNumber, int batch) {
    return jdbc.sql("SELECT uscc FROM draw_selection WHERE plan_number = :p AND batch = :b ORDER BY stratum, key_order")
        .param("p", planNumber).param("b", batch).query(String.class).list();
  }

  /** What the public may read of a draw: its commitment before, its record after. */
  public Optional<String> publicJson(String id) {
    return jdbc.sql("SELECT public_json FROM draw_publication WHERE id = :id").param("id", id)
        .query(String.class).optional();
  }

  public List<String> publishedIds() {
    return jdbc.sql("SELECT id FROM draw_publication ORDER BY published_at DESC, id").query(String.class).list();
  }

  private boolean drawn(String planNumber, int batch) {
    return jdbc.sql("SELECT COUNT(*) FROM draw_publication WHERE plan_number = :p AND batch = :b AND state = :s")
        .param("p", planNumber).param("b", batch).param("s", DRAWN).query(Integer.class).single() > 0;
  }

  private Optional<String> commitmentOf(String planNumber, int batch) {
    return jdbc.sql("SELECT commitment FROM draw_commitment WHERE plan_number = :p AND batch = :b")
        .param("p", planNumber).param("b", batch).query(String.class).optional();
  }

  /** One credit class × risk level: its rule row, the ratio it is drawn at and where that came from, its stratum. */
  record Cell(DrawRecord.Rule rule, BigDecimal ratio, String ratioSource, String stratum) {}

  /** The cells of a plan (key {@code class|level}) and its strata by name, in row order. */
  record Strata(Map<String, Cell> cells, Map<String, Cell> definitions) {}

  /**
   * The strata of a plan (issue 15): {@code sampling-ratio.dmn} gives each credit class × risk level its
   * rule row, ratio and yearly cap; the plan's own ratio for a class replaces the rule's, and a
   * public-information check is never drawn under 3%. Cells with the same row and ratio are one stratum,
   * named after the row ({@code r07}; {@code r07b} when a plan's class ratio splits a row): a neutral name,
   * since credit class and risk level are never published (docs/design.md, "Risk in the draw").
   */
  Strata strata(Plan plan) {
    String kind = itemKind(plan);
    record Unnamed(String key, DrawRecord.Rule rule, BigDecimal ratio, String source) {}
    List<Unnamed> unnamed = new ArrayList<>();
    for (String creditClass : STRATA) {
      for (String level : RISK_LEVELS) {
        DecisionRules.Evaluation evaluation = rules.evaluate(SAMPLING_RATIO,
            Map.of("creditClass", creditClass, "riskLevel", level, "itemKind", kind));
        DmnDecisionResultEntries row = evaluation.single();
        if (row == null) {
          throw new IllegalStateException("sampling-ratio.dmn has no rule for " + creditClass + "/" + level + "/" + kind);
        }
        BigDecimal tableRatio = BigDecimal.valueOf(((Number) row.getEntry("ratio")).doubleValue()).stripTrailingZeros();
        DrawRecord.Rule rule = new DrawRecord.Rule(SAMPLING_RATIO, evaluation.decisionVersion(), evaluation.rule().id(),
            evaluation.rule().row(), tableRatio.toPlainString(), ((Number) row.getEntry("yearlyCap")).intValue());
        BigDecimal ratio = tableRatio;
        String source = DrawRecord.FROM_RULE;
        if (plan.ratioOverrides().containsKey(creditClass)) {
          ratio = new BigDecimal(plan.ratioOverrides().get(creditClass));
          source = DrawRecord.FROM_PLAN;
        }
        if (plan.publicInformation() && ratio.compareTo(PUBLIC_INFORMATION_FLOOR) < 0) {
          ratio = PUBLIC_INFORMATION_FLOOR;
          source = DrawRecord.FROM_FLOOR;
        }
        unnamed.add(new Unnamed(creditClass + "|" + level, rule, ratio.stripTrailingZeros(), source));
      }
    }
    unnamed.sort(java.util.Comparator.comparingInt((Unnamed u) -> u.rule().row()).thenComparing(Unnamed::ratio)
        .thenComparing(Unnamed::source));
    Map<String, Cell> cells = new LinkedHashMap<>();
    Map<String, Cell> definitions = new LinkedHashMap<>();
    Map<String, String> named = new HashMap<>();
    Map<Integer, Integer> perRow = new HashMap<>();
    for (Unnamed u : unnamed) {
      String same = u.rule().id() + "|" + u.ratio().toPlainString() + "|" + u.source();
      String name = named.computeIfAbsent(same, k -> {
        int n = perRow.merge(u.rule().row(), 1, Integer::sum);
        return String.format("r%02d", u.rule().row()) + (n == 1 ? "" : String.valueOf((char) ('a' + n - 1)));
      });
      Cell cell = new Cell(u.rule(), u.ratio(), u.source(), name);
      cells.put(u.key(), cell);
      definitions.putIfAbsent(name, cell);
    }
    return new Strata(cells, definitions);
  }

  /** General items are capped by the ratio table; a plan of key items only is drawn as key. */
  private String itemKind(Plan plan) {
    boolean allKey = plan.departments().stream().flatMap(d -> d.items().stream())
        .allMatch(code -> ItemKind.KEY.code().equals(catalog.item(plan.catalogVersion(), code).kind()));
    return allKey ? ItemKind.KEY.code() : ItemKind.GENERAL.code();
  }

  private static void requireBatch(Plan plan, int batch) {
    if (batch < 1 || batch > plan.batches().size()) {
      throw new NotFoundException("batch", "计划 " + plan.number() + " 没有第 " + batch + " 批次");
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored draw data is not readable", e);
    }
  }
}
