package org.onedoor.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 16 item 2: a living node keeps the jobs it runs however long they take (the lock heartbeat),
 * and gives back what it holds when it stops; another node's locks are never touched. The jobs here
 * are bare rows, suspended so that no job executor acquires them.
 */
@OnedoorSpringTest
class JobLockHeartbeatTest {

  @Autowired JobLockHeartbeat heartbeat;
  @Autowired ClusterNode node;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;

  private final String mine = UUID.randomUUID().toString();
  private final String others = UUID.randomUUID().toString();

  private void lockedJob(String id, String owner, long expiresInMillis) {
    jdbc.update(
        "INSERT INTO ACT_RU_JOB (ID_, REV_, TYPE_, LOCK_OWNER_, LOCK_EXP_TIME_, EXCLUSIVE_, RETRIES_, SUSPENSION_STATE_,"
            + " PRIORITY_, SEQUENCE_COUNTER_) VALUES (?, 1, 'message', ?, ?, TRUE, 3, 2, 0, 1)",
        id, owner, new Timestamp(ClockUtil.getCurrentTime().getTime() + expiresInMillis));
  }

  private long expiresIn(String id) {
    return jdbc.queryForObject("SELECT LOCK_EXP_TIME_ FROM ACT_RU_JOB WHERE ID_ = ?", Timestamp.class, id).getTime()
        - ClockUtil.getCurrentTime().getTime();
  }

  @AfterEach
  void removeJobs() {
    jdbc.update("DELETE FROM ACT_RU_JOB WHERE ID_ IN (?, ?)", mine, others);
  }

  @Test
  void aLivingNodeExtendsItsOwnJobLocksToAWholeLockTimeAndLeavesOtherNodesLocksAlone() {
    lockedJob(mine, node.id(), 5_000);
    lockedJob(others, "crashed-node", 5_000);

    assertThat(heartbeat.extendLocks()).isGreaterThanOrEqualTo(1);

    long lockTime = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().getLockTimeInMillis();
    assertThat(expiresIn(mine)).as("this node's lock, extended to a whole lock time").isBetween(lockTime - 5_000, lockTime + 1_000);
    assertThat(expiresIn(others)).as("the crashed node's lock runs out").isLessThan(6_000L);
  }

  @Test
  void aStoppingNodeReleasesTheJobLocksItStillHoldsForTheOtherNodes() {
    lockedJob(mine, node.id(), 50_000);
    lockedJob(others, "living-node", 50_000);

    heartbeat.unlockOwnJobs();

    assertThat(jdbc.queryForObject("SELECT LOCK_OWNER_ FROM ACT_RU_JOB WHERE ID_ = ?", String.class, mine)).isNull();
    assertThat(jdbc.queryForObject("SELECT LOCK_EXP_TIME_ FROM ACT_RU_JOB WHERE ID_ = ?", Timestamp.class, mine)).isNull();
    assertThat(jdbc.queryForObject("SELECT LOCK_OWNER_ FROM ACT_RU_JOB WHERE ID_ = ?", String.class, others))
        .isEqualTo("living-node");
  }
}
