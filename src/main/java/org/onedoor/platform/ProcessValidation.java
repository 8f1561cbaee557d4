package org.onedoor.platform;

import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.onedoor.platform.web.BadRequestException;

/**
 * Helpers for delegates that validate what a user submitted. form-js validates only in the
 * browser, so every submission is checked again on the server. A {@link BadRequestException}
 * becomes a {@link FormFieldValidationException}: Camunda's REST API and Tasklist answer it with
 * HTTP 400 and the message, and the engine rolls back, so nothing changes.
 */
public final class ProcessValidation {

  private ProcessValidation() {}

  public static void validating(Runnable work) {
    try {
      work.run();
    } catch (BadRequestException e) {
      String message =
          e.errors().stream()
              .map(error -> error.field() + ": " + error.reason())
              .collect(Collectors.joining("; "));
      throw new FormFieldValidationException(e.errors().get(0).field(), message);
    }
  }

  /** The signed-in user completing a task (falls back to the assignee for engine-internal calls). */
  public static String actor(DelegateTask task) {
    Authentication auth =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return auth != null ? auth.getUserId() : task.getAssignee();
  }

  /** The signed-in user who caused this execution step, if any. */
  public static String actor(DelegateExecution execution) {
    Authentication auth =
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return auth != null ? auth.getUserId() : null;
  }
}
