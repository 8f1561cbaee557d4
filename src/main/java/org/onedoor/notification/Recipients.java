package org.onedoor.notification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.onedoor.platform.routing.UsableAccounts;
import org.onedoor.security.OrganisationProperties;
import org.onedoor.security.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Who a task's notification goes to, from the identity service: its assignee, or its candidate users
 * and the members of its candidate groups who can sign in ({@link UsableAccounts}: nobody is told
 * about work they cannot open); and the chiefs of its department ({@code market-chief}) for an
 * escalation. A task's department is read from its work groups ({@code <department>-<role>}), else
 * its {@code department} variable, else the departments of the people it is routed to.
 */
@Service
public class Recipients {

  private static final int CHUNK = 500;

  private final IdentityService identity;
  private final ObjectProvider<UsableAccounts> accounts;
  private final OrganisationProperties organisation;

  public Recipients(IdentityService identity, ObjectProvider<UsableAccounts> accounts,
      OrganisationProperties organisation) {
    this.identity = identity;
    this.accounts = accounts;
    this.organisation = organisation;
  }

  /** Whom the task concerns: its assignee, or else its candidates who can sign in, sorted. */
  public Set<String> holders(TaskFacts task) {
    if (task.assignee() != null) {
      return Set.of(task.assignee());
    }
    Set<String> people = new LinkedHashSet<>(task.candidateUsers());
    for (String group : task.candidateGroups()) {
      identity.createUserQuery().memberOfGroup(group).list().forEach(u -> people.add(u.getId()));
    }
    return new TreeSet<>(usable(people));
  }

  /** The chiefs (who can sign in) of the task's departments, sorted. */
  public Set<String> chiefs(TaskFacts task) {
    Set<String> chiefs = new TreeSet<>();
    for (String department : departments(task)) {
      identity.createUserQuery().memberOfGroup(Role.CHIEF.workGroupId(department)).list()
          .forEach(u -> chiefs.add(u.getId()));
    }
    return new TreeSet<>(usable(chiefs));
  }

  /** The configured departments the task belongs to (see the class). */
  public Set<String> departments(TaskFacts task) {
    Set<String> found = new TreeSet<>();
    for (String group : task.candidateGroups()) {
      departmentOfGroup(group).ifPresent(found::add);
    }
    if (found.isEmpty() && task.department() != null && organisation.department(task.department()).isPresent()) {
      found.add(task.department());
    }
    if (found.isEmpty()) {
      List<String> people = new ArrayList<>(task.candidateUsers());
      if (task.assignee() != null) {
        people.add(task.assignee());
      }
      people.forEach(p -> found.addAll(departmentsOf(p)));
    }
    return found;
  }

  /** The departments whose group the user is a member of. */
  public Set<String> departmentsOf(String userId) {
    Set<String> out = new TreeSet<>();
    for (Group group : identity.createGroupQuery().groupMember(userId).list()) {
      if (organisation.department(group.getId()).isPresent()) {
        out.add(group.getId());
      }
    }
    return out;
  }

  /** The e-mail addresses of those users who have one. */
  public Map<String, String> emails(Collection<String> userIds) {
    Map<String, String> out = new HashMap<>();
    List<String> all = new ArrayList<>(new LinkedHashSet<>(userIds));
    for (int i = 0; i < all.size(); i += CHUNK) {
      for (User user : identity.createUserQuery()
          .userIdIn(all.subList(i, Math.min(all.size(), i + CHUNK)).toArray(String[]::new)).list()) {
        if (user.getEmail() != null && !user.getEmail().isBlank()) {
          out.put(user.getId(), user.getEmail().strip());
        }
      }
    }
    return out;
  }

  public Optional<String> email(String userId) {
    return Optional.ofNullable(emails(List.of(userId)).get(userId));
  }

  private Optional<String> departmentOfGroup(String group) {
    if (organisation.department(group).isPresent()) {
      return Optional.of(group);
    }
    for (OrganisationProperties.Department department : organisation.departments()) {
      for (Role role : Role.values()) {
        if (role.isDepartmental() && role.workGroupId(department.code()).equals(group)) {
          return Optional.of(department.code());
        }
      }
    }
    return Optional.empty();
  }

  private Set<String> usable(Collection<String> users) {
    if (users.isEmpty()) {
      return Set.of();
    }
    UsableAccounts usable = accounts.getIfAvailable();
    return usable == null ? Set.copyOf(users) : usable.usable(users);
  }
}
