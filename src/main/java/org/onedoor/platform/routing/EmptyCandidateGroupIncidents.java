package org.onedoor.platform.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Issue 14, item 3: a user task routed to nobody is reported in Cockpit, not discovered by a stuck
 * case. When a user task is created without an assignee and none of its candidate groups has a
 * member who can sign in ({@link UsableAccounts}), and none of its candidate users can, an incident
 * of type {@value #INCIDENT_TYPE} is raised on the task's execution (configuration: the task id),
 * with a Chinese message naming the task and the groups. Cockpit shows it on the process instance
 * and in its incident list. It is resolved when the task is assigned, completed or deleted, and by
 * {@link #recheck()} (at start-up and every few minutes) once the group has a member who can sign in.
 *
 * <p>Cheap: a group known to have members is remembered for {@link #MEMBERSHIP_TTL_NANOS}; a group
 * found empty is asked again at the next task.
 */
@Component
public class EmptyCandidateGroupIncidents extends AbstractProcessEnginePlugin {

  /** The incident type Cockpit shows. */
  public static final String INCIDENT_TYPE = "emptyCandidateGroup";

  static final long MEMBERSHIP_TTL_NANOS = 60_000_000_000L;

  private static final Logger log = LoggerFactory.getLogger(EmptyCandidateGroupIncidents.class);

  private final ObjectProvider<UsableAccounts> accounts;
  /** Group id → when (System.nanoTime) it was last seen with a member who can sign in. */
  private final Map<String, Long> staffedGroups = new ConcurrentHashMap<>();
  private volatile ProcessEngine engine;

  public EmptyCandidateGroupIncidents(ObjectProvider<UsableAccounts> accounts) {
    this.accounts = accounts;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AddListeners());
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    this.engine = processEngine;
  }

  private final class AddListeners extends AbstractBpmnParseListener {
    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
        var definition = behavior.getTaskDefinition();
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, created);
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, assigned);
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, ended);
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, ended);
      }
    }
  }

  private final TaskListener created = this::onCreate;
  private final TaskListener assigned = task -> {
    if (task.getAssignee() != null) {
      resolveFor(task);
    }
  };
  private final TaskListener ended = this::resolveFor;

  void onCreate(DelegateTask task) {
    if (task.getAssignee() != null || task.getExecution() == null) {
      return;
    }
    Set<String> groups = new LinkedHashSet<>();
    Set<String> users = new LinkedHashSet<>();
    for (IdentityLink link : task.getCandidates()) {
      if (link.getGroupId() != null) {
        groups.add(link.getGroupId());
      } else if (link.getUserId() != null) {
        users.add(link.getUserId());
      }
    }
    if (groups.isEmpty() && users.isEmpty()) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    IdentityService identity = Context.getProcessEngineConfiguration().getIdentityService();
    String message = context.runWithoutAuthorization(() ->
        someoneCanDo(identity, groups, users, true) ? null : message(identity, task.getName(), groups, users));
    if (message != null) {
      task.getExecution().createIncident(INCIDENT_TYPE, task.getId(), message);
      log.warn("Task {} ({}) of process instance {} has nobody who can sign in among its candidates {} {}",
          task.getId(), task.getTaskDefinitionKey(), task.getProcessInstanceId(), groups, users);
    }
  }

  /** Resolves the incident of the task, if it has one (one query by the task's execution). */
  private void resolveFor(DelegateTask task) {
    if (!(task.getExecution() instanceof ExecutionEntity execution)) {
      return;
    }
    for (IncidentEntity incident : List.copyOf(execution.getIncidents())) {
      if (INCIDENT_TYPE.equals(incident.getIncidentType()) && task.getId().equals(incident.getConfiguration())) {
        incident.resolve();
      }
    }
  }

  /**
   * Resolves every open {@value #INCIDENT_TYPE} incident whose task is gone, assigned, or now has a
   * candidate who can sign in. Runs at start-up and every five minutes; returns how many it resolved.
   */
  public int recheck() {
    ProcessEngine e = engine;
    if (e == null) {
      return 0;
    }
    staffedGroups.clear();
    int resolved = 0;
    try {
      for (Incident incident : e.getRuntimeService().createIncidentQuery().incidentType(INCIDENT_TYPE).list()) {
        Task task = e.getTaskService().createTaskQuery().taskId(incident.getConfiguration()).singleResult();
        if (task == null || task.getAssignee() != null || someoneCanDo(e.getIdentityService(), task)) {
          e.getRuntimeService().resolveIncident(incident.getId());
          resolved++;
        }
      }
    } catch (RuntimeException ex) {
      log.warn("Could not recheck the incidents of tasks routed to empty candidate groups: {}", ex.toString());
    }
    return resolved;
  }

  @EventListener(ApplicationReadyEvent.class)
  void recheckAtStartUp() {
    recheck();
  }

  @Scheduled(initialDelayString = "${onedoor.routing.empty-group-recheck:PT5M}",
      fixedDelayString = "${onedoor.routing.empty-group-recheck:PT5M}")
  void recheckEveryFewMinutes() {
    recheck();
  }

  private boolean someoneCanDo(IdentityService identity, Task task) {
    Set<String> groups = new LinkedHashSet<>();
    Set<String> users = new LinkedHashSet<>();
    for (IdentityLink link : engine.getTaskService().getIdentityLinksForTask(task.getId())) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (link.getGroupId() != null) {
        groups.add(link.getGroupId());
      } else if (link.getUserId() != null) {
        users.add(link.getUserId());
      }
    }
    return someoneCanDo(identity, groups, users, false);
  }

  private boolean someoneCanDo(IdentityService identity, Set<String> groups, Set<String> users, boolean cached) {
    for (String group : groups) {
      if (hasMemberWhoCanSignIn(identity, group, cached)) {
        return true;
      }
    }
    return !users.isEmpty() && !usable(users).isEmpty();
  }

  private boolean hasMemberWhoCanSignIn(IdentityService identity, String group, boolean cached) {
    Long seen = staffedGroups.get(group);
    if (cached && seen != null && System.nanoTime() - seen < MEMBERSHIP_TTL_NANOS) {
      return true;
    }
    List<String> members = identity.createUserQuery().memberOfGroup(group).list().stream().map(User::getId).toList();
    boolean staffed = !members.isEmpty() && !usable(members).isEmpty();
    if (staffed) {
      staffedGroups.put(group, System.nanoTime());
    } else {
      staffedGroups.remove(group);
    }
    return staffed;
  }

  private Set<String> usable(Collection<String> users) {
    UsableAccounts usable = accounts.getIfAvailable();
    return usable == null ? Set.copyOf(users) : usable.usable(users);
  }

  /** 任务“法制审核”无人可办：候选组“市场监管局法制审核员”没有可登录的成员。… */
  private static String message(IdentityService identity, String taskName, Set<String> groups, Set<String> users) {
    Map<String, String> names = new LinkedHashMap<>();
    groups.forEach(g -> names.put(g, g));
    if (!groups.isEmpty()) {
      for (Group g : identity.createGroupQuery().groupIdIn(groups.toArray(String[]::new)).list()) {
        if (g.getName() != null && !g.getName().isBlank()) {
          names.put(g.getId(), g.getName());
        }
      }
    }
    StringBuilder text = new StringBuilder("任务“").append(taskName == null ? "（未命名）" : taskName).append("”无人可办：");
    if (!groups.isEmpty()) {
      text.append("候选组").append(names.values().stream().map(n -> "“" + n + "”").collect(Collectors.joining("、")))
          .append("没有可登录的成员");
    }
    if (!users.isEmpty()) {
      text.append(groups.isEmpty() ? "" : "，").append("候选人均无法登录");
    }
    return text.append("。请在管理（Admin）中为该组添加可登录的成员，或将任务指派给有权办理的人员；添加成员后本事件在数分钟内自动解决。")
        .toString();
  }
}
