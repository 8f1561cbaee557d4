package org.onedoor.inspection;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.onedoor.platform.ProcessExpressionBean;
import org.onedoor.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the {@code joint-inspection} model asks about an inspection, so the model carries only the
 * inspection number: its departments (one "现场检查" task each), the drawn inspectors of a
 * department (the task's candidate users) and, for a pair too few inspectors were found for, the
 * department's chiefs (candidate group) instead.
 */
@Component("inspectionAssignments")
@ProcessExpressionBean
public class InspectionAssignments {

  private final JdbcClient jdbc;
  /** What the opening thread just inserted, so starting its processes needs no queries. */
  private final ThreadLocal<Map<String, Known>> preloaded = new ThreadLocal<>();

  /** An inspection's drawn inspectors by department and its flagged departments. */
  record Known(Map<String, List<String>> candidates, Set<String> flagged) {}

  public InspectionAssignments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Runs {@code work} (in the transaction that inserted {@code known}) answering from it. */
  void withPreloaded(Map<String, Known> known, Runnable work) {
    preloaded.set(known);
    try {
      work.run();
    } finally {
      preloaded.remove();
    }
  }

  private Known known(String inspectionNumber) {
    Map<String, Known> map = preloaded.get();
    return map == null ? null : map.get(inspectionNumber);
  }

  /** The participating departments of an inspection: assigned or flagged, in code order. */
  public List<String> departments(String inspectionNumber) {
    Known known = known(inspectionNumber);
    if (known != null) {
      TreeSet<String> all = new TreeSet<>(known.candidates().keySet());
      all.addAll(known.flagged());
      return List.copyOf(all);
    }
    return jdbc.sql("SELECT department FROM inspection_assignment WHERE inspection_number = :n"
            + " UNION SELECT department FROM inspection_flag WHERE inspection_number = :n ORDER BY department")
        .param("n", inspectionNumber).query(String.class).list();
  }

  /** The drawn inspectors of a department (Camunda user id = staff number); empty for a flagged pair. */
  public List<String> candidates(String inspectionNumber, String department) {
    Known known = known(inspectionNumber);
    if (known != null) {
      return known.candidates().getOrDefault(department, List.of()).stream().sorted().toList();
    }
    return jdbc.sql("SELECT staff_number FROM inspection_assignment WHERE inspection_number = :n AND department = :d"
            + " ORDER BY staff_number")
        .param("n", inspectionNumber).param("d", department).query(String.class).list();
  }

  /** {@code <department>-chief} when the pair is flagged (no drawn inspectors), otherwise none. */
  public List<String> chiefGroups(String inspectionNumber, String department) {
    return flagged(inspectionNumber, department) ? List.of(Role.CHIEF.workGroupId(department)) : List.of();
  }

  public boolean flagged(String inspectionNumber, String department) {
    Known known = known(inspectionNumber);
    if (known != null) {
      return known.flagged().contains(department);
    }
    return jdbc.sql("SELECT COUNT(*) FROM inspection_flag WHERE inspection_number = :n AND department = :d")
        .param("n", inspectionNumber).param("d", department).query(Integer.class).single() > 0;
  }
}
