package org.onedoor.platform.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The variables a Camunda Form (form-js JSON) submits: the top-level name of every component with a
 * {@code key}, and of every dynamic list or group with a {@code path} (its children's keys live
 * inside that list, they are not variables of their own). Read-only fields are shown, not answered:
 * Tasklist submits them back with the value it showed, so they are listed apart.
 */
public record FormFields(String formId, Set<String> answered, Set<String> readOnly) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What REST callers may send besides a form's fields, as docs/design.md documents it (the on-site
   * record accepts its lines as one {@code checkLines} list instead of three checklists).
   */
  static final Map<String, Set<String>> DOCUMENTED_FOR_API = Map.of(
      "inspection-record", Set.of("checkLines"));

  public static FormFields parse(byte[] formJson) {
    JsonNode root;
    try {
      root = JSON.readTree(formJson);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable Camunda Form", e);
    }
    String id = root.path("id").asText(null);
    Set<String> answered = new LinkedHashSet<>(DOCUMENTED_FOR_API.getOrDefault(id, Set.of()));
    Set<String> readOnly = new LinkedHashSet<>();
    walk(root.path("components"), answered, readOnly);
    readOnly.removeAll(answered);
    return new FormFields(id, Set.copyOf(answered), Set.copyOf(readOnly));
  }

  /** A task without a form submits nothing. */
  public static FormFields none() {
    return new FormFields(null, Set.of(), Set.of());
  }

  public boolean declares(String variable) {
    return answered.contains(variable) || readOnly.contains(variable);
  }

  private static void walk(JsonNode components, Set<String> answered, Set<String> readOnly) {
    for (JsonNode component : components) {
      String key = text(component, "key");
      String path = text(component, "path");
      boolean shownOnly = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
      if (key != null) {
        (shownOnly ? readOnly : answered).add(topLevel(key));
      } else if (path != null) {
        // a dynamic list or a group with a path submits one variable holding its children
        (shownOnly ? readOnly : answered).add(topLevel(path));
      } else if (component.has("components")) {
        // a group without a path: its fields are variables of their own
        walk(component.path("components"), answered, readOnly);
      }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }

  /** form-js keys may be paths ({@code a.b}): the variable is {@code a}. */
  private static String topLevel(String key) {
    int dot = key.indexOf('.');
    return dot < 0 ? key : key.substring(0, dot);
  }
}
