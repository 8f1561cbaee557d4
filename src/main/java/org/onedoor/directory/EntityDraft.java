package org.onedoor.directory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.onedoor.platform.web.BadRequestException.FieldError;

/**
 * What one submission (an API call or a row of a file) says about an entity: a parsed value for
 * each column it names. A column it does not name keeps the stored value of an existing entity and
 * gets its default for a new one.
 */
public final class EntityDraft {

  private final Map<EntityColumn, Object> values = new EnumMap<>(EntityColumn.class);

  private EntityDraft() {}

  /** A draft of parsed cells, or every problem (per column) found in them. */
  public record Result(EntityDraft draft, List<Problem> problems) {
    public boolean isOk() {
      return problems.isEmpty();
    }
  }

  public record Problem(EntityColumn column, String reason) {
    public FieldError asFieldError() {
      return new FieldError(column.english(), reason);
    }
  }

  /** Parses the cells given (an absent key = a column not named; a null or empty cell = empty). */
  public static Result parse(Map<EntityColumn, String> cells) {
    EntityDraft draft = new EntityDraft();
    List<Problem> problems = new ArrayList<>();
    for (EntityColumn column : EntityColumn.values()) {
      if (!cells.containsKey(column)) {
        if (column.required()) {
          problems.add(new Problem(column, column.chinese() + "为必填项"));
        }
        continue;
      }
      EntityColumn.Parsed parsed = column.parse(cells.get(column));
      if (parsed.isOk()) {
        draft.values.put(column, parsed.value());
      } else {
        problems.add(new Problem(column, parsed.problem()));
      }
    }
    if (draft.values.get(EntityColumn.TAGS) instanceof List<?> tags
        && String.join("、", asStrings(tags)).length() > EntityColumn.TAGS.maxLength()) {
      problems.add(
          new Problem(EntityColumn.TAGS, "标签合计超过上限 " + EntityColumn.TAGS.maxLength() + " 个字符"));
    }
    return new Result(problems.isEmpty() ? draft : null, Collections.unmodifiableList(problems));
  }

  public String uscc() {
    return (String) values.get(EntityColumn.USCC);
  }

  /** The entity this draft makes of {@code existing} (null: a new entity with defaults). */
  public DirectoryEntity applyTo(DirectoryEntity existing, Instant now) {
    Map<EntityColumn, Object> v = new EnumMap<>(EntityColumn.class);
    for (EntityColumn column : EntityColumn.values()) {
      if (values.containsKey(column)) {
        v.put(column, values.get(column));
      } else {
        v.put(column, existing == null ? column.defaultValue() : existing.get(column));
      }
    }
    return new DirectoryEntity(
        (String) v.get(EntityColumn.USCC),
        (String) v.get(EntityColumn.NAME),
        (String) v.get(EntityColumn.TYPE),
        (String) v.get(EntityColumn.CATEGORY),
        (String) v.get(EntityColumn.SUBCATEGORY),
        (String) v.get(EntityColumn.UNIT),
        (String) v.get(EntityColumn.REGION),
        (String) v.get(EntityColumn.ADDRESS),
        (String) v.get(EntityColumn.LEGAL_REPRESENTATIVE),
        (LocalDate) v.get(EntityColumn.ESTABLISHED_ON),
        (String) v.get(EntityColumn.STATUS),
        (String) v.get(EntityColumn.CREDIT_CLASS),
        (String) v.get(EntityColumn.RISK_LEVEL),
        asStrings((List<?>) v.get(EntityColumn.TAGS)),
        (Boolean) v.get(EntityColumn.COMMITMENT),
        existing == null ? now : existing.createdAt(),
        now);
  }

  private static List<String> asStrings(List<?> list) {
    List<String> out = new ArrayList<>(list.size());
    list.forEach(o -> out.add((String) o));
    return out;
  }
}
