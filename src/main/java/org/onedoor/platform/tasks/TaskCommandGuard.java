package org.onedoor.platform.tasks;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.onedoor.platform.TextCheck;

/**
 * Sits inside the engine's command context, so the REST API ({@code /engine-rest} and the webapps'
 * {@code /camunda/api/engine}) and Java callers signed in as a person all pass it:
 * <ul>
 *   <li><b>A completion sets only what its form declares</b> ({@code complete}, {@code resolve},
 *       {@code submit-form}): an undeclared variable is refused with 400 naming it; a read-only field
 *       (shown, not answered) is accepted back unchanged and never written, a changed one is refused.</li>
 *   <li><b>Assignment, delegation and candidates stay inside the task's candidates</b>: an assignee,
 *       owner, delegate, claimant or new candidate must be a candidate user of the task, a member of
 *       one of its candidate groups, or the assignee the model names; removing a candidate is refused.
 *       403 otherwise; {@code camunda-admin} is exempt.</li>
 * </ul>
 * Calls without an authenticated user are the application's own (delegates, jobs, seeding) and pass.
 */
final class TaskCommandGuard extends CommandInterceptor {

  static final String ADMIN_GROUP = "camunda-admin";

  private final DeclaredFormFields forms = new DeclaredFormFields();

  @Override
  public <T> T execute(Command<T> command) {
    CommandContext context = Context.getCommandContext();
    Authentication auth = context == null ? null : context.getAuthentication();
    if (auth != null && auth.getUserId() != null) {
      boolean admin = auth.getGroupIds() != null && auth.getGroupIds().contains(ADMIN_GROUP);
      if (command instanceof CompleteTaskCmd complete) {
        checkCompletion(context, complete, field(complete, CompleteTaskCmd.class, "taskId"), "variables");
      } else if (command instanceof SubmitTaskFormCmd submit) {
        checkCompletion(context, submit, field(submit, SubmitTaskFormCmd.class, "taskId"), "properties");
      } else if (!admin) {
        checkAssignment(context, command);
      }
    }
    return next.execute(command);
  }

  // ------------------------------------------------------------------ completions

