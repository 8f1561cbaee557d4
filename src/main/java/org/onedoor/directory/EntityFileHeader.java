package org.onedoor.directory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.onedoor.directory.DirectoryImports.Rejection;

/**
 * The header row of an entity file (row 1) and how it turns each later row into a draft or
 * rejections. Header names may be Chinese or English, mixed, in any order; only 统一社会信用代码 and
 * 名称 are required. A column the format does not know refuses the whole file (a misspelt
 * optional column would otherwise be dropped without anybody noticing).
 */
final class EntityFileHeader {

  /** A file refused as a whole, before anything is written. */
  /** What one data row gave: nothing (blank), a draft, or rejections. */
  record Row(EntityDraft draft, List<Rejection> rejections) {
    boolean blank() {
      return draft == null && rejections.isEmpty();
    }
  }

  private final List<EntityColumn> columns;
  private final List<String> names;
  private final Map<EntityColumn, String> nameOf = new EnumMap<>(EntityColumn.class);

  private EntityFileHeader(List<EntityColumn> columns, List<String> names) {
    this.columns = columns;
    this.names = names;
    for (int i = 0; i < columns.size(); i++) {
      nameOf.put(columns.get(i), names.get(i));
    }
  }

  static EntityFileHeader of(List<String> cells) throws HeaderRefusedException {
    int width = cells.size();
    while (width > 0 && cells.get(width - 1).isBlank()) {
      width--; // Excel leaves trailing empty header cells
    }
    List<EntityColumn> columns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Set<String> unknown = new LinkedHashSet<>();
    for (int i = 0; i < width; i++) {
      String name = cells.get(i).replace("\uFEFF", "").strip();
      if (name.isEmpty()) {
        throw new HeaderRefusedException("表头第 " + (i + 1) + " 列为空：每一列都要有列名");
      }
      EntityColumn column = EntityColumn.byHeader(name).orElse(null);
      if (column == null) {
        unknown.add(name);
        continue;
      }
      if (columns.contains(column)) {
        throw new HeaderRefusedException("表头中“" + name + "”与“" + names.get(columns.indexOf(column)) + "”是同一列，重复了");
      }
      columns.add(column);
      names.add(name);
    }
    if (!unknown.isEmpty()) {
      throw new HeaderRefusedException(
          "表头中有无法识别的列：" + String.join("、", unknown) + "。可用的列名为："
              + Stream.of(EntityColumn.values())
                  .map(c -> c.chinese() + "（" + c.english() + "）")
                  .collect(Collectors.joining("、")));
    }
    List<String> missing = new ArrayList<>();
    for (EntityColumn column : EntityColumn.values()) {
      if (column.required() && !columns.contains(column)) {
        missing.add(column.chinese() + "（" + column.english() + "）");
      }
    }
    if (!missing.isEmpty()) {
      throw new HeaderRefusedException("缺少必需的列：" + String.join("、", missing));
    }
    return new EntityFileHeader(List.copyOf(columns), List.copyOf(names));
  }

  /**
   * Reads one data row; {@code seen} maps each USCC met so far to the row it was first met on
   * (updated here), so the later of two rows with the same USCC is rejected.
   */
  Row parse(List<String> record, long row, Map<String, Long> seen) {
    boolean blank = record.stream().allMatch(String::isBlank);
    if (blank) {
      return new Row(null, List.of());
    }
    List<Rejection> rejections = new ArrayList<>();
    for (int i = columns.size(); i < record.size(); i++) {
      if (!record.get(i).isBlank()) {
        rejections.add(
            new Rejection(
                row,
                null,
                "本行有 " + record.size() + " 列，多于表头的 " + columns.size()
                    + " 列（含逗号的值要用英文双引号括起来）"));
        break;
      }
    }
    Map<EntityColumn, String> cells = new EnumMap<>(EntityColumn.class);
    for (int i = 0; i < columns.size(); i++) {
      cells.put(columns.get(i), i < record.size() ? record.get(i) : "");
    }
    EntityDraft.Result result = EntityDraft.parse(cells);
    for (EntityDraft.Problem problem : result.problems()) {
      rejections.add(new Rejection(row, nameOf.get(problem.column()), problem.reason()));
    }
    EntityColumn.Parsed uscc = EntityColumn.USCC.parse(cells.get(EntityColumn.USCC));
    if (uscc.isOk()) {
      Long first = seen.putIfAbsent((String) uscc.value(), row);
      if (first != null) {
        rejections.add(new Rejection(row, nameOf.get(EntityColumn.USCC), "与第 " + first + " 行重复"));
      }
    }
    return rejections.isEmpty() ? new Row(result.draft(), List.of()) : new Row(null, List.copyOf(rejections));
  }
}
