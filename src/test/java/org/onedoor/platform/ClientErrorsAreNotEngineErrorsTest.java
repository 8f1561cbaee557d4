package org.onedoor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A refused request is one INFO line without a stack trace; a real failure stays an ERROR. */
@OnedoorSpringTest
@ExtendWith(OutputCaptureExtension.class)
class ClientErrorsAreNotEngineErrorsTest {

  @Autowired ProcessEngine engine;

  void run(Command<Void> command) {
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(command);
  }

  @Test
  void aBadRequestInsideTheEngineIsLoggedAsOneInfoLineNotAnError(CapturedOutput output) {
    assertThatThrownBy(() -> run(context -> {
      throw new BadRequestException("deadline", "“2026/10/01”不是 yyyy-MM-dd 格式的日期（日志测试）");
    })).isInstanceOf(BadRequestException.class);

    String logged = output.getOut() + output.getErr();
    assertThat(logged).contains("INFO").contains("request refused: deadline: “2026/10/01”不是 yyyy-MM-dd 格式的日期（日志测试）");
    assertThat(logged.lines().filter(l -> l.contains("日志测试"))).noneMatch(l -> l.contains("ERROR"));
    assertThat(logged).doesNotContain("at org.onedoor.platform.ClientErrorsAreNotEngineErrorsTest");
  }

  @Test
  void aListenersRefusalOfTheCallerIsLoggedAsOneInfoLineNotAnError(CapturedOutput output) {
    // what the loser of two completions of one task meets when its listener finds it no longer a candidate
    assertThatThrownBy(() -> run(context -> {
      throw new org.camunda.bpm.engine.ProcessEngineException("Exception while invoking TaskListener",
          new org.camunda.bpm.engine.AuthorizationException("只有本次抽取的检查人员可以办理（日志测试）"));
    })).isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class);

    String logged = output.getOut() + output.getErr();
    assertThat(logged).contains("request refused: 只有本次抽取的检查人员可以办理（日志测试）");
    assertThat(logged.lines().filter(l -> l.contains("日志测试"))).noneMatch(l -> l.contains("ERROR"));
  }

  @Test
  void anUnexpectedFailureInsideTheEngineIsStillAnError(CapturedOutput output) {
    assertThatThrownBy(() -> run(context -> {
      throw new IllegalStateException("simulated crash（日志测试）");
    })).isInstanceOf(IllegalStateException.class);

    assertThat((output.getOut() + output.getErr()).lines().filter(l -> l.contains("simulated crash（日志测试）")))
        .anyMatch(l -> l.contains("ERROR") && l.contains("ENGINE-16004"));
  }

  @Test
  void aUniqueViolationOfTheSecondOfTwoCompletionsIsAConflictNotAnError(CapturedOutput output) {
    // what the loser of two completions of one task meets when both insert the same row
    assertThatThrownBy(() -> run(context -> {
      throw new org.springframework.dao.DuplicateKeyException("duplicate key value violates unique constraint"
          + " \"inspection_visit_pkey\"（日志测试）");
    })).isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    assertThatThrownBy(() -> run(context -> {
      throw new org.camunda.bpm.engine.OptimisticLockingException("task changed meanwhile（日志测试）");
    })).isInstanceOf(org.camunda.bpm.engine.OptimisticLockingException.class);

    String logged = output.getOut() + output.getErr();
    assertThat(logged).contains("concurrent change refused").contains("inspection_visit_pkey");
    assertThat(logged.lines().filter(l -> l.contains("日志测试"))).isNotEmpty().noneMatch(l -> l.contains("ERROR"));
  }

  @Test
  void racesAreRecognisedAnywhereInTheCauseChainAndNothingElseIs() {
    java.sql.SQLException unique = new java.sql.SQLException("duplicate key", "23505");
    assertThat(Conflicts.message(new org.camunda.bpm.engine.ProcessEngineException("flush failed",
        new RuntimeException(unique)))).isEqualTo(Conflicts.CONCURRENT_CHANGE);
    assertThat(Conflicts.message(new org.camunda.bpm.engine.TaskAlreadyClaimedException("t1", "lina")))
        .isEqualTo(Conflicts.ALREADY_CLAIMED);
    assertThat(Conflicts.message(new org.camunda.bpm.engine.ProcessEngineException("other",
        new java.sql.SQLException("foreign key", "23503")))).isNull();
    assertThat(Conflicts.message(new IllegalStateException("boom"))).isNull();
    assertThat(Conflicts.CONCURRENT_CHANGE).contains("他人同时办理");
  }
}
