package org.onedoor.platform.tasks;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Engine plugin: a completion sets only what its form declares, a task is handed only to its own
 * candidates ({@link TaskCommandGuard}, inside the command context so REST, the webapps and Java
 * callers alike pass it), and whoever loses a task loses their grant on it
 * ({@link FormerAssigneesLoseTheTask}).
 */
@Component
public class TasksStayWithTheirCandidates extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    interceptors.add(new TaskCommandGuard());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
    configuration.setResourceAuthorizationProvider(new FormerAssigneesLoseTheTask());
  }
}