  private void checkCompletion(CommandContext context, Object command, String taskId, String variablesField) {
    Map<String, Object> submitted = field(command, command.getClass(), variablesField);
    if (submitted == null || submitted.isEmpty() || taskId == null) {
      return;
    }
    TaskEntity task = withoutAuthorization(context, () -> context.getTaskManager().findTaskById(taskId));
    if (task == null) {
      return; // the engine answers 404
    }
    FormFields fields = withoutAuthorization(context, () -> forms.of(context, task));
    List<String> refused = new ArrayList<>();
    Map<String, Object> kept = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : submitted.entrySet()) {
      String name = entry.getKey();
      if (fields.answered().contains(name)) {
        // every text a person types into a form: no control characters or direction overrides
        if (plain(entry.getValue()) instanceof String text) {
          TextCheck.multiLine(text).ifPresent(problem -> refused.add(name + ": " + problem));
        }
        kept.put(name, entry.getValue());
      } else if (fields.readOnly().contains(name)) {
        Object current = withoutAuthorization(context, () -> task.getVariable(name));
        if (changes(current, entry.getValue())) {
          refused.add(name + ": 只读字段，不能修改");
        }
        // shown, not answered: never written back
      } else {
        refused.add(name + ": " + (fields.formId() == null
            ? "此任务没有表单，完成时不能提交变量"
            : "任务表单（" + fields.formId() + "）没有此字段，不能随完成提交"));
      }
    }
    if (!refused.isEmpty()) {
      throw new FormFieldValidationException(refused.get(0).substring(0, refused.get(0).indexOf(':')),
          String.join("; ", refused));
    }
    if (kept.size() != submitted.size()) {
      setField(command, variablesField, submitted instanceof VariableMap ? typed(kept) : kept);
    }
  }

  /** Whether a read-only field came back with another value than the one shown. */
  static boolean changes(Object current, Object submitted) {
    Object was = plain(current);
    Object now = plain(submitted);
    if (blank(was) && blank(now)) {
      return false;
    }
    if (was instanceof Date) {
      return false; // shown as text in whatever format the browser chose; never written anyway
    }
    if (was instanceof Number || now instanceof Number) {
      try {
        return new BigDecimal(String.valueOf(was)).compareTo(new BigDecimal(String.valueOf(now))) != 0;
      } catch (NumberFormatException e) {
        return true;
      }
    }
    return !Objects.equals(String.valueOf(was), String.valueOf(now));
  }

  private static Object plain(Object value) {
    return value instanceof TypedValue typed ? typed.getValue() : value;
  }

  private static boolean blank(Object value) {
    return value == null || value.toString().isEmpty();
  }

  private static VariableMap typed(Map<String, Object> values) {
    VariableMap map = Variables.createVariables();
    values.forEach((name, value) -> {
      if (value instanceof TypedValue typed) {
        map.putValueTyped(name, typed);
      } else {
        map.put(name, value);
      }
    });
    return map;
  }

  // ------------------------------------------------------------------ assignment and candidates

  private void checkAssignment(CommandContext context, Command<?> command) {
    if (command instanceof AbstractAddIdentityLinkCmd add) {
      String taskId = field(add, AbstractSetTaskPropertyCmd.class, "taskId");
      String user = field(add, AbstractAddIdentityLinkCmd.class, "userId");
      String group = field(add, AbstractAddIdentityLinkCmd.class, "groupId");
      String type = field(add, AbstractAddIdentityLinkCmd.class, "type");
      if (user != null) {
        requireWithinCandidates(context, taskId, user, describe(type));
      } else if (group != null) {
        requireCandidateGroup(context, taskId, group);
      }
    } else if (command instanceof DelegateTaskCmd delegate) {
      String user = field(delegate, DelegateTaskCmd.class, "userId");
      if (user != null) {
        requireWithinCandidates(context, field(delegate, DelegateTaskCmd.class, "taskId"), user, "委托");
      }
    } else if (command instanceof ClaimTaskCmd claim) {
      String user = field(claim, ClaimTaskCmd.class, "userId");
      if (user != null) {
        requireWithinCandidates(context, field(claim, ClaimTaskCmd.class, "taskId"), user, "认领");
      }
    } else if (command instanceof SaveTaskCmd save) {
      TaskEntity task = field(save, SaveTaskCmd.class, "task");
      if (task != null && task.getRevision() > 0 && task.getId() != null) {
        if (task.getAssignee() != null) {
          requireWithinCandidates(context, task.getId(), task.getAssignee(), "指派");
        }
        if (task.getOwner() != null) {
          requireWithinCandidates(context, task.getId(), task.getOwner(), "设为负责人");
        }
      }
    } else if (command instanceof DeleteIdentityLinkCmd delete) {
      String type = field(delete, DeleteIdentityLinkCmd.class, "type");
      if (IdentityLinkType.CANDIDATE.equals(type)) {
        throw new AuthorizationException("任务的候选人由流程确定，不能移除");
      }
    }
  }

  private static String describe(String type) {
    if (IdentityLinkType.ASSIGNEE.equals(type)) {
      return "指派";
    }
    if (IdentityLinkType.OWNER.equals(type)) {
      return "设为负责人";
    }
    return "添加为候选人";
  }

  private void requireWithinCandidates(CommandContext context, String taskId, String user, String what) {
    if (taskId == null) {
      return;
    }
    boolean allowed = withoutAuthorization(context, () -> {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      return task == null || mayHold(context, task, user);
    });
    if (!allowed) {
      throw new AuthorizationException("不能把任务" + what + "给 " + user + "：只能交给本任务的候选人或候选组成员");
    }
  }

  private void requireCandidateGroup(CommandContext context, String taskId, String group) {
    boolean allowed = withoutAuthorization(context, () -> {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      return task == null || candidateGroups(context, taskId).contains(group);
    });
    if (!allowed) {
      throw new AuthorizationException("不能把 " + group + " 添加为任务的候选组：只能在本任务的候选组之内");
    }
  }

  /** A candidate user, a member of a candidate group, or the assignee the model itself names. */
  static boolean mayHold(CommandContext context, TaskEntity task, String user) {
    List<IdentityLinkEntity> links = context.getIdentityLinkManager().findIdentityLinksByTaskId(task.getId());
    for (IdentityLinkEntity link : links) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && user.equals(link.getUserId())) {
        return true;
      }
    }
    Set<String> groups = links.stream().filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
        .map(IdentityLinkEntity::getGroupId).filter(Objects::nonNull).collect(Collectors.toSet());
    if (!groups.isEmpty()) {
      List<Group> memberOf = context.getReadOnlyIdentityProvider().createGroupQuery(context).groupMember(user).list();
      if (memberOf.stream().map(Group::getId).anyMatch(groups::contains)) {
        return true;
      }
    }
    TaskDefinition definition = task.getTaskDefinition();
    Expression assignee = definition == null ? null : definition.getAssigneeExpression();
    if (assignee != null && task.getExecution() != null) {
      return user.equals(String.valueOf(assignee.getValue(task.getExecution())));
    }
    return false;
  }

  private static Set<String> candidateGroups(CommandContext context, String taskId) {
    return context.getIdentityLinkManager().findIdentityLinksByTaskId(taskId).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
        .map(IdentityLinkEntity::getGroupId).filter(Objects::nonNull).collect(Collectors.toSet());
  }

  // ------------------------------------------------------------------ helpers

  private static <T> T withoutAuthorization(CommandContext context, java.util.function.Supplier<T> work) {
    boolean enabled = context.isAuthorizationCheckEnabled();
    context.disableAuthorizationCheck();
    try {
      return work.get();
    } finally {
      context.setAuthorizationCheckEnabled(enabled);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T field(Object target, Class<?> declaring, String name) {
    try {
      Field field = findField(declaring, name);
      field.setAccessible(true);
      return (T) field.get(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Camunda command " + target.getClass().getName() + " has no field " + name, e);
    }
  }

  private static void setField(Object target, String name, Object value) {
    try {
      Field field = findField(target.getClass(), name);
      field.setAccessible(true);
      field.set(target, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Camunda command " + target.getClass().getName() + " has no field " + name, e);
    }
  }

  private static Field findField(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // look further up
      }
    }
    throw new NoSuchFieldException(name);
  }
}
