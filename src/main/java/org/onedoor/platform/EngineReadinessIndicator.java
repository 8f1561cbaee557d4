package org.onedoor.platform;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Part of {@code /actuator/health/readiness} (application.yml, group {@code readiness}): a node is
 * ready for users only when its process engine answers the database and, where this node runs jobs
 * ({@code camunda.bpm.job-execution.enabled}), its job executor is active. Until then the load
 * balancer keeps users on the other nodes; a node whose job executor has stopped leaves the rotation.
 */
@Component("engineReadiness")
public class EngineReadinessIndicator implements HealthIndicator {

  private final ProcessEngine engine;
  private final boolean jobExecutionEnabled;

  public EngineReadinessIndicator(ProcessEngine engine,
      @Value("${camunda.bpm.job-execution.enabled:true}") boolean jobExecutionEnabled) {
    this.engine = engine;
    this.jobExecutionEnabled = jobExecutionEnabled;
  }

  @Override
  public Health health() {
    JobExecutor jobExecutor = engine.getProcessEngineConfiguration() instanceof ProcessEngineConfigurationImpl c
        ? c.getJobExecutor() : null;
    return check(engine, jobExecutionEnabled, jobExecutor);
  }

  static Health check(ProcessEngine engine, boolean jobExecutionEnabled, JobExecutor jobExecutor) {
    Health.Builder health = Health.up().withDetail("engine", engine.getName());
    try {
      // a query through the engine: its schema is there and its connection pool answers
      engine.getManagementService().getProperties();
    } catch (RuntimeException e) {
      return Health.status(Status.OUT_OF_SERVICE).withDetail("engine", engine.getName())
          .withDetail("reason", "the engine cannot reach its database: " + e.getClass().getSimpleName()).build();
    }
    if (!jobExecutionEnabled) {
      return health.withDetail("jobExecutor", "off on this node").build();
    }
    if (jobExecutor == null || !jobExecutor.isActive()) {
      return Health.status(Status.OUT_OF_SERVICE).withDetail("engine", engine.getName())
          .withDetail("jobExecutor", "not running yet").build();
    }
    return health.withDetail("jobExecutor", "running").build();
  }
}
