package org.onedoor.credit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts {@code risk-warning} for the warnings a monitoring source's rules registered (an outbox: the
 * warning row is the message). Registering is part of the intake's transaction — durable, de-duplicated —
 * while starting a process instance costs more than storing a thousand readings, so the instances are
 * started once that transaction has committed: on a worker thread ({@code onedoor.credit.warning-start:
 * background}, the default: the platform's request returns at once) or in the committing thread
 * ({@code inline}). Each start claims its warning (a conditional update of {@code process_instance_id},
 * in the start's transaction), so two nodes or a retry never start one twice; a sweep every minute starts
 * whatever a stopped node left (registered, never started). The start also publishes
 * {@link RiskWarningRaised} (the department's chiefs are told), so finding and writing those notifications is
 * no part of the intake either. Timer {@code onedoor.warnings.start}: the time spent starting.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class WarningStarter {

  private static final Logger log = LoggerFactory.getLogger(WarningStarter.class);
  static final int CHUNK = 50;
  private static final String CLAIM = "starting";

  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final ProcessEngine engine;
  private final TransactionTemplate tx;
  private final org.springframework.context.ApplicationEventPublisher events;
  private final boolean background;
  private final Timer timer;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "risk-warning-starter");
    t.setDaemon(true);
    return t;
  });

  WarningStarter(JdbcClient jdbc, RuntimeService runtime, IdentityService identity, ProcessEngine engine,
      PlatformTransactionManager transactions, MeterRegistry meters,
      org.springframework.context.ApplicationEventPublisher events,
      @Value("${onedoor.credit.warning-start:background}") String mode) {
    this.events = events;
    if (!mode.equals("background") && !mode.equals("inline")) {
      throw new IllegalArgumentException("onedoor.credit.warning-start must be background or inline, not " + mode);
    }
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.identity = identity;
    this.engine = engine;
    this.tx = new TransactionTemplate(transactions);
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.background = mode.equals("background");
    this.timer = Timer.builder("onedoor.warnings.start").description("starting risk-warning for registered warnings")
        .register(meters);
  }

  /** Starts the warnings' processes once the current transaction commits (at once without one). */
  void afterCommit(List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    Runnable work = background ? () -> executor.submit(() -> startQuietly(ids)) : () -> start(ids);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          work.run();
        }
      });
    } else {
      work.run();
    }
  }

  private void startQuietly(List<Long> ids) {
    try {
      start(ids);
    } catch (RuntimeException e) {
      // left registered and not started: the sweep starts them
      log.warn("risk warnings {} not started now ({}); the sweep retries", ids, e.toString());
    }
  }

  /** Starts the process of each warning not started yet, {@value #CHUNK} per transaction; returns how many. */
  public int start(List<Long> ids) {
    int started = 0;
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      started += timer.record(() -> tx.execute(status -> startChunk(chunk)));
    }
    return started;
  }

  private int startChunk(List<Long> ids) {
    // claim first: a row another node is starting waits for its commit and then is no longer ours
    Map<Long, String> claimed = new LinkedHashMap<>();
    for (long id : ids) {
      if (jdbc.sql("UPDATE credit_risk_warning SET process_instance_id = :claim WHERE id = :id"
              + " AND process_instance_id IS NULL").param("claim", CLAIM).param("id", id).update() == 1) {
        RiskWarningRaised raised = jdbc.sql("SELECT department, entity_name, received_at FROM credit_risk_warning"
                + " WHERE id = :id").param("id", id)
            .query((rs, n) -> new RiskWarningRaised(id, rs.getString("entity_name"), rs.getString("department"),
                RiskWarningService.sourceLabel("monitoring"), "system", rs.getTimestamp("received_at").toInstant(),
                java.util.Set.of(org.onedoor.security.Role.CHIEF.workGroupId(rs.getString("department")))))
            .single();
        claimed.put(id, raised.department());
        // the department's chiefs hear of it as of any other warning (notifications, issue 17), in this transaction
        events.publishEvent(raised);
      }
    }
    if (claimed.isEmpty()) {
      return 0;
    }
    List<Object[]> started = new ArrayList<>();
    asApplication(() -> ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired().execute(context -> {
          // one command for the chunk: the engine flushes once, each kind of row as one batch
          claimed.forEach((id, department) -> {
            // ids and routing only: the tasks show the warning from our table (RiskWarningService.shown)
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("warningId", id);
            variables.put("department", department);
            started.add(new Object[] {runtime.createMessageCorrelation(RiskWarningService.RAISED_MESSAGE)
                .processInstanceBusinessKey("RW-" + id).setVariables(variables).correlateStartMessage().getId(), id});
          });
          return null;
        }));
    for (Object[] s : started) {
      jdbc.sql("UPDATE credit_risk_warning SET process_instance_id = :pi WHERE id = :id").param("pi", s[0])
          .param("id", s[1]).update();
    }
    return started.size();
  }

  /** Warnings registered by rules and never started (a node stopped in between): started now. */
  @Scheduled(fixedDelayString = "${onedoor.credit.warning-start-sweep:PT1M}", initialDelayString = "PT30S")
  public int sweep() {
    List<Long> pending = jdbc.sql("SELECT id FROM credit_risk_warning WHERE process_instance_id IS NULL"
            + " AND source = 'monitoring' AND status = 'CHECKING' ORDER BY id")
        .query(Long.class).list();
    int started = 0;
    try {
      started = pending.isEmpty() ? 0 : start(pending);
    } catch (RuntimeException e) {
      // e.g. a lock held by the worker starting the same warnings: the next sweep sees them started
      log.warn("sweep of unstarted risk warnings stopped ({}); the next sweep goes on", e.toString());
    }
    if (started > 0) {
      log.info("risk-warning started for {} warnings left unstarted", started);
    }
    return started;
  }

  private void asApplication(Runnable work) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      work.run();
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }

  @PreDestroy
  void stop() throws InterruptedException {
    executor.shutdown();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }
}
