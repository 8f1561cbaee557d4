package org.onedoor.inspection;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.onedoor.draw.DrawService;
import org.onedoor.draw.InspectorMatcherV1;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans;
import org.onedoor.platform.web.ConflictException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens one joint inspection per drawn entity of a plan batch (issue 4, item 6), a chunk at a time.
 * A chunk is one transaction: the inspection rows, their assignments and flags and one
 * {@code joint-inspection} process instance each (business key = inspection number) commit
 * together or not at all. Idempotent: UNIQUE (plan_number, batch, uscc) and "the next not yet opened in
 * key order" mean a retry, a second node or a second call never doubles a case, and after a crash
 * the next run resumes where the last committed chunk ended.
 */
@Service
public class InspectionOpening {

  public static final String PROCESS = "joint-inspection";
  public static final String OPEN = "OPEN";
  public static final String DONE = "DONE";

  /** Opened so far and how many there are to open (the drawn entities of the batch). */
  public record Progress(int opened, int total) {
    public boolean complete() {
      return opened >= total;
    }
  }

  private final JdbcClient jdbc;
  private final DrawService draws;
  private final PlanService plans;
  private final RuntimeService runtime;
  private final org.camunda.bpm.engine.ProcessEngine engine;
  private final JdbcTemplate batchJdbc;
  private final InspectionAssignments expressions;
  private final int defaultChunkSize;

  public InspectionOpening(JdbcClient jdbc, JdbcTemplate batchJdbc, InspectionAssignments expressions, DrawService draws,
      PlanService plans, RuntimeService runtime, org.camunda.bpm.engine.ProcessEngine engine, @Value("${onedoor.inspections.chunk-size:200}") int defaultChunkSize) {
    this.jdbc = jdbc;
    this.batchJdbc = batchJdbc;
    this.expressions = expressions;
    this.draws = draws;
    this.plans = plans;
    this.runtime = runtime;
    this.engine = engine;
    this.defaultChunkSize = defaultChunkSize;
  }

  public int defaultChunkSize() {
    return defaultChunkSize;
  }

  /** The inspection number of the n-th (from 1) drawn entity in key order, counted across the plan's batches. */
  public static String number(String planNumber, int sequence) {
    return planNumber + "-" + String.format("%04d", sequence);
  }

