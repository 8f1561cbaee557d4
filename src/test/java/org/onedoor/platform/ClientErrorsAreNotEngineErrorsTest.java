package org.onedoor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.beans.factory.annotation.Autowired;
import org.slf4j.LoggerFactory;

/**
 * A refused request is one INFO line without a stack trace; a real failure stays an ERROR. The log events are read
 * from the logging system itself, not from the console: another test class that starts an application of its own sets
 * logging up again, and the console a capture of System.out sees may then be silent.
 */
@OnedoorSpringTest
class ClientErrorsAreNotEngineErrorsTest {

  @Autowired ProcessEngine engine;
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void listen() {
    logged.start();
    root().addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    root().detachAppender(logged);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** The events mentioning {@code marker}, as "LEVEL message", with " [stack trace]" when one was logged. */
  private List<String> lines(String marker) {
    return logged.list.stream().filter(e -> e.getFormattedMessage().contains(marker))
        .map(e -> e.getLevel() + " " + e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : " [stack trace]"))
        .toList();
  }

  void run(Command<Void> command) {
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(command);
  }

  @Test
  void aBadRequestInsideTheEngineIsLoggedAsOneInfoLineNotAnError() {
    assertThatThrownBy(() -> run(context -> {
      throw new BadRequestException("deadline", "“2026/10/01”不是 yyyy-MM-dd 格式的日期（日志测试）");
    })).isInstanceOf(BadRequestException.class);

    assertThat(lines("日志测试"))
        .containsExactly("INFO request refused: deadline: “2026/10/01”不是 yyyy-MM-dd 格式的日期（日志测试）");
  }

  @Test
  void aListenersRefusalOfTheCallerIsLoggedAsOneInfoLineNotAnError() {
    // what the loser of two completions of one task meets when its listener finds it no longer a candidate
    assertThatThrownBy(() -> run(context -> {
      throw new org.camunda.bpm.engine.ProcessEngineException("Exception while invoking TaskListener",
          new org.camunda.bpm.engine.AuthorizationException("只有本次抽取的检查人员可以办理（日志测试）"));
    })).isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class);

    assertThat(lines("日志测试")).containsExactly("INFO request refused: 只有本次抽取的检查人员可以办理（日志测试）");
  }

  @Test
  void anUnexpectedFailureInsideTheEngineIsStillAnError() {
    assertThatThrownBy(() -> run(context -> {
      throw new IllegalStateException("simulated crash（日志测试）");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(lines("simulated crash（日志测试）"))
        .anyMatch(l -> l.startsWith("ERROR") && l.contains("ENGINE-16004") && l.endsWith("[stack trace]"));
  }

  @Test
  void aUniqueViolationOfTheSecondOfTwoCompletionsIsAConflictNotAnError() {
    // what the loser of two completions of one task meets when both insert the same row
    assertThatThrownBy(() -> run(context -> {
      throw new org.springframework.dao.DuplicateKeyException("duplicate key value violates unique constraint"
          + " \"inspection_visit_pkey\"（日志测试）");
    })).isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    assertThatThrownBy(() -> run(context -> {
      throw new org.camunda.bpm.engine.OptimisticLockingException("task changed meanwhile（日志测试）");
    })).isInstanceOf(org.camunda.bpm.engine.OptimisticLockingException.class);

    assertThat(lines("日志测试")).hasSize(2).allMatch(l -> l.startsWith("INFO concurrent change refused"))
        .anyMatch(l -> l.contains("inspection_visit_pkey"));
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
