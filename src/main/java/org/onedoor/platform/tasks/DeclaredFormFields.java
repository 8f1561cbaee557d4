package org.onedoor.platform.tasks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.form.CamundaFormRefImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;

/**
 * The fields of the Camunda Form a user task names ({@code camunda:formRef}), read from the
 * deployed form at first use and cached per form definition (id = key and version).
 */
final class DeclaredFormFields {

  private final Map<String, FormFields> byFormDefinition = new ConcurrentHashMap<>();

  FormFields of(CommandContext context, TaskEntity task) {
    TaskDefinition definition = task.getTaskDefinition();
    if (definition == null || definition.getCamundaFormDefinitionKey() == null) {
      return FormFields.none();
    }
    String key = String.valueOf(value(definition.getCamundaFormDefinitionKey(), task));
    CamundaFormRefImpl ref = new CamundaFormRefImpl(key, definition.getCamundaFormDefinitionBinding());
    if (definition.getCamundaFormDefinitionVersion() != null) {
      Object version = value(definition.getCamundaFormDefinitionVersion(), task);
      ref.setVersion(version instanceof Number n ? n.intValue() : Integer.valueOf(String.valueOf(version)));
    }
    CamundaFormDefinition form =
        new GetCamundaFormDefinitionCmd(ref, task.getProcessDefinition().getDeploymentId()).execute(context);
    if (form == null) {
      return FormFields.none();
    }
    return byFormDefinition.computeIfAbsent(form.getId(), id -> {
      ResourceEntity resource = context.getResourceManager()
          .findResourceByDeploymentIdAndResourceName(form.getDeploymentId(), form.getResourceName());
      return FormFields.parse(resource.getBytes());
    });
  }

  private static Object value(Expression expression, TaskEntity task) {
    return task.getExecution() != null ? expression.getValue(task.getExecution()) : expression.getExpressionText();
  }
}
