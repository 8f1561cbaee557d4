package org.onedoor.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.*;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.DeleteHistoricProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.DeleteProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.removaltime.SetRemovalTimeToHistoricProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.migration.batch.MigrateProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricTaskInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.onedoor.platform.Conflicts;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.springframework.stereotype.Component;

/**
 * Issue 13, items 1 and 2: process state changes only through the model and its listeners, as the
 * person who acts, and only people's processes are started by people.
 *
 * <p>A command interceptor (before the engine opens its command context) looks at every
 * <em>top-level</em> command issued while {@link EngineApiCalls} marks the thread as serving
 * {@code /engine-rest/**} or {@code /camunda/api/engine/**}. For anybody but {@code camunda-admin} it
 * refuses (403, {@link AuthorizationException}) the state surgery the REST API offers beside the
 * model: starts at chosen activities or skipping listeners or I/O mappings, process-instance
 * modification, restart and migration, variable writes outside a task completion, message and signal
 * correlation, job and definition manipulation, deletion and history rewriting. Commands our own
 * services, listeners, delegates and the job executor issue are untouched: they run either on
 * threads that are not marked or nested inside a command that is already running.
 *
 * <p>A person start ({@code /start}, {@code /submit-form}) must be of a process a {@link
 * PersonStartRule} declares; it may set only the variables its start form declares (400 naming the
 * first other one), never an {@code initiator} other than the user (403), and must pass the rule's
 * own check. Failures of the started process's validation answer 400 (not 500) and a wrong state
 * 409, as our own API does.
 */
@Component
public class EngineApiGuard extends AbstractProcessEnginePlugin {

  static final String MODEL_ONLY =
      "流程状态只能按流程模型、由办理人本人改变；此操作仅限系统管理员 / process state changes only through the model,"
          + " as the person who acts: this operation is for administrators only";
  static final String SYSTEM_STARTED =
      "此流程由系统启动，个人不能直接发起 / this process is started by the application, not by a person";

  /** Refused for non-administrators when they come straight from the engine API. */
  static final Set<Class<?>> REFUSED = Set.of(
      // starts at chosen activities (startInstructions), with skip flags
      StartProcessInstanceAtActivitiesCmd.class,
      // modification, restart, migration
      ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class, ProcessInstanceModificationCmd.class,
      ProcessInstanceModificationBatchCmd.class,
      RestartProcessInstancesCmd.class, RestartProcessInstancesBatchCmd.class, MigrateProcessInstanceCmd.class,
      MigrateProcessInstanceBatchCmd.class, SetProcessDefinitionVersionCmd.class,
      // variable writes outside a task completion
      SetExecutionVariablesCmd.class, RemoveExecutionVariablesCmd.class, PatchExecutionVariablesCmd.class,
      SetTaskVariablesCmd.class, RemoveTaskVariablesCmd.class, PatchTaskVariablesCmd.class,
      SetVariablesToProcessInstancesBatchCmd.class,
      // triggering the model from outside: messages, signals, conditions, BPMN errors and escalations on tasks
      CorrelateMessageCmd.class, CorrelateAllMessageCmd.class, CorrelateAllMessageBatchCmd.class,
      MessageEventReceivedCmd.class, SignalEventReceivedCmd.class, SignalCmd.class, EvaluateStartConditionCmd.class,
      HandleTaskBpmnErrorCmd.class, HandleTaskEscalationCmd.class,
      // jobs and definitions
      ExecuteJobsCmd.class, SetJobRetriesCmd.class, SetJobsRetriesBatchCmd.class, SetJobDuedateCmd.class,
      RecalculateJobDuedateCmd.class, SetJobPriorityCmd.class, SetJobDefinitionPriorityCmd.class,
      SuspendJobCmd.class, ActivateJobCmd.class, SuspendJobDefinitionCmd.class, ActivateJobDefinitionCmd.class,
      DeleteJobCmd.class, SuspendProcessDefinitionCmd.class, ActivateProcessDefinitionCmd.class,
      SuspendProcessInstanceCmd.class, ActivateProcessInstanceCmd.class, UpdateProcessInstancesSuspendStateCmd.class,
      UpdateProcessInstancesSuspendStateBatchCmd.class, DeployCmd.class, DeleteDeploymentCmd.class,
      // incidents and external tasks (onedoor has no external workers)
      CreateIncidentCmd.class, ResolveIncidentCmd.class, FetchExternalTasksCmd.class, LockExternalTaskCmd.class,
      CompleteExternalTaskCmd.class, HandleExternalTaskFailureCmd.class, HandleExternalTaskBpmnErrorCmd.class,
      // deletion and history rewriting
      DeleteProcessInstanceCmd.class, DeleteProcessInstancesCmd.class, DeleteProcessInstanceBatchCmd.class,
      DeleteHistoricProcessInstancesCmd.class, DeleteHistoricProcessInstancesBatchCmd.class,
      DeleteHistoricVariableInstanceCmd.class, DeleteHistoricVariableInstancesByProcessInstanceIdCmd.class,
      DeleteUserOperationLogEntryCmd.class, SetRemovalTimeToHistoricProcessInstancesCmd.class);

