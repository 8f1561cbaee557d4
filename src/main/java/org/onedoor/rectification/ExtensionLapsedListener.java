package org.onedoor.rectification;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "审批延期申请" deleted without being completed (the business reported while the request was open, the
 * boundary event ended the task): the open request is closed as lapsed. A completed task has no open
 * request left, so this does nothing then.
 */
@Component
public class ExtensionLapsedListener implements TaskListener {

  private final RectificationExtensions extensions;

  public ExtensionLapsedListener(RectificationExtensions extensions) {
    this.extensions = extensions;
  }

  @Override
  public void notify(DelegateTask task) {
    extensions.lapse(task.getProcessInstanceId(), ClockUtil.now().toInstant());
  }
}
