package org.onedoor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The load balancer's view of a node: ready only with a working engine and, where jobs run here, a running job executor. */
class EngineReadinessIndicatorTest {

  private final ProcessEngine engine = mock(ProcessEngine.class);
  private final ManagementService management = mock(ManagementService.class);
  private final JobExecutor jobExecutor = mock(JobExecutor.class);

  EngineReadinessIndicatorTest() {
    when(engine.getName()).thenReturn("default");
    when(engine.getManagementService()).thenReturn(management);
  }

  @Test
  void aNodeWhoseJobExecutorHasNotStartedYetIsOutOfService() {
    when(jobExecutor.isActive()).thenReturn(false);
    Health health = EngineReadinessIndicator.check(engine, true, jobExecutor);
    assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    assertThat(health.getDetails()).containsEntry("jobExecutor", "not running yet");
  }

  @Test
  void aNodeWhoseEngineAndJobExecutorRunIsReady() {
    when(jobExecutor.isActive()).thenReturn(true);
    Health health = EngineReadinessIndicator.check(engine, true, jobExecutor);
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("jobExecutor", "running");
  }

  @Test
  void aNodeWhoseEngineCannotReachTheDatabaseIsOutOfService() {
    when(jobExecutor.isActive()).thenReturn(true);
    when(management.getProperties()).thenThrow(new ProcessEngineException("connection refused"));
    Health health = EngineReadinessIndicator.check(engine, true, jobExecutor);
    assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    assertThat(String.valueOf(health.getDetails().get("reason"))).contains("database");
  }

  @Test
  void aNodeThatRunsNoJobsIsReadyWithItsEngine() {
    Health health = EngineReadinessIndicator.check(engine, false, null);
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("jobExecutor", "off on this node");
  }
}
