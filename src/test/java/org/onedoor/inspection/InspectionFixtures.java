package org.onedoor.inspection;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An inspection as {@link InspectionOpening} leaves it, for tests of the features around it: market drew
 * zhangwei and lina, culture sunli and zhoujie; fire is flagged (its chiefs take the task).
 */
public final class InspectionFixtures {

  public static final String USCC = "91330100JOINT0001X";

  private InspectionFixtures() {}

  /** Inserts a fresh inspection and returns its number. */
  public static String open(JdbcClient jdbc, String planPrefix) {
    String plan = planPrefix + "-" + System.nanoTime() % 1_000_000_000L;
    String number = InspectionOpening.number(plan, 1);
    jdbc.sql("INSERT INTO inspection (number, plan_number, batch, uscc, status, opened_at)"
            + " VALUES (:n, :p, 1, :u, 'OPEN', :t)")
        .param("n", number).param("p", plan).param("u", USCC).param("t", Timestamp.from(Instant.now())).update();
    Map<String, List<String>> drawn = Map.of("market", List.of("zhangwei", "lina"), "culture", List.of("sunli", "zhoujie"));
    drawn.forEach((department, staff) -> staff.forEach(s ->
        jdbc.sql("INSERT INTO inspection_assignment (inspection_number, department, staff_number) VALUES (:n, :d, :s)")
            .param("n", number).param("d", department).param("s", s).update()));
    jdbc.sql("INSERT INTO inspection_flag (inspection_number, department, reason) VALUES (:n, 'fire', '符合条件的检查人员不足 2 人')")
        .param("n", number).update();
    return number;
  }
}
