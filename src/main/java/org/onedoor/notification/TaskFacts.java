package org.onedoor.notification;

import java.time.Instant;
import java.util.Set;

/**
 * What notifications need to know about a user task, taken from the engine when the event happens.
 * Deliberately narrow: the business's name, never its USCC or any other variable.
 *
 * @param entityName the task's {@code entityName} variable (the business), if any
 * @param department the task's {@code department} variable, if any (a hint for escalation)
 */
public record TaskFacts(
    String taskId,
    String taskName,
    String taskDefinitionKey,
    String processInstanceId,
    Instant dueAt,
    String assignee,
    Set<String> candidateUsers,
    Set<String> candidateGroups,
    String entityName,
    String department) {

  public TaskFacts {
    candidateUsers = candidateUsers == null ? Set.of() : Set.copyOf(candidateUsers);
    candidateGroups = candidateGroups == null ? Set.of() : Set.copyOf(candidateGroups);
  }
}
