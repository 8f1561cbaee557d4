package org.onedoor.notification;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Puts {@link NotificationTaskListener} on every user task of every model as it is parsed (as
 * {@code EmptyCandidateGroupIncidents} does): no model names it, and a new process is covered without a
 * change.
 */
@Component
class NotificationEnginePlugin extends AbstractProcessEnginePlugin {

  private final TaskListener listener;

  NotificationEnginePlugin(ObjectProvider<TaskNotifications> notifications) {
    this.listener = new NotificationTaskListener(notifications);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
          var definition = behavior.getTaskDefinition();
          for (String event : List.of(TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT,
              TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE)) {
            definition.addBuiltInTaskListener(event, listener);
          }
        }
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }
}
