package org.onedoor.platform;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Tasklist lists the variables a filter names next to each task, but reads process variables only
 * for users allowed to read the whole process instance — which inspectors are not, so that one
 * department cannot browse another's cases. Every user task therefore gets a copy of the business
 * it concerns (name and USCC; a sampling plan's number and name) as task-local variables, readable by whoever may see the task.
 */
@Component
public class TaskListShowsTheBusiness extends AbstractProcessEnginePlugin {

  /** Process variables copied onto each new user task, when present. */
  public static final List<String> SHOWN_VARIABLES = List.of("entityName", "uscc", "planTitle");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners =
        configuration.getCustomPostBPMNParseListeners() == null
            ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AddCopyListener());
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  static final class AddCopyListener extends AbstractBpmnParseListener {
    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
        behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, COPY);
      }
    }
  }

  static final TaskListener COPY =
      (DelegateTask task) -> {
        for (String name : SHOWN_VARIABLES) {
          Object value = task.getVariable(name);
          if (value != null) {
            task.setVariableLocal(name, value);
          }
        }
      };
}
