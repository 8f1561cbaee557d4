package org.onedoor.inspection;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.onedoor.TestClock;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An inspection as {@link InspectionOpening} leaves it, for tests of the features around it: market drew
 * zhangwei and lina, culture sunli and zhoujie; fire is flagged (its chiefs take the task).
 */
public final class InspectionFixtures {

  public static final String USCC = "91330100JOINT0001X";

  private InspectionFixtures() {}

  private static final java.util.concurrent.atomic.AtomicLong NEXT = new java.util.concurrent.atomic.AtomicLong(
      System.nanoTime() % 1_000_000L * 1000);

  /** Inserts a fresh inspection and returns its number. */
  public static String open(JdbcClient jdbc, String planPrefix) {
    return open(jdbc, planPrefix, USCC);
  }

  /** A business in the directory with a valid, fresh USCC and this name; returns the USCC. */
  public static String entity(JdbcClient jdbc, String name) {
    String first17 = "91350200" + String.format("%09d", NEXT.incrementAndGet() % 1_000_000_000L);
    String uscc = first17 + org.onedoor.directory.Uscc.checkCharacter(first17);
    Timestamp now = Timestamp.from(TestClock.now());
    jdbc.sql("INSERT INTO directory_entity (uscc, name, type, category, subcategory, unit, region, address,"
            + " legal_representative, status, credit_class, risk_level, tags, commitment, created_at, updated_at)"
            + " VALUES (:u, :n, 'enterprise', '', '', '', '', '', '', 'active', 'B', 'medium', '', FALSE, :t, :t)")
        .param("u", uscc).param("n", name).param("t", now).update();
    return uscc;
  }

  /** Inserts a fresh inspection of {@code uscc} and returns its number. */
  public static String open(JdbcClient jdbc, String planPrefix, String uscc) {
    String plan = planPrefix + "-" + System.nanoTime() % 1_000_000_000L;
    String number = InspectionOpening.number(plan, 1);
    jdbc.sql("INSERT INTO inspection (number, plan_number, batch, uscc, status, opened_at)"
            + " VALUES (:n, :p, 1, :u, 'OPEN', :t)")
        .param("n", number).param("p", plan).param("u", uscc).param("t", Timestamp.from(TestClock.now())).update();
    Map<String, List<String>> drawn = Map.of("market", List.of("zhangwei", "lina"), "culture", List.of("sunli", "zhoujie"));
    drawn.forEach((department, staff) -> staff.forEach(s ->
        jdbc.sql("INSERT INTO inspection_assignment (inspection_number, department, staff_number) VALUES (:n, :d, :s)")
            .param("n", number).param("d", department).param("s", s).update()));
    jdbc.sql("INSERT INTO inspection_flag (inspection_number, department, reason) VALUES (:n, 'fire', '符合条件的检查人员不足 2 人')")
        .param("n", number).update();
    return number;
  }
}
