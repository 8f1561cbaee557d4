package org.onedoor.inspection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.camunda.bpm.engine.RuntimeService;
import org.onedoor.plan.PlanLifecycle;
import org.onedoor.plan.PlanService;
import org.onedoor.platform.ProcessExpressionBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The end of a plan batch: the plan's process waits until every inspection of the batch is done
 * (the inspection finishing last sends {@value #ALL_DONE_MESSAGE}-{batch}) or the batch window closes, then the summary
 * is written: drawn, opened, done, overdue (not done when the window closed), flagged, and the
 * department results by R7 code.
 */
@Service("planSummaries")
@ProcessExpressionBean
public class PlanSummaries {

  public static final String ALL_DONE_MESSAGE = "inspections-completed";
  static final String BY_COMPLETION = "COMPLETED";
  static final String BY_WINDOW = "WINDOW_CLOSED";

  public record Summary(String planNumber, int batch, int drawn, int opened, int done, int overdue, int flagged,
      Map<String, Integer> resultsByCode, String closedBy, Instant closedAt, int visitsReplaced) {}

  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final PlanService plans;
  private final PlanLifecycle lifecycle;
  private final ObjectMapper json;

  public PlanSummaries(JdbcClient jdbc, RuntimeService runtime, PlanService plans, PlanLifecycle lifecycle,
      ObjectMapper json) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.plans = plans;
    this.lifecycle = lifecycle;
    this.json = json;
  }

  /** True when every drawn entity of every batch of the plan has its inspection opened and done. */
  public boolean allDone(String planNumber) {
    for (int batch = 1; batch <= plans.get(planNumber).batches().size(); batch++) {
      if (!allDone(planNumber, batch)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Of the given plans (plan number → its number of batches), those finished: every batch has opened
   * its inspections and every entity drawn in it has a DONE inspection. Two grouped queries for all
   * the plans together (the supervision dashboard asks for a whole year's).
   */
  public java.util.Set<String> finished(Map<String, Integer> batchesByPlan) {
    if (batchesByPlan.isEmpty()) {
      return java.util.Set.of();
    }
    List<String> numbers = List.copyOf(batchesByPlan.keySet());
    Map<String, Integer> drawn = new java.util.HashMap<>();
    jdbc.sql("SELECT plan_number, batch, COUNT(*) AS n FROM draw_selection WHERE plan_number IN (:p)"
            + " GROUP BY plan_number, batch")
        .param("p", numbers)
        .query(rs -> {
          drawn.put(rs.getString("plan_number") + "#" + rs.getInt("batch"), rs.getInt("n"));
        });
    Map<String, int[]> opened = new java.util.HashMap<>();
    jdbc.sql("SELECT plan_number, batch, COUNT(*) AS opened,"
            + " SUM(CASE WHEN status = :done THEN 1 ELSE 0 END) AS done FROM inspection WHERE plan_number IN (:p)"
            + " GROUP BY plan_number, batch")
        .param("p", numbers).param("done", InspectionOpening.DONE)
        .query(rs -> {
          opened.put(rs.getString("plan_number") + "#" + rs.getInt("batch"),
              new int[] {rs.getInt("opened"), rs.getInt("done")});
        });
    java.util.Set<String> finished = new java.util.HashSet<>();
    batchesByPlan.forEach((plan, batches) -> {
      for (int batch = 1; batch <= batches; batch++) {
        int[] counts = opened.get(plan + "#" + batch);
        if (counts == null || counts[0] == 0 || counts[1] < drawn.getOrDefault(plan + "#" + batch, 0)) {
          return;
        }
      }
      finished.add(plan);
    });
    return finished;
  }

  /** True when every drawn entity of the batch has its inspection opened and done. */
  public boolean allDone(String planNumber, int batch) {
    return count(planNumber, batch, InspectionOpening.DONE) >= drawn(planNumber, batch);
  }

  /** The message the round of a batch waits for: {@code inspections-completed-{batch}}. */
  public static String allDoneMessage(int batch) {
    return ALL_DONE_MESSAGE + "-" + batch;
  }

  /**
   * Called when an inspection is done: the last one of a batch tells the plan's process, which
   * waits for that batch's message only. A round that is not waiting yet (still opening) simply
   * finds everything done when it gets there; a batch already summarised has nobody waiting.
   */
  public void inspectionDone(String planNumber) {
    List<Integer> batches = jdbc.sql("SELECT DISTINCT batch FROM draw_selection WHERE plan_number = :p ORDER BY batch")
        .param("p", planNumber).query(Integer.class).list();
    for (int batch : batches) {
      if (allDone(planNumber, batch)) {
        runtime.createMessageCorrelation(allDoneMessage(batch)).processInstanceBusinessKey(planNumber).correlateAll();
      }
    }
  }

  @Transactional
  public Summary summarise(String planNumber, int batch, boolean windowClosed, Instant now) {
    int batches = plans.get(planNumber).batches().size();
    Optional<Summary> existing = find(planNumber, batch);
    if (existing.isPresent()) {
      return existing.get();
    }
    Map<String, Integer> byCode = new TreeMap<>();
    jdbc.sql("SELECT r.code, COUNT(*) AS n FROM inspection_result r JOIN inspection i ON i.number = r.inspection_number"
            + " WHERE i.plan_number = :p AND i.batch = :b GROUP BY r.code")
        .param("p", planNumber).param("b", batch)
        .query(rs -> {
          byCode.put(rs.getString("code"), rs.getInt("n"));
        });
    int opened = jdbc.sql("SELECT COUNT(*) FROM inspection WHERE plan_number = :p AND batch = :b")
        .param("p", planNumber).param("b", batch).query(Integer.class).single();
    int done = count(planNumber, batch, InspectionOpening.DONE);
    int flagged = jdbc.sql("SELECT COUNT(*) FROM inspection_flag f JOIN inspection i ON i.number = f.inspection_number"
            + " WHERE i.plan_number = :p AND i.batch = :b")
        .param("p", planNumber).param("b", batch).query(Integer.class).single();
    // the burden figure (R15): separate visits the batch's joint visits replaced
    int visitsReplaced = jdbc.sql("SELECT COALESCE(SUM(v.visits_replaced), 0) FROM inspection_visit v"
            + " JOIN inspection i ON i.number = v.inspection_number WHERE i.plan_number = :p AND i.batch = :b")
        .param("p", planNumber).param("b", batch).query(Integer.class).single();
    Summary summary = new Summary(planNumber, batch, drawn(planNumber, batch), opened, done, opened - done, flagged,
        byCode, windowClosed ? BY_WINDOW : BY_COMPLETION, now, visitsReplaced);
    jdbc.sql("INSERT INTO plan_summary (plan_number, batch, drawn, opened, done, overdue, flagged, results, closed_by,"
            + " closed_at, visits_replaced) VALUES (:p, :b, :drawn, :opened, :done, :overdue, :flagged, :results, :by,"
            + " :at, :replaced)")
        .param("p", planNumber).param("b", batch).param("drawn", summary.drawn()).param("opened", opened)
        .param("done", done).param("overdue", summary.overdue()).param("flagged", flagged)
        .param("results", write(byCode)).param("by", summary.closedBy()).param("at", Timestamp.from(now))
        .param("replaced", visitsReplaced).update();
    if (batch >= batches) {
      lifecycle.close(planNumber);
    }
    return summary;
  }

  public Optional<Summary> find(String planNumber, int batch) {
    return jdbc.sql("SELECT * FROM plan_summary WHERE plan_number = :p AND batch = :b")
        .param("p", planNumber).param("b", batch)
        .query((rs, n) -> new Summary(planNumber, batch, rs.getInt("drawn"), rs.getInt("opened"), rs.getInt("done"),
            rs.getInt("overdue"), rs.getInt("flagged"), read(rs.getString("results")), rs.getString("closed_by"),
            rs.getTimestamp("closed_at").toInstant(), rs.getInt("visits_replaced")))
        .optional();
  }

  private int drawn(String planNumber, int batch) {
    return jdbc.sql("SELECT COUNT(*) FROM draw_selection WHERE plan_number = :p AND batch = :b")
        .param("p", planNumber).param("b", batch).query(Integer.class).single();
  }

  private int count(String planNumber, int batch, String status) {
    return jdbc.sql("SELECT COUNT(*) FROM inspection WHERE plan_number = :p AND batch = :b AND status = :s")
        .param("p", planNumber).param("b", batch).param("s", status).query(Integer.class).single();
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Integer> read(String text) {
    try {
      return json.readValue(text, new TypeReference<TreeMap<String, Integer>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
