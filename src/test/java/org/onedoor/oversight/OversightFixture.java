package org.onedoor.oversight;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.onedoor.TestClock;
import org.onedoor.inspection.InspectionFixtures;
import org.onedoor.inspection.InspectionOpening;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows as the owning features leave them (plan published, entities drawn, inspections opened with their
 * departments, a joint visit agreed, a rectification ordered), for a year no other test uses. Steps that
 * have a plain service (re-check, publication) are taken through it by the tests.
 */
final class OversightFixture {

  private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000L);

  private final JdbcClient jdbc;

  OversightFixture(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static String number(String prefix) {
    return prefix + "-" + SEQUENCE.incrementAndGet();
  }

  String entity(String name) {
    return InspectionFixtures.entity(jdbc, name);
  }

  /** A plan of {@code year} in {@code status} with one batch, taken part in by {@code departments}. */
  String plan(int year, String status, List<String> departments) {
    String number = number("OV" + year);
    jdbc.sql("INSERT INTO plan_plan (number, plan_year, name, mode, lead_department, catalog_version,"
            + " inspectors_per_department, cross_jurisdiction, beacon_required, public_information, draw_date,"
            + " population_filter, ratio_overrides, status, created_by, created_at) VALUES (:n, :y, '监管指标测试计划',"
            + " 'untargeted', :lead, 1, 2, FALSE, FALSE, FALSE, :d, '{}', '{}', :s, 'chenjing', :t)")
        .param("n", number).param("y", year).param("lead", departments.get(0))
        .param("d", Date.valueOf(LocalDate.of(year, 3, 1))).param("s", status).param("t", Timestamp.from(TestClock.now()))
        .update();
    long id = jdbc.sql("SELECT id FROM plan_plan WHERE number = :n").param("n", number).query(Long.class).single();
    for (String department : departments) {
      jdbc.sql("INSERT INTO plan_department_item (plan_id, department, item_code) VALUES (:p, :d, :i)")
          .param("p", id).param("d", department).param("i", department.toUpperCase() + "-1").update();
    }
    jdbc.sql("INSERT INTO plan_batch (plan_id, batch, window_from, window_to) VALUES (:p, 1, :f, :t)")
        .param("p", id).param("f", Date.valueOf(LocalDate.of(year, 3, 1)))
        .param("t", Date.valueOf(LocalDate.of(year, 4, 30))).update();
    return number;
  }

  /** The draw of batch 1 selected {@code uscc}. */
  void drawn(String plan, int year, String uscc) {
    jdbc.sql("INSERT INTO draw_selection (plan_number, batch, uscc, stratum, key_order, plan_year)"
            + " VALUES (:p, 1, :u, 'all', 1, :y)")
        .param("p", plan).param("u", uscc).param("y", year).update();
  }

  /**
   * An inspection of {@code uscc} in batch 1 of {@code plan}, opened at {@code openedAt}, with one drawn
   * inspector per department; a joint visit of n departments replaced n - 1 separate visits.
   */
  String inspection(String plan, String uscc, Instant openedAt, boolean done, List<String> departments) {
    int sequence = (int) (SEQUENCE.incrementAndGet() % 9000) + 1;
    String number = InspectionOpening.number(plan, sequence);
    jdbc.sql("INSERT INTO inspection (number, plan_number, batch, uscc, status, opened_at, done_at)"
            + " VALUES (:n, :p, 1, :u, :s, :o, :d)")
        .param("n", number).param("p", plan).param("u", uscc)
        .param("s", done ? InspectionOpening.DONE : InspectionOpening.OPEN).param("o", Timestamp.from(openedAt))
        .param("d", done ? Timestamp.from(openedAt.plusSeconds(86400)) : null).update();
    for (String department : departments) {
      jdbc.sql("INSERT INTO inspection_assignment (inspection_number, department, staff_number) VALUES (:n, :d, :s)")
          .param("n", number).param("d", department).param("s", department + "-inspector").update();
    }
    if (departments.size() >= 2) {
      jdbc.sql("INSERT INTO inspection_visit (inspection_number, round, agreed_at, decided_how, visits_replaced)"
              + " VALUES (:n, 1, :a, 'AGREED', :r)")
          .param("n", number).param("a", Timestamp.from(openedAt.plusSeconds(3600)))
          .param("r", departments.size() - 1).update();
    }
    return number;
  }

  /** A rectification the department ordered with {@code deadline}; returns its process instance id. */
  String rectification(String inspection, String department, LocalDate deadline) {
    String processInstanceId = number("rect-pi");
    jdbc.sql("INSERT INTO rectification (inspection_number, department, process_instance_id, status, proposed_deadline,"
            + " recheck_candidates, order_number, order_items, deadline_kind, period_length, deadline, ordered_by,"
            + " ordered_at, created_at) VALUES (:n, :d, :pi, 'ORDERED', :dl, '', :no, '改正', 'DAYS', 30, :dl,"
            + " 'chenjing', :t, :t)")
        .param("n", inspection).param("d", department).param("pi", processInstanceId)
        .param("dl", Date.valueOf(deadline)).param("no", number("责改"))
        .param("t", Timestamp.from(deadline.minusDays(30).atStartOfDay(java.time.ZoneOffset.UTC).toInstant())).update();
    return processInstanceId;
  }

  /**
   * A risk warning of {@code department} as the credit feature leaves it: received, due, and (with
   * {@code checked}) checked with {@code conclusion}, {@code inspection} the targeted inspection it led to.
   */
  void warning(String department, String received, String due, String checked, String conclusion, String inspection) {
    jdbc.sql("""
        INSERT INTO credit_risk_warning (uscc, entity_name, department, source, level, description, received_at,
            received_by, status, check_due_at, checked_at, conclusion, findings, inspection_number)
        VALUES ('91330100799655058B', '指标测试药厂', :d, 'monitoring', 'high', '测试', :r, 'system', :s, :due, :c, :con,
            :f, :i)""")
        .param("d", department).param("r", Timestamp.from(Instant.parse(received)))
        .param("s", checked == null ? "CHECKING" : inspection != null ? "TARGETED_INSPECTION" : "CLOSED")
        .param("due", Timestamp.from(Instant.parse(due)))
        .param("c", checked == null ? null : Timestamp.from(Instant.parse(checked)))
        .param("con", conclusion).param("f", conclusion == null ? null : "核查情况").param("i", inspection).update();
  }

  /** A targeted inspection (定向检查, no plan) of {@code uscc} for {@code department}, opened at {@code openedAt}. */
  String targetedInspection(String uscc, Instant openedAt, String department) {
    String number = number("DX" + openedAt.atZone(TestClock.ZONE).getYear());
    jdbc.sql("INSERT INTO inspection (number, plan_number, batch, uscc, status, opened_at, kind)"
            + " VALUES (:n, NULL, NULL, :u, 'OPEN', :t, 'targeted')")
        .param("n", number).param("u", uscc).param("t", Timestamp.from(openedAt)).update();
    jdbc.sql("INSERT INTO inspection_assignment (inspection_number, department, staff_number) VALUES (:n, :d, :s)")
        .param("n", number).param("d", department).param("s", department + "-inspector").update();
    return number;
  }
}