  private static final Field START_BUILDER = field(StartProcessInstanceCmd.class, "instantiationBuilder");
  private static final Field FORM_DEFINITION = field(SubmitStartFormCmd.class, "processDefinitionId");
  private static final Field FORM_VARIABLES = field(SubmitStartFormCmd.class, "variables");

  private final Map<String, PersonStartRule> rules;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Set<String>> startFormFields = new ConcurrentHashMap<>();
  private ProcessEngineConfigurationImpl configuration;

  public EngineApiGuard(List<PersonStartRule> rules) {
    this.rules = rules.stream().collect(Collectors.toUnmodifiableMap(PersonStartRule::processKey, Function.identity()));
  }

  /** The keys of the processes people start; every other process is started by the application. */
  public Set<String> personStartedProcesses() {
    return rules.keySet();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
    List<CommandInterceptor> required = configuration.getCustomPreCommandInterceptorsTxRequired();
    List<CommandInterceptor> updated = required == null ? new ArrayList<>() : new ArrayList<>(required);
    updated.add(0, new Guard());
    configuration.setCustomPreCommandInterceptorsTxRequired(updated);
    List<CommandInterceptor> requiresNew = configuration.getCustomPreCommandInterceptorsTxRequiresNew();
    List<CommandInterceptor> updatedNew = requiresNew == null ? new ArrayList<>() : new ArrayList<>(requiresNew);
    updatedNew.add(0, new Guard());
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(updatedNew);
  }

