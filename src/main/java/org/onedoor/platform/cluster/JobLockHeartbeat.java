package org.onedoor.platform.cluster;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Makes a short job lock time safe and releases this node's jobs when it stops (issue 16 item 2).
 *
 * <ul>
 *   <li>The job executor's lock owner is this node's id ({@link ClusterNode}), so the jobs a node
 *       holds can be told apart in ACT_RU_JOB.LOCK_OWNER_.
 *   <li><b>Heartbeat</b>: every {@code onedoor.cluster.job-lock-heartbeat} (20 s) the locks this
 *       node holds are extended to a full lock time again. A node that is alive therefore never
 *       loses a job to another node, however long the job runs (a draw of a whole province); a
 *       node that died stops extending, and its jobs are free when their lock runs out: at most
 *       one lock time ({@code camunda.bpm.job-execution.lock-time-in-millis}, 60 s) after its last
 *       heartbeat, and the others' acquisition finds them within its longest wait ({@code
 *       max-wait}, 20 s). The heartbeat leaves REV_ alone, so the engine's own update of the job
 *       (optimistic locking on REV_) is not disturbed.
 *   <li><b>Graceful stop</b> (before the engine closes, after the web server has drained): the job
 *       executor stops acquiring; the jobs it runs are finished (up to {@code
 *       onedoor.cluster.job-drain-timeout}, 30 s); jobs acquired but not started are unlocked by
 *       Camunda's ExecuteJobsRunnable once the executor is inactive; whatever is still locked by
 *       this node afterwards is unlocked here, so the other nodes take it at once. If jobs are still
 *       running when the wait ends, nothing is unlocked (no job may run twice): their locks run out
 *       one lock time later.
 * </ul>
 */
@Component
public class JobLockHeartbeat extends AbstractProcessEnginePlugin implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JobLockHeartbeat.class);

  private final ClusterNode node;
  private final JdbcTemplate jdbc;
  private final TaskExecutor taskExecutor;
  private final Duration heartbeat;
  private final Duration drainTimeout;
  private volatile ProcessEngineConfigurationImpl configuration;
  private volatile ScheduledExecutorService scheduler;
  private volatile boolean running;

  public JobLockHeartbeat(
      ClusterNode node,
      JdbcTemplate jdbc,
      @Qualifier("camundaTaskExecutor") org.springframework.beans.factory.ObjectProvider<TaskExecutor> taskExecutor,
      @Value("${onedoor.cluster.job-lock-heartbeat:20s}") Duration heartbeat,
      @Value("${onedoor.cluster.job-drain-timeout:30s}") Duration drainTimeout) {
    this.node = node;
    this.jdbc = jdbc;
    this.taskExecutor = taskExecutor.getIfAvailable();
    this.heartbeat = heartbeat;
    this.drainTimeout = drainTimeout;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
    JobExecutor executor = configuration.getJobExecutor();
    if (executor != null) {
      executor.setLockOwner(node.id());
    }
  }

  private JobExecutor jobExecutor() {
    return configuration == null ? null : configuration.getJobExecutor();
  }

  /** Extends the locks this node holds to a full lock time from now; returns how many. */
  public int extendLocks() {
    JobExecutor executor = jobExecutor();
    if (executor == null) {
      return 0;
    }
    long now = ClockUtil.getCurrentTime().getTime();
    long lockTime = executor.getLockTimeInMillis();
    // every lock at least one beat old, so a lock never gets closer than lock time - 2 beats to its end
    Timestamp renewBefore = new Timestamp(now + lockTime - heartbeat.toMillis());
    return jdbc.update(
        "UPDATE ACT_RU_JOB SET LOCK_EXP_TIME_ = ? WHERE LOCK_OWNER_ = ? AND LOCK_EXP_TIME_ IS NOT NULL AND LOCK_EXP_TIME_ < ?",
        new Timestamp(now + lockTime), node.id(), renewBefore);
  }

  /** Unlocks every job still locked by this node (nothing of this node runs any more). */
  int unlockOwnJobs() {
    return jdbc.update("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL WHERE LOCK_OWNER_ = ?", node.id());
  }

  @Override
  public void start() {
    ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "onedoor-job-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(1000, heartbeat.toMillis());
    beat.scheduleWithFixedDelay(() -> {
      try {
        extendLocks();
      } catch (RuntimeException e) {
        // a deadlock with a job's own transaction, or the database away: the next beat tries again
        log.warn("could not extend this node's job locks: {}", e.toString());
      }
    }, period, period, TimeUnit.MILLISECONDS);
    scheduler = beat;
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    try {
      drain();
    } finally {
      ScheduledExecutorService beat = scheduler;
      if (beat != null) {
        beat.shutdownNow();
      }
    }
  }

  private void drain() {
    JobExecutor executor = jobExecutor();
    if (executor == null || !executor.isActive()) {
      return;
    }
    log.info("stopping job acquisition of node {}; finishing the jobs it runs", node.id());
    executor.shutdown();
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    while (busy() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (busy()) {
      log.warn("jobs still running on node {} after {}; their locks run out by themselves", node.id(), drainTimeout);
      return;
    }
    try {
      int released = unlockOwnJobs();
      log.info("node {} stopped its job executor; {} job lock(s) released for the other nodes", node.id(), released);
    } catch (RuntimeException e) {
      log.warn("could not release the job locks of node {}: {}", node.id(), e.toString());
    }
  }

  private boolean busy() {
    if (taskExecutor instanceof ThreadPoolTaskExecutor pool) {
      ThreadPoolExecutor threads = pool.getThreadPoolExecutor();
      return threads.getActiveCount() > 0 || !threads.getQueue().isEmpty();
    }
    return false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Below the web server's graceful shutdown: requests drain first, then the jobs. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 2048;
  }
}
