package org.onedoor.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onedoor.TestHttp;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything an attack on the engine API could change, counted: our records (listings, decisions,
 * letters, rectifications, warnings, plans, audit trails), the public site's abnormal list and the
 * engine's process instances, variables and tasks. Two snapshots are equal when nothing changed.
 */
record EngineState(Map<String, Long> counts, String publicAbnormalList) {

  static final List<String> TABLES = List.of("listing", "listing_decision", "listing_letter", "listing_step",
      "public_listing", "rectification", "credit_risk_warning", "plan_plan", "plan_decision", "onedoor_audit_event",
      "inspection_event", "ACT_HI_PROCINST", "ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_HI_DETAIL",
      "ACT_RU_JOB");

  static EngineState of(JdbcClient jdbc, TestHttp http) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
    }
    var list = http.get("/public/api/abnormal-list", null);
    return new EngineState(counts, list.statusCode() + " " + list.body());
  }
}
