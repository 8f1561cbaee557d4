package org.onedoor.credit;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.onedoor.directory.Uscc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two intakes, as on two nodes, raising the same warning at the same moment, each in its own transaction: the first
 * has inserted it and not yet committed when the second looks (and finds nothing open) and inserts it too. The second
 * also raises a warning of another rule, which must survive. Run on H2 ({@code RiskWarningRaiseTest}) and on
 * PostgreSQL ({@code MonitoringOnPostgresTest}), where a refused statement spoils the whole transaction unless it ran
 * under a savepoint.
 */
public final class TwoIntakesAtOnce {

  private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000);

  /** When the warnings are received: a year no dashboard figure of another test looks at. */
  public static final Instant RECEIVED = Instant.parse("2019-03-01T04:00:00Z");

  /** What each intake registered, and how many warnings of each rule are there afterwards. */
  public record Outcome(int first, int second, long ofTheSharedRule, long ofTheSecondsOwnRule) {}

  private TwoIntakesAtOnce() {}

  public static Outcome raise(RiskWarningService warnings, TransactionTemplate transaction, JdbcClient jdbc, Instant now)
      throws Exception {
    String first17 = "9133010770" + String.format("%07d", NEXT.incrementAndGet() % 10_000_000);
    String uscc = first17 + Uscc.checkCharacter(first17);
    String rule = "RACE-" + System.nanoTime();
    RiskWarningService.RuleWarning shared = new RiskWarningService.RuleWarning(uscc, "竞态测试制药有限公司", "market",
        "drug-production", rule, "测试规则", "high", "两个节点同时收到同一预警");
    RiskWarningService.RuleWarning own = new RiskWarningService.RuleWarning(uscc, "竞态测试制药有限公司", "market",
        "drug-production", rule + "-B", "测试规则乙", "high", "只有第二个节点收到的预警");
    CountDownLatch firstInserted = new CountDownLatch(1);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> first = nodes.submit(() -> transaction.execute(status -> {
        int registered = warnings.raise(List.of(shared), now);
        firstInserted.countDown();
        try {
          // meanwhile the second intake looks (nothing committed yet) and inserts: it waits for this commit
          Thread.sleep(1_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return registered;
      }));
      if (!firstInserted.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the first intake did not raise its warning");
      }
      Future<Integer> second = nodes.submit(() -> transaction.execute(status -> warnings.raise(List.of(shared, own), now)));
      return new Outcome(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS), count(jdbc, uscc, rule),
          count(jdbc, uscc, rule + "-B"));
    } finally {
      nodes.shutdownNow();
    }
  }

  private static long count(JdbcClient jdbc, String uscc, String rule) {
    return jdbc.sql("SELECT COUNT(*) FROM credit_risk_warning WHERE uscc = :u AND rule_code = :r")
        .param("u", uscc).param("r", rule).query(Long.class).single();
  }
}