  final class Guard extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (!EngineApiCalls.inEngineApiRequest() || Context.getCommandContext() != null) {
        return next.execute(command);
      }
      try {
        return guarded(command);
      } catch (RuntimeException e) {
        // a wrong state (ConflictException) or a refused field deep in a listener: 409 or 400, not 500
        if (completedMeanwhile(e, command)) {
          throw new InvalidRequestException(Status.CONFLICT, Conflicts.TASK_GONE);
        }
        throw translated(e, command);
      }
    }

    private <T> T guarded(Command<T> command) {
      Authentication authentication = configuration.getIdentityService().getCurrentAuthentication();
      List<String> groups = authentication == null || authentication.getGroupIds() == null
          ? List.of() : authentication.getGroupIds();
      if (groups.contains(Role.CAMUNDA_ADMIN_GROUP)) {
        return next.execute(command);
      }
      if (REFUSED.contains(command.getClass())) {
        throw new AuthorizationException(command.getClass().getSimpleName() + ": " + MODEL_ONLY);
      }
      boolean start = command instanceof StartProcessInstanceCmd || command instanceof SubmitStartFormCmd;
      if (!start) {
        return next.execute(command);
      }
      if (authentication == null || authentication.getUserId() == null) {
        throw new AuthorizationException("user: 请登录后发起流程 / sign in to start a process");
      }
      PersonStartRule.Starter starter = new PersonStartRule.Starter(authentication.getUserId(), groups);
      checkPersonStart(command, starter);
      return next.execute(command);
    }
  }

  /** A start by a person: a people's process, the variables of its start form, the rule's checks. */
  private void checkPersonStart(Command<?> command, PersonStartRule.Starter starter) {
    String definitionId;
    String definitionKey;
    Map<String, Object> variables;
    if (command instanceof StartProcessInstanceCmd) {
      ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) read(START_BUILDER, command);
      if (builder.getModificationBuilder() != null
          && (builder.getModificationBuilder().isSkipCustomListeners() || builder.getModificationBuilder().isSkipIoMappings())) {
        throw new AuthorizationException("skipCustomListeners: " + MODEL_ONLY);
      }
      definitionId = builder.getProcessDefinitionId();
      definitionKey = builder.getProcessDefinitionKey();
      variables = builder.getVariables();
    } else if (command instanceof SubmitStartFormCmd) {
      definitionId = (String) read(FORM_DEFINITION, command);
      definitionKey = null;
      @SuppressWarnings("unchecked")
      Map<String, Object> submitted = (Map<String, Object>) read(FORM_VARIABLES, command);
      variables = submitted;
    } else {
      return;
    }
    ProcessDefinitionEntity definition = definition(definitionId, definitionKey);
    PersonStartRule rule = rules.get(definition.getKey());
    if (rule == null) {
      throw new AuthorizationException(definition.getKey() + ": " + SYSTEM_STARTED);
    }
    Map<String, Object> given = variables == null ? Map.of() : variables;
    Object initiator = given.get("initiator");
    if (initiator != null && !starter.userId().equals(String.valueOf(initiator))) {
      throw new AuthorizationException("initiator: 发起人只能是登录用户本人 / the initiator is the signed-in user,"
          + " never a variable (" + initiator + ")");
    }
    Set<String> declared = startFormFields.computeIfAbsent(definition.getId(), this::startFormFields);
    for (String name : given.keySet()) {
      if (!declared.contains(name)) {
        throw new BadRequestException(name, "启动表单未声明此变量 / not a field of the start form");
      }
    }
    rule.check(starter, given);
  }

  /** The deployed definition, read inside a command of its own (the guard lets it through). */
  private ProcessDefinitionEntity definition(String id, String key) {
    return configuration.getCommandExecutorTxRequired().execute(context -> id != null
        ? context.getProcessEngineConfiguration().getDeploymentCache().findDeployedProcessDefinitionById(id)
        : context.getProcessEngineConfiguration().getDeploymentCache().findDeployedLatestProcessDefinitionByKey(key));
  }

  /** The top-level variable names a Camunda Form start form submits (keys; paths of lists and groups). */
  private Set<String> startFormFields(String definitionId) {
    Set<String> names = new LinkedHashSet<>();
    try (InputStream form = configuration.getFormService().getDeployedStartForm(definitionId)) {
      collect(json.readTree(form).path("components"), names);
    } catch (IOException | RuntimeException e) {
      if (e instanceof AuthorizationException refused) {
        throw refused;
      }
      // no start form: a person may set no variables
    }
    return Set.copyOf(names);
  }

  private static void collect(JsonNode components, Set<String> names) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if (component.hasNonNull("key")) {
        names.add(component.get("key").asText());
      } else if (("dynamiclist".equals(type) || "group".equals(type)) && component.hasNonNull("path")) {
        names.add(component.get("path").asText().split("\\.")[0]);
      } else if (component.has("components")) {
        collect(component.get("components"), names);
      }
    }
  }

  /**
   * Issue 16 item 3: a task command (complete, submit-form, claim, assign...) that lost its task
   * because another request completed it a moment before: the task is in the history, ended. The
   * loser met "task not found" or, when the task was read before and its authorizations deleted
   * meanwhile, an {@link AuthorizationException}; the latter counts only for a person who was one of
   * the task's candidates or its assignee (anybody else keeps the 403). A task id that never
   * existed stays the engine's own answer.
   */
  private boolean completedMeanwhile(RuntimeException e, Command<?> command) {
    boolean notFound = false;
    boolean refused = false;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      notFound |= t instanceof NullValueException || t instanceof org.camunda.bpm.engine.exception.NotFoundException;
      refused |= t instanceof AuthorizationException;
    }
    String taskId = notFound || refused ? taskId(command) : null;
    if (taskId == null) {
      return false;
    }
    Authentication person = configuration.getIdentityService().getCurrentAuthentication();
    boolean gone = notFound;
    return configuration.getCommandExecutorTxRequired().execute(context -> {
      if (context.getTaskManager().findTaskById(taskId) != null) {
        return false;
      }
      HistoricTaskInstanceEntity historic = context.getHistoricTaskInstanceManager().findHistoricTaskInstanceById(taskId);
      if (historic == null || historic.getEndTime() == null) {
        return false;
      }
      return gone || wasInvolved(taskId, historic.getAssignee(), person);
    });
  }

  /** Whether {@code person} was the task's assignee or one of its candidates (by user or group). */
  private boolean wasInvolved(String taskId, String assignee, Authentication person) {
    if (person == null || person.getUserId() == null) {
      return false;
    }
    if (person.getUserId().equals(assignee)) {
      return true;
    }
    List<String> groups = person.getGroupIds() == null ? List.of() : person.getGroupIds();
    CommandContext context = Context.getCommandContext();
    context.disableAuthorizationCheck();
    try {
      return configuration.getHistoryService().createHistoricIdentityLinkLogQuery().taskId(taskId)
          .type(org.camunda.bpm.engine.task.IdentityLinkType.CANDIDATE).list().stream()
          .anyMatch(link -> person.getUserId().equals(link.getUserId()) || groups.contains(link.getGroupId()));
    } finally {
      context.enableAuthorizationCheck();
    }
  }

  /** The {@code taskId} of Camunda's task commands, or null for other commands. */
  private static String taskId(Command<?> command) {
    for (Class<?> type = command.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField("taskId");
        if (field.getType() != String.class) {
          return null;
        }
        field.setAccessible(true);
        return (String) field.get(command);
      } catch (NoSuchFieldException next) {
        // look in the superclass
      } catch (IllegalAccessException | RuntimeException unreadable) {
        return null;
      }
    }
    return null;
  }

  /** What the engine API should answer for a failure of a command a person issued through it. */
  static RuntimeException translated(RuntimeException e, Command<?> command) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PersonStartRule.Refused refused) {
        return new AuthorizationException(refused.getMessage());
      }
      if (t instanceof AuthorizationException) {
        return e;
      }
      if (t instanceof ConflictException conflict) {
        return new InvalidRequestException(Status.CONFLICT, conflict.getMessage());
      }
      if (t instanceof BadRequestException bad) {
        return new InvalidRequestException(Status.BAD_REQUEST, fieldMessage(bad));
      }
      String race = Conflicts.message(t);
      if (race != null) {
        // issue 16 item 3: the same task or record changed by two requests at once; this one lost
        return new InvalidRequestException(Status.CONFLICT, race);
      }
      if (t instanceof FormFieldValidationException invalid && command instanceof StartProcessInstanceCmd) {
        // /process-definition/.../start answers every engine exception with 500; a refused field is a 400
        return new InvalidRequestException(Status.BAD_REQUEST, invalid.getMessage());
      }
    }
    return e;
  }

  private static String fieldMessage(BadRequestException bad) {
    return bad.errors().stream().map(error -> error.field() + ": " + error.reason()).collect(Collectors.joining("; "));
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("Camunda changed " + type.getName() + "." + name + ": review EngineApiGuard", e);
    }
  }

  private static Object read(Field field, Object target) {
    try {
      return field.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
