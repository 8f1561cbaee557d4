package org.onedoor.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.onedoor.platform.routing.RoutingDepartments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, every candidate group a deployed process can route a user task to must have members,
 * or the task would wait for nobody. Literal groups are checked as written; {@code ${variable}-<role>}
 * groups for each department the process routes to ({@link RoutingDepartments}, else every configured
 * department); other expressions are decided per case and not checked here. Each empty group is
 * logged as a WARN naming the process, the task and the group.
 */
@Component
public class CandidateGroupsHaveMembers {

  private static final Logger log = LoggerFactory.getLogger(CandidateGroupsHaveMembers.class);
  private static final Pattern PER_DEPARTMENT = Pattern.compile("\\$\\{\\s*[A-Za-z]+\\s*}(-[a-z0-9-]+)");

  /** A routing to a group without members. */
  public record EmptyRouting(String processKey, String taskId, String taskName, String group) {
    String message() {
      return "Routing to an empty candidate group: process " + processKey + ", task " + taskId + " (" + taskName
          + "), group " + group + " has no members";
    }
  }

  private final RepositoryService repository;
  private final IdentityService identity;
  private final OrganisationProperties organisation;
  private final Map<String, Set<String>> scopes;

  public CandidateGroupsHaveMembers(RepositoryService repository, IdentityService identity,
      OrganisationProperties organisation, Collection<RoutingDepartments> scopes) {
    this.repository = repository;
    this.identity = identity;
    this.organisation = organisation;
    this.scopes = scopes.stream().collect(Collectors.toMap(RoutingDepartments::processKey,
        RoutingDepartments::departments, (a, b) -> a));
  }

  @EventListener(ApplicationReadyEvent.class)
  public void reportAtStartUp() {
    try {
      check().forEach(e -> log.warn(e.message()));
    } catch (RuntimeException e) {
      log.warn("Could not check the candidate groups of the deployed processes: {}", e.toString());
    }
  }

  /** Every routing of the latest process definitions to a group without members. */
  public List<EmptyRouting> check() {
    return check(this::hasMembers);
  }

  List<EmptyRouting> check(Function<String, Boolean> hasMembers) {
    List<EmptyRouting> empty = new ArrayList<>();
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
      BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        for (String group : groups(definition.getKey(), task.getCamundaCandidateGroups())) {
          if (!hasMembers.apply(group)) {
            empty.add(new EmptyRouting(definition.getKey(), task.getId(), task.getName(), group));
          }
        }
      }
    }
    return empty;
  }

  /** The groups a {@code candidateGroups} attribute can name for this process. */
  Set<String> groups(String processKey, String attribute) {
    Set<String> groups = new LinkedHashSet<>();
    if (attribute == null || attribute.isBlank()) {
      return groups;
    }
    for (String part : topLevelParts(attribute)) {
      String p = part.strip();
      Matcher m = PER_DEPARTMENT.matcher(p);
      if (m.matches()) {
        Set<String> departments = scopes.getOrDefault(processKey, organisation.departments().stream()
            .map(OrganisationProperties.Department::code).collect(Collectors.toCollection(LinkedHashSet::new)));
        departments.forEach(d -> groups.add(d + m.group(1)));
      } else if (!p.isEmpty() && !p.contains("${") && !p.contains("#{")) {
        groups.add(p);
      }
    }
    return groups;
  }

  /** Splits at commas outside expressions ({@code ${a(b, c)}} stays whole). */
  private static List<String> topLevelParts(String attribute) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder part = new StringBuilder();
    for (char c : attribute.toCharArray()) {
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth = Math.max(0, depth - 1);
      }
      if (c == ',' && depth == 0) {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString());
    return parts;
  }

  private boolean hasMembers(String group) {
    return identity.createUserQuery().memberOfGroup(group).count() > 0;
  }
}