  /** Opens the next up to {@code chunkSize} not yet opened drawn entities, in the draw's key order. */
  @Transactional
  public Progress openChunk(String planNumber, int batch, int chunkSize, Instant now) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be positive");
    }
    Plans.Plan plan = plans.get(planNumber);
    DrawService.StoredMatching matching = draws.storedMatching(planNumber, batch)
        .orElseThrow(() -> new ConflictException("批次 " + batch + " 尚未匹配执法检查人员，不能开启检查"));
    List<String> order = matching.drawnInKeyOrder();
    Set<String> opened = new HashSet<>(jdbc.sql("SELECT uscc FROM inspection WHERE plan_number = :p AND batch = :b")
        .param("p", planNumber).param("b", batch).query(String.class).list());
    // numbers go on across batches: batch 2 starts after the last entity drawn in batch 1
    int offset = jdbc.sql("SELECT COUNT(*) FROM draw_selection WHERE plan_number = :p AND batch < :b")
        .param("p", planNumber).param("b", batch).query(Integer.class).single();
    List<Integer> next = new ArrayList<>();
    for (int i = 0; i < order.size() && next.size() < chunkSize; i++) {
      if (!opened.contains(order.get(i))) {
        next.add(i);
      }
    }
    if (next.isEmpty()) {
      return new Progress(opened.size(), order.size());
    }
    Set<String> chunk = next.stream().map(order::get).collect(Collectors.toSet());
    Map<String, List<InspectorMatcherV1.Assignment>> assignments = matching.result().assignments().stream()
        .filter(a -> chunk.contains(a.uscc())).collect(Collectors.groupingBy(InspectorMatcherV1.Assignment::uscc));
    Map<String, List<InspectorMatcherV1.Flag>> flags = matching.result().flags().stream()
        .filter(f -> chunk.contains(f.uscc())).collect(Collectors.groupingBy(InspectorMatcherV1.Flag::uscc));
    Map<String, String> names = new LinkedHashMap<>();
    jdbc.sql("SELECT uscc, name FROM directory_entity WHERE uscc IN (:u)").param("u", chunk)
        .query((rs, n) -> names.put(rs.getString("uscc"), rs.getString("name"))).list();
    String departments = plan.departments().stream().map(Plans.DepartmentItems::department)
        .collect(Collectors.joining(","));
    Timestamp at = Timestamp.from(now);

    List<Object[]> inspectionRows = new ArrayList<>();
    List<Object[]> assignmentRows = new ArrayList<>();
    List<Object[]> flagRows = new ArrayList<>();
    Map<String, InspectionAssignments.Known> known = new LinkedHashMap<>();
    for (int index : next) {
      String uscc = order.get(index);
      String number = number(planNumber, offset + index + 1);
      inspectionRows.add(new Object[] {number, planNumber, batch, uscc, OPEN, at});
      Map<String, List<String>> candidates = new LinkedHashMap<>();
      for (InspectorMatcherV1.Assignment a : assignments.getOrDefault(uscc, List.of())) {
        candidates.put(a.department(), a.staffNumbers());
        for (String staff : a.staffNumbers()) {
          assignmentRows.add(new Object[] {number, a.department(), staff});
        }
      }
      Set<String> flagged = new HashSet<>();
      for (InspectorMatcherV1.Flag f : flags.getOrDefault(uscc, List.of())) {
        flagged.add(f.department());
        flagRows.add(new Object[] {number, f.department(), f.reason()});
      }
      known.put(number, new InspectionAssignments.Known(candidates, flagged));
    }
    batchJdbc.batchUpdate("INSERT INTO inspection (number, plan_number, batch, uscc, status, opened_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)", inspectionRows);
    batchJdbc.batchUpdate("INSERT INTO inspection_assignment (inspection_number, department, staff_number)"
        + " VALUES (?, ?, ?)", assignmentRows);
    batchJdbc.batchUpdate("INSERT INTO inspection_flag (inspection_number, department, reason) VALUES (?, ?, ?)", flagRows);

    List<Object[]> started = new ArrayList<>();
    // All starts of the chunk in one engine command: the nested starts share its command context,
    // so the engine flushes once per chunk and writes each kind of row (executions, tasks, identity
    // links, variables, their history) as one JDBC batch instead of ~30 statements per instance.
    engineCommands().execute(commandContext -> {
      expressions.withPreloaded(known, () -> startAll(next, order, offset, planNumber, batch, names, departments,
          started));
      return null;
    });
    batchJdbc.batchUpdate("UPDATE inspection SET process_instance_id = ? WHERE number = ?", started);
    return new Progress(opened.size() + next.size(), order.size());
  }

  private void startAll(List<Integer> next, List<String> order, int offset, String planNumber, int batch,
      Map<String, String> names, String departments, List<Object[]> started) {
    for (int index : next) {
      String uscc = order.get(index);
      String number = number(planNumber, offset + index + 1);
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("inspectionNumber", number);
      variables.put("planNumber", planNumber);
      variables.put("batch", batch);
      variables.put("uscc", uscc);
      variables.put("entityName", names.getOrDefault(uscc, ""));
      variables.put("departments", departments);
      String instanceId = runtime.createProcessInstanceByKey(PROCESS).businessKey(number)
          .setVariables(variables).execute().getId();
      started.add(new Object[] {instanceId, number});
    }
  }

  private org.camunda.bpm.engine.impl.interceptor.CommandExecutor engineCommands() {
    return ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  /** Where the opening of a plan's inspections stands (total = drawn entities, 0 before the draw). */
  public Progress progress(String planNumber) {
    plans.get(planNumber);
    int opened = jdbc.sql("SELECT COUNT(*) FROM inspection WHERE plan_number = :p").param("p", planNumber)
        .query(Integer.class).single();
    int total = 0;
    for (int batch = 1; batch <= plans.get(planNumber).batches().size(); batch++) {
      total += draws.selected(planNumber, batch).size();
    }
    return new Progress(opened, total);
  }

  public record Inspection(String number, String planNumber, int batch, String uscc, String status,
      String processInstanceId, Instant openedAt, Instant doneAt) {}

  public List<Inspection> page(String planNumber, int page, int size) {
    return jdbc.sql("SELECT number, plan_number, batch, uscc, status, process_instance_id, opened_at, done_at"
            + " FROM inspection WHERE plan_number = :p ORDER BY number LIMIT :size OFFSET :offset")
        .param("p", planNumber).param("size", size).param("offset", (long) page * size)
        .query((rs, n) -> new Inspection(rs.getString("number"), rs.getString("plan_number"), rs.getInt("batch"),
            rs.getString("uscc"), rs.getString("status"), rs.getString("process_instance_id"),
            rs.getTimestamp("opened_at").toInstant(),
            rs.getTimestamp("done_at") == null ? null : rs.getTimestamp("done_at").toInstant()))
        .list();
  }

  public int count(String planNumber, String status) {
    return jdbc.sql("SELECT COUNT(*) FROM inspection WHERE plan_number = :p AND status = :s")
        .param("p", planNumber).param("s", status).query(Integer.class).single();
  }
}
