package org.onedoor.inspection;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes {@link VisitEvent} and {@link RecordEvent} with whom they concern: a department's drawn
 * inspectors, or its chiefs' group when the department is flagged (no drawn inspectors).
 */
@Component
class InspectionEvents {

  private final ApplicationEventPublisher events;
  private final InspectionFacts facts;
  private final InspectionAssignments assignments;

  InspectionEvents(ApplicationEventPublisher events, InspectionFacts facts, InspectionAssignments assignments) {
    this.events = events;
    this.facts = facts;
    this.assignments = assignments;
  }

  /** {@code to}: the departments whose people are concerned (null: every participating department). */
  void visit(VisitEvent.Kind kind, String number, String department, Instant visitAt, String actor, Instant at,
      Iterable<String> to) {
    Set<String> users = new TreeSet<>();
    Set<String> groups = new TreeSet<>();
    for (String d : to == null ? assignments.departments(number) : to) {
      users.addAll(assignments.candidates(number, d));
      groups.addAll(assignments.chiefGroups(number, d));
    }
    events.publishEvent(new VisitEvent(kind, number, entityName(number), department, facts.departmentName(department),
        visitAt, actor, at, users, groups));
  }

  void record(RecordEvent.Kind kind, String number, String department, String actor, Instant at,
      Iterable<String> users, Iterable<String> groups) {
    Set<String> u = new TreeSet<>();
    users.forEach(u::add);
    Set<String> g = new TreeSet<>();
    groups.forEach(g::add);
    events.publishEvent(new RecordEvent(kind, number, entityName(number), department, facts.departmentName(department),
        actor, at, u, g));
  }

  /** The department's drawn inspectors, or its chiefs' group when flagged. */
  Set<String> inspectorsOf(String number, String department) {
    return new TreeSet<>(assignments.candidates(number, department));
  }

  Set<String> chiefGroupsOf(String number, String department) {
    return new TreeSet<>(assignments.chiefGroups(number, department));
  }

  private String entityName(String number) {
    String name = facts.business(facts.facts(number).uscc()).get("name");
    return name == null || name.isBlank() ? null : name;
  }
}
