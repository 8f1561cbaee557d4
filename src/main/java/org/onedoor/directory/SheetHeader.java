package org.onedoor.directory;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.onedoor.directory.DirectoryImports.Rejection;

/**
 * The header row of an import file of any kind but entities (whose {@link EntityFileHeader} came
 * first): Chinese or English names (English in any case), mixed, in any order; an unknown column,
 * a column named twice or a missing required column refuses the whole file. Gives each data row as
 * cells by English column name, with the row's rejections collected in a {@link Cells}. Public: an
 * import kind of another feature (monitoring records) reads its header the same way.
 */
public final class SheetHeader {

  /** One column of a file format. */
  public record Column(String english, String chinese, boolean required, int maxLength) {}

  private final List<Column> columns;
  private final Map<String, String> nameOf = new HashMap<>();
  private final List<Column> format;

  private SheetHeader(List<Column> columns, List<String> names, List<Column> format) {
    this.columns = columns;
    this.format = format;
    for (int i = 0; i < columns.size(); i++) {
      nameOf.put(columns.get(i).english(), names.get(i));
    }
  }

  public static SheetHeader of(List<String> cells, List<Column> format) throws HeaderRefusedException {
    int width = cells.size();
    while (width > 0 && cells.get(width - 1).isBlank()) {
      width--;
    }
    List<Column> columns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Set<String> unknown = new LinkedHashSet<>();
    for (int i = 0; i < width; i++) {
      String name = cells.get(i).replace("\uFEFF", "").strip();
      if (name.isEmpty()) {
        throw new HeaderRefusedException("表头第 " + (i + 1) + " 列为空：每一列都要有列名");
      }
      Optional<Column> column =
          format.stream().filter(c -> c.chinese().equals(name) || c.english().equalsIgnoreCase(name)).findFirst();
      if (column.isEmpty()) {
        unknown.add(name);
        continue;
      }
      if (columns.contains(column.get())) {
        throw new HeaderRefusedException(
            "表头中“" + name + "”与“" + names.get(columns.indexOf(column.get())) + "”是同一列，重复了");
      }
      columns.add(column.get());
      names.add(name);
    }
    if (!unknown.isEmpty()) {
      throw new HeaderRefusedException(
          "表头中有无法识别的列：" + String.join("、", unknown) + "。可用的列名为："
              + format.stream().map(c -> c.chinese() + "（" + c.english() + "）").collect(Collectors.joining("、")));
    }
    List<String> missing =
        format.stream()
            .filter(c -> c.required() && !columns.contains(c))
            .map(c -> c.chinese() + "（" + c.english() + "）")
            .toList();
    if (!missing.isEmpty()) {
      throw new HeaderRefusedException("缺少必需的列：" + String.join("、", missing));
    }
    return new SheetHeader(List.copyOf(columns), List.copyOf(names), format);
  }

  public boolean has(String english) {
    return nameOf.containsKey(english);
  }

  /** The column's name as the file writes it (the Chinese name when the file lacks the column). */
  public String nameOf(String english) {
    String name = nameOf.get(english);
    if (name != null) {
      return name;
    }
    return format.stream().filter(c -> c.english().equals(english)).map(Column::chinese).findFirst().orElse(english);
  }

  /** A data row; null when blank. */
  public Cells cells(List<String> record, long row) {
    if (record.stream().allMatch(String::isBlank)) {
      return null;
    }
    Cells cells = new Cells(row);
    for (int i = columns.size(); i < record.size(); i++) {
      if (!record.get(i).isBlank()) {
        cells.rejections.add(new Rejection(row, null,
            "本行有 " + record.size() + " 列，多于表头的 " + columns.size() + " 列（含逗号的值要用英文双引号括起来）"));
        break;
      }
    }
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      String value = i < record.size() ? record.get(i).strip() : "";
      if (value.length() > column.maxLength()) {
        cells.reject(column.english(), "长度 " + value.length() + " 超过上限 " + column.maxLength() + " 个字符");
        value = "";
      } else if (value.isEmpty() && column.required()) {
        cells.reject(column.english(), column.chinese() + "为必填项");
      }
      cells.values.put(column.english(), value);
    }
    return cells;
  }

  /** The cells of one data row and what is wrong with them. */
  public final class Cells {
    final long row;
    final Map<String, String> values = new HashMap<>();
    final List<Rejection> rejections = new ArrayList<>();

    Cells(long row) {
      this.row = row;
    }

    /** The cell's text, "" when empty; null when the file has no such column. */
    public String get(String english) {
      return values.get(english);
    }

    /** The cell's text, or {@code orElse} when the column is absent or the cell empty. */
    public String text(String english, String orElse) {
      String value = values.get(english);
      return value == null || value.isEmpty() ? orElse : value;
    }

    public void reject(String english, String reason) {
      rejections.add(new Rejection(row, nameOf(english), reason));
    }

    public boolean ok() {
      return rejections.isEmpty();
    }

    /** What is wrong with the row so far, each naming its column as the file writes it. */
    public List<Rejection> rejections() {
      return List.copyOf(rejections);
    }

    /** The row's number as a spreadsheet shows it (the header is row 1). */
    public long row() {
      return row;
    }

    /** 是/否 (true/false, yes/no, 1/0); {@code orElse} for an empty cell or an absent column. */
    Boolean yesNo(String english, Boolean orElse) {
      String text = text(english, "");
      if (text.isEmpty()) {
        return orElse;
      }
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "是", "true", "yes", "y", "1" -> Boolean.TRUE;
        case "否", "false", "no", "n", "0" -> Boolean.FALSE;
        default -> {
          reject(english, "“" + text + "”应为 是 或 否（true/false）");
          yield orElse;
        }
      };
    }

    /** A YYYY-MM-DD date; null for an empty cell or an absent column. */
    LocalDate date(String english) {
      String text = text(english, "");
      if (text.isEmpty()) {
        return null;
      }
      if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
        reject(english, "“" + text + "”不是 YYYY-MM-DD 格式的日期");
        return null;
      }
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        reject(english, "“" + text + "”不是有效日期");
        return null;
      }
    }

    /** A list separated by 、 or ; (；), blanks and repeats dropped. */
    List<String> list(String english) {
      LinkedHashSet<String> items = new LinkedHashSet<>();
      for (String item : text(english, "").split(EntityColumn.TAG_SEPARATORS)) {
        if (!item.isBlank()) {
          items.add(item.strip());
        }
      }
      return List.copyOf(items);
    }

    /** The later of two rows with the same key is rejected: “与第 N 行重复”. */
    void unique(Map<Object, Long> seen, Object key, String english) {
      Long first = seen.putIfAbsent(key, row);
      if (first != null) {
        reject(english, "与第 " + first + " 行重复");
      }
    }
  }
}
