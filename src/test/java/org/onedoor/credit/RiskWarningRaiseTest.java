package org.onedoor.credit;

import static org.assertj.core.api.Assertions.assertThat;

import org.onedoor.OnedoorSpringTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** At most one open warning per business and rule, also when two intakes raise it at the same moment. */
@OnedoorSpringTest
class RiskWarningRaiseTest {

  @Autowired RiskWarningService warnings;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcClient jdbc;

  @Test
  void twoIntakesRaisingTheSameWarningAtOnceOpenItOnceAndBothCommit() throws Exception {
    TwoIntakesAtOnce.Outcome outcome = TwoIntakesAtOnce.raise(warnings, transaction, jdbc, TwoIntakesAtOnce.RECEIVED);

    assertThat(outcome.first()).as("the first intake's warning").isOne();
    assertThat(outcome.second()).as("the second intake: only its own rule's warning").isOne();
    assertThat(outcome.ofTheSharedRule()).isOne();
    assertThat(outcome.ofTheSecondsOwnRule()).as("the second intake's other warning committed").isOne();
  }
}
