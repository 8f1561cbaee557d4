package org.onedoor.platform;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine wraps an exception thrown by a task or execution listener in a generic
 * ProcessEngineException (ENGINE-03051), which the REST API answers with 500. This interceptor
 * sits outside the transaction and rethrows the {@link FormFieldValidationException} found in the
 * cause chain, so a refused submission is a 400 naming the field — from Tasklist, REST or Java —
 * after the transaction has rolled back. An {@link AuthorizationException} a listener throws (the
 * user may not complete this task) is lifted the same way, so REST answers 403.
 */
@Component
public class ValidationErrorsReachTheCaller extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired();
    List<CommandInterceptor> updated = interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
    updated.add(0, new Unwrapping());
    configuration.setCustomPreCommandInterceptorsTxRequired(updated);
  }

  static final class Unwrapping extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (RuntimeException e) {
        FormFieldValidationException validation = validationCause(e);
        if (validation != null && validation != e) {
          throw validation;
        }
        AuthorizationException refused = authorizationCause(e);
        if (refused != null && refused != e) {
          throw refused;
        }
        throw e;
      }
    }
  }

  static FormFieldValidationException validationCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof FormFieldValidationException validation) {
        return validation;
      }
    }
    return null;
  }

  static AuthorizationException authorizationCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AuthorizationException refused) {
        return refused;
      }
    }
    return null;
  }
}
