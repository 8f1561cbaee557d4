package org.onedoor.platform;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.platform.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A refused submission is the caller's mistake, not the engine's: the engine logs every exception
 * leaving a command at ERROR with its stack trace (ENGINE-16004), so each 400 a person gets in
 * Tasklist (a form field refused by a listener, a bad value through our API) filled the log with
 * errors. Here a command ending with a client error ({@link FormFieldValidationException},
 * {@link BadRequestException}, {@link NotFoundException}, {@link ConflictException}, {@link AuthorizationException}
 * anywhere in the cause chain) is logged by the engine at DEBUG only and by us as one INFO line without a stack
 * trace. Likewise a lost race on the same task or record ({@link Conflicts}, a task completed
 * meanwhile): the caller gets 409, the log one INFO line. Every other exception stays an ERROR.
 */
@Component
public class ClientErrorsAreNotEngineErrors extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(ClientErrorsAreNotEngineErrors.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    Factory factory = new Factory();
    // the engine sets its configuration only on the factory it creates itself
    factory.setProcessEngineConfiguration(configuration);
    configuration.setCommandContextFactory(factory);
  }

  /**
   * The client error in {@code e}'s cause chain, or null. A listener's {@link AuthorizationException} counts too: it
   * refuses the caller (403), as when the loser of two completions of one task is no longer among its candidates.
   */
  public static Throwable clientError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof FormFieldValidationException || t instanceof BadRequestException
          || t instanceof NotFoundException || t instanceof ConflictException || t instanceof AuthorizationException) {
        return t;
      }
    }
    return null;
  }

  /** The engine's "Cannot find task with id": the task was completed meanwhile, or never was. */
  static boolean taskNotFound(Throwable e) {
    return e instanceof org.camunda.bpm.engine.exception.NullValueException
        && e.getMessage() != null && e.getMessage().startsWith("Cannot find task with id");
  }

  static final class Factory extends CommandContextFactory {
    @Override
    public CommandContext createCommandContext() {
      return new QuietContext(getProcessEngineConfiguration());
    }
  }

  static final class QuietContext extends CommandContext {
    QuietContext(ProcessEngineConfigurationImpl configuration) {
      super(configuration);
    }

    @Override
    protected boolean shouldLogFine(Throwable exception) {
      Throwable client = clientError(exception);
      if (client != null) {
        log.info("request refused: {}", client.getMessage());
        return true;
      }
      if (Conflicts.isConflict(exception) || taskNotFound(exception)) {
        // issue 16 item 3: the loser of two requests on the same task or record at once (409)
        log.info("concurrent change refused: {}", exception.toString());
        return true;
      }
      return super.shouldLogFine(exception);
    }
  }
}
