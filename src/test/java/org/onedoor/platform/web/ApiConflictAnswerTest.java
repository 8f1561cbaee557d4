package org.onedoor.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.onedoor.platform.Conflicts;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Issue 16 item 3 in onedoor's own API: a decision (a listing filing, a rectification report...)
 * whose second request loses a race answers 409 in Chinese; any other failure is not swallowed.
 */
class ApiConflictAnswerTest {

  private final ApiExceptionHandler handler = new ApiExceptionHandler();
  private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/listings/L-1/filing");

  @Test
  void theSecondInsertOfTheSameRecordAnswers409InChinese() {
    ResponseEntity<ApiExceptionHandler.ApiError> answer = handler.concurrentChange(
        new DuplicateKeyException("duplicate key value violates unique constraint \"listing_filing_pkey\""), request);
    assertThat(answer.getStatusCode().value()).isEqualTo(409);
    assertThat(answer.getBody().errors()).singleElement()
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Conflicts.CONCURRENT_CHANGE));
    assertThat(answer.getBody().path()).isEqualTo("/api/listings/L-1/filing");
  }

  @Test
  void anEngineOptimisticLockInsideADecisionAnswers409() {
    ResponseEntity<ApiExceptionHandler.ApiError> answer = handler.concurrentChange(
        new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE TaskEntity[t1]' failed"), request);
    assertThat(answer.getStatusCode().value()).isEqualTo(409);
  }

  @Test
  void otherFailuresAreRethrownUnchanged() {
    ProcessEngineException crash = new ProcessEngineException("simulated crash");
    assertThatThrownBy(() -> handler.concurrentChange(crash, request)).isSameAs(crash);
    DataIntegrityViolationException notNull = new DataIntegrityViolationException("null value in column");
    assertThatThrownBy(() -> handler.concurrentChange(notNull, request)).isSameAs(notNull);
  }
}
