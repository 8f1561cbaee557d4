package org.onedoor.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.onedoor.security.OrganisationProperties.Department;
import org.onedoor.security.OrganisationProperties.StaffMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds Camunda's identity service at every start, idempotently: department, role and work groups,
 * the application permissions, one shared Tasklist filter per department and role, and (demo
 * profile) the demo staff. Runs when the engine is built, before the job executor and the webapps.
 * Several nodes may start at once: a create that loses the race is re-checked, not fatal.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class IdentitySeeder extends AbstractProcessEnginePlugin {

  public static final String DEMO_PASSWORD = "demo";
  static final String GROUP_TYPE_DEPARTMENT = "DEPARTMENT";
  static final String GROUP_TYPE_ROLE = "ROLE";
  static final String GROUP_TYPE_WORKGROUP = "WORKGROUP";
  static final String MY_TASKS_FILTER = "我的任务";
  static final String CLAIMABLE_TASKS_FILTER = "待我认领";

  private static final Logger log = LoggerFactory.getLogger(IdentitySeeder.class);

  private final OrganisationProperties organisation;
  private final String adminUserId;
  private final List<String> personStartedProcesses;

  public IdentitySeeder(
      OrganisationProperties organisation,
      @Value("${camunda.bpm.admin-user.id:admin}") String adminUserId,
      List<PersonStartRule> personStarts) {
    this.organisation = organisation;
    this.adminUserId = adminUserId;
    this.personStartedProcesses = personStarts.stream().map(PersonStartRule::processKey).sorted().toList();
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    seed(engine);
  }

  /** Brings identity, permissions and filters to the configured state; safe to call repeatedly. */
  public void seed(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    AuthorizationService authorizations = engine.getAuthorizationService();
    seedGroups(identity);
    seedApplicationPermissions(authorizations);
    seedFilters(engine.getFilterService(), engine.getTaskService(), authorizations);
    forbidFilterCreation(authorizations);
    onlyPeoplesProcessesStartedByPeople(authorizations);
    ensureAdminGroupHasMember(identity);
    seedDemoUsers(identity);
    log.info(
        "identity seeded: {} departments, {} roles, {} demo users",
        organisation.departments().size(),
        Role.values().length,
        organisation.demoUsers().size());
  }

  private void seedGroups(IdentityService identity) {
    for (Role role : Role.values()) {
      String type = role == Role.ADMIN ? "SYSTEM" : GROUP_TYPE_ROLE;
      ensureGroup(identity, role.groupId(), role.chineseName(), type);
    }
    for (Department department : organisation.departments()) {
      ensureGroup(identity, department.code(), department.name(), GROUP_TYPE_DEPARTMENT);
      for (Role role : Role.values()) {
        if (role.isDepartmental()) {
          ensureGroup(
              identity,
              role.workGroupId(department.code()),
              department.name() + "·" + role.chineseName(),
              GROUP_TYPE_WORKGROUP);
        }
      }
    }
  }

  /**
   * Everyone on staff reaches Tasklist; managers and admins also Cockpit; only admins Admin (the
   * admin user configuration grants camunda-admin ALL on every resource).
   */
  private void seedApplicationPermissions(AuthorizationService authorizations) {
    for (Role role : Role.values()) {
      if (role.isDepartmental()) {
        String group = role.groupId();
        grant(authorizations, group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        // staff see process diagrams and the names of colleagues in Tasklist
        grant(authorizations, group, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
        grant(authorizations, group, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
        grant(authorizations, group, Resources.USER, ANY, Permissions.READ);
        grant(authorizations, group, Resources.GROUP, ANY, Permissions.READ);
      }
    }
    String managers = Role.MANAGER.groupId();
    grant(authorizations, managers, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(
        authorizations,
        managers,
        Resources.PROCESS_DEFINITION,
        ANY,
        Permissions.READ,
        Permissions.READ_INSTANCE,
        Permissions.READ_HISTORY,
        Permissions.READ_TASK);
    grant(authorizations, managers, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
    grant(authorizations, managers, Resources.TASK, ANY, Permissions.READ);
    grant(authorizations, managers, Resources.DEPLOYMENT, ANY, Permissions.READ);
    grant(authorizations, managers, Resources.DECISION_DEFINITION, ANY, Permissions.READ_HISTORY);
    // chiefs start the processes people start (plans, listings, risk warnings) from Tasklist; the
    // application starts the others (joint inspections, rectifications, sweeps) itself
    String chiefs = Role.CHIEF.groupId();
    for (String key : personStartedProcesses) {
      grant(authorizations, chiefs, Resources.PROCESS_DEFINITION, key, Permissions.CREATE_INSTANCE);
    }
    grant(authorizations, chiefs, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
  }

  /**
   * CREATE_INSTANCE only on the processes a {@link PersonStartRule} declares (issue 13): a grant on
   * any other process, or on every process ({@code *}, as earlier releases seeded for chiefs), held by
   * anybody but camunda-admin is withdrawn at start-up.
   */
  private void onlyPeoplesProcessesStartedByPeople(AuthorizationService authorizations) {
    for (Authorization auth :
        authorizations.createAuthorizationQuery().resourceType(Resources.PROCESS_DEFINITION).list()) {
      boolean admin = Role.CAMUNDA_ADMIN_GROUP.equals(auth.getGroupId());
      if (!admin
          && auth.getAuthorizationType() == AUTH_TYPE_GRANT
          && !personStartedProcesses.contains(auth.getResourceId())
          && auth.isPermissionGranted(Permissions.CREATE_INSTANCE)) {
        log.warn(
            "withdrawing CREATE_INSTANCE on process {} from {} (the application starts it)",
            auth.getResourceId(),
            auth.getGroupId() != null ? "group " + auth.getGroupId() : "user " + auth.getUserId());
        auth.removePermission(Permissions.CREATE_INSTANCE);
        authorizations.saveAuthorization(auth);
      }
    }
  }

  /** One shared filter per department and role, plus "my tasks" and "claimable by me". */
  private void seedFilters(
      FilterService filters,
      org.camunda.bpm.engine.TaskService tasks,
      AuthorizationService authorizations) {
    int priority = 0;
    List<String> staffGroups = new ArrayList<>();
    for (Role role : Role.values()) {
      if (role.isDepartmental()) {
        staffGroups.add(role.groupId());
      }
    }
    ensureFilter(
        filters,
        authorizations,
        MY_TASKS_FILTER,
        "已分配给我的任务",
        priority++,
        () -> tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"),
        staffGroups);
    ensureFilter(
        filters,
        authorizations,
        CLAIMABLE_TASKS_FILTER,
        "我被抽中或可认领、尚未分配的任务",
        priority++,
        () -> tasks.createTaskQuery().taskCandidateUserExpression("${currentUser()}"),
        staffGroups);
    for (Department department : organisation.departments()) {
      for (Role role : Role.values()) {
        if (!role.isDepartmental()) {
          continue;
        }
        String workGroup = role.workGroupId(department.code());
        ensureFilter(
            filters,
            authorizations,
            filterName(department, role),
            department.name() + role.chineseName() + "的任务（含已分配）",
            priority++,
            () -> tasks.createTaskQuery().taskCandidateGroup(workGroup).includeAssignedTasks(),
            List.of(workGroup));
      }
    }
  }

  static String filterName(Department department, Role role) {
    return department.name() + "·" + role.chineseName();
  }

  private void ensureFilter(
      FilterService filters,
      AuthorizationService authorizations,
      String name,
      String description,
      int priority,
      Supplier<TaskQuery> query,
      List<String> readers) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("refresh", true);
    properties.put("showUndefinedVariable", false);
    // the business under inspection, shown in the task list so an inspector finds it at a glance
    properties.put(
        "variables",
        List.of(
            Map.of("name", "entityName", "label", "市场主体"),
            Map.of("name", "uscc", "label", "统一社会信用代码"),
            Map.of("name", "planTitle", "label", "抽查计划")));
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filters.newTaskFilter(name).setQuery(query.get()).setProperties(properties);
      filters.saveFilter(filter);
    } else if (!properties.equals(filter.getProperties())) {
      // the description, order or shown variables changed in a new release
      filters.saveFilter(filter.setProperties(properties));
    }
    for (String group : readers) {
      grant(authorizations, group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }

  /**
   * Stored filter queries may carry expressions, so only camunda-admin may create filters. A grant
   * of FILTER CREATE to anybody else (added by hand in Admin) is withdrawn at start-up.
   */
  private void forbidFilterCreation(AuthorizationService authorizations) {
    for (Authorization auth :
        authorizations.createAuthorizationQuery().resourceType(Resources.FILTER).list()) {
      boolean admin = Role.CAMUNDA_ADMIN_GROUP.equals(auth.getGroupId());
      if (!admin
          && auth.getAuthorizationType() == AUTH_TYPE_GRANT
          && auth.isPermissionGranted(Permissions.CREATE)) {
        log.warn(
            "withdrawing FILTER CREATE from {} (only {} may create filters)",
            auth.getGroupId() != null ? "group " + auth.getGroupId() : "user " + auth.getUserId(),
            Role.CAMUNDA_ADMIN_GROUP);
        auth.removePermission(Permissions.CREATE);
        authorizations.saveAuthorization(auth);
      }
    }
  }

  /**
   * CVE-2026-77226: the Admin setup endpoint creates an administrator whenever camunda-admin has no
   * direct member. The endpoint is blocked too; this keeps the group populated regardless.
   */
  private void ensureAdminGroupHasMember(IdentityService identity) {
    long members = identity.createUserQuery().memberOfGroup(Role.CAMUNDA_ADMIN_GROUP).count();
    if (members == 0 && identity.createUserQuery().userId(adminUserId).count() == 1) {
      log.warn("camunda-admin had no member; adding {}", adminUserId);
      identity.createMembership(adminUserId, Role.CAMUNDA_ADMIN_GROUP);
    }
  }

  private void seedDemoUsers(IdentityService identity) {
    for (StaffMember member : organisation.demoUsers()) {
      User user = identity.createUserQuery().userId(member.id()).singleResult();
      if (user == null) {
        User created = identity.newUser(member.id());
        created.setFirstName(member.name());
        created.setLastName("");
        created.setEmail(member.id() + "@onedoor.local");
        created.setPassword(DEMO_PASSWORD);
        raceSafe(
            () -> identity.saveUser(created),
            () -> identity.createUserQuery().userId(member.id()).count() == 1,
            "user " + member.id());
      } else if (!member.name().equals(user.getFirstName())) {
        user.setFirstName(member.name());
        user.setLastName("");
        identity.saveUser(user);
      }
      List<String> groups = new ArrayList<>();
      if (member.department() != null) {
        if (organisation.department(member.department()).isEmpty()) {
          throw new IllegalStateException(
              "demo user " + member.id() + " names unknown department " + member.department());
        }
        groups.add(member.department());
      }
      for (String roleCode : member.roles()) {
        Role role = Role.fromCode(roleCode);
        groups.add(role.groupId());
        if (role.isDepartmental() && member.department() != null) {
          groups.add(role.workGroupId(member.department()));
        }
      }
      for (String group : groups) {
        if (identity.createUserQuery().userId(member.id()).memberOfGroup(group).count() == 0) {
          raceSafe(
              () -> identity.createMembership(member.id(), group),
              () -> identity.createUserQuery().userId(member.id()).memberOfGroup(group).count() == 1,
              "membership " + group);
        }
      }
    }
  }

  private void ensureGroup(IdentityService identity, String id, String name, String type) {
    Group group = identity.createGroupQuery().groupId(id).singleResult();
    if (group == null) {
      Group created = identity.newGroup(id);
      created.setName(name);
      created.setType(type);
      raceSafe(
          () -> identity.saveGroup(created),
          () -> identity.createGroupQuery().groupId(id).count() == 1,
          "group " + id);
    } else if (!name.equals(group.getName())) {
      // camunda-admin too: the starter creates it as "camunda BPM Administrators", Admin shows 系统管理员
      group.setName(name);
      identity.saveGroup(group);
    }
  }

  private static void grant(
      AuthorizationService authorizations,
      String groupId,
      Resource resource,
      String resourceId,
      Permission... permissions) {
    Authorization auth =
        authorizations
            .createAuthorizationQuery()
            .authorizationType(AUTH_TYPE_GRANT)
            .groupIdIn(groupId)
            .resourceType(resource)
            .resourceId(resourceId)
            .list()
            .stream()
            .findFirst()
            .orElse(null);
    boolean changed = false;
    if (auth == null) {
      auth = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      auth.setGroupId(groupId);
      auth.setResource(resource);
      auth.setResourceId(resourceId);
      changed = true;
    }
    for (Permission permission : permissions) {
      if (!auth.isPermissionGranted(permission)) {
        auth.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      Authorization toSave = auth;
      raceSafe(
          () -> authorizations.saveAuthorization(toSave),
          () ->
              authorizations
                      .createAuthorizationQuery()
                      .groupIdIn(groupId)
                      .resourceType(resource)
                      .resourceId(resourceId)
                      .hasPermission(permissions[0])
                      .count()
                  > 0,
          "authorization for " + groupId);
    }
  }

  /**
   * Another node may have created the same row a moment ago: that is the state we wanted. Any other
   * failure (the row still is not there) stops the start-up.
   */
  private static void raceSafe(Runnable create, BooleanSupplier exists, String what) {
    try {
      create.run();
    } catch (ProcessEngineException e) {
      if (!exists.getAsBoolean()) {
        throw e;
      }
      log.info("{} was created concurrently by another node", what);
    }
  }
}
