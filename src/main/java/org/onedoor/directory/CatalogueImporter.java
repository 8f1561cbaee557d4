package org.onedoor.directory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.catalog.Catalog.Item;
import org.onedoor.catalog.Catalog.ItemDraft;
import org.onedoor.catalog.Catalog.SubItem;
import org.onedoor.catalog.Catalog.SubItemDraft;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.catalog.CatalogService;
import org.onedoor.catalog.CheckMethod;
import org.onedoor.catalog.ItemKind;
import org.onedoor.directory.DirectoryImports.BatchCounts;
import org.onedoor.directory.DirectoryImports.Job;
import org.onedoor.directory.DirectoryImports.Rejection;
import org.onedoor.directory.SheetHeader.Column;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.security.OrganisationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports the item catalogue into a DRAFT version (never published by the import: an
 * administrator publishes). The file has one row per check content line; an item's rows need not
 * be contiguous: the whole file is read first and its rows grouped by 事项编码 (the catalogue is
 * small: at most {@link #MAX_ROWS} rows), then each item is written whole with {@link
 * CatalogService#putItem}. A bad row rejects its whole item, every row of it reported. The same
 * content line twice in a sub-item rejects only the later row. An item identical to the one in the
 * draft (or, with no draft, in the latest published version) is left alone, and a draft is created
 * (a copy of the latest published version) only when some item differs: re-importing a file
 * changes nothing. An interrupted catalogue import is redone from its first row (idempotent).
 */
@Component
public class CatalogueImporter extends FileImporter {

  public static final String KIND = "catalogue";
  public static final int MAX_ROWS = 50_000;

  static final List<Column> COLUMNS =
      List.of(
          new Column("checklistCode", "清单编号", true, 40),
          new Column("checklistName", "抽查类别", true, 200),
          new Column("itemCode", "事项编码", true, 40),
          new Column("itemName", "抽查事项", true, 300),
          new Column("subItemCode", "子项编码", true, 40),
          new Column("subItemName", "子项名称", true, 300),
          new Column("contentLine", "检查内容", true, 1000),
          new Column("department", "实施部门", true, 50),
          new Column("legalBasis", "抽查依据", true, 1000),
          new Column("kind", "事项类型", false, 10),
          new Column("methods", "检查方式", false, 300));

  /** The item-level columns: every row of an item must agree on them. */
  private static final List<String> ITEM_COLUMNS =
      List.of("checklistCode", "checklistName", "itemName", "department", "legalBasis", "kind", "methods");

  private final CatalogService catalog;
  private final OrganisationProperties organisation;
  private final Map<Long, String> outcome = new ConcurrentHashMap<>();

  public CatalogueImporter(
      DirectoryImports imports,
      CatalogService catalog,
      OrganisationProperties organisation,
      TransactionTemplate tx,
      ImportSettings settings) {
    // the catalogue is read whole to group its lines by item: a lower limit than other files
    super(KIND, imports, tx,
        settings.withMaxRows(Math.min(settings.maxRows(), MAX_ROWS)));
    this.catalog = catalog;
    this.organisation = organisation;
  }

  /** One content-line row as read. */
  record Line(long row, Map<String, String> values) {
    String get(String column) {
      return values.get(column);
    }
  }

  /** An item's rows, in file order, and its rows' problems. */
  static final class ItemRows {
    final String code;
    final List<Line> lines = new ArrayList<>();
    final List<Rejection> problems = new ArrayList<>();
    final Set<Long> badRows = new HashSet<>();
    final List<Rejection> duplicates = new ArrayList<>();

    ItemRows(String code) {
      this.code = code;
    }
  }

  @Override
  protected RowParser header(List<String> cells) throws HeaderRefusedException {
    SheetHeader.of(cells, COLUMNS);
    return (record, row) -> Row.BLANK; // rows are read by process(), grouped by item
  }

  @Override
  protected Written write(Job job, List<Accepted> rows) {
    throw new UnsupportedOperationException("the catalogue is written item by item");
  }

  @Override
  protected void process(Job job, RowSource source) throws IOException {
    if (job.rowsDone() > 0) {
      imports.reset(job.id()); // interrupted: redo it whole (writing an item again changes nothing)
    }
    SheetHeader[] header = {null};
    Map<String, ItemRows> items = new LinkedHashMap<>();
    List<Rejection> loose = new ArrayList<>(); // rows without a usable item code
    Set<Long> looseRows = new HashSet<>();
    Map<Object, Long> seenLines = new HashMap<>();
    Map<String, Long> subItemFirst = new HashMap<>(); // sub-item code → its first row
    Map<String, String> subItemOwner = new HashMap<>(); // sub-item code → item code
    Map<String, Line> subItemLine = new HashMap<>();
    int[] blank = {0};
    source.read(
        (number, cells) -> {
          if (header[0] == null) {
            try {
              header[0] = SheetHeader.of(cells, COLUMNS);
            } catch (HeaderRefusedException e) {
              throw new IOException(e.getMessage());
            }
            return true;
          }
          SheetHeader h = header[0];
          SheetHeader.Cells c = h.cells(cells, number);
          if (c == null) {
            blank[0]++;
            return true;
          }
          String itemCode = c.text("itemCode", "");
          if (itemCode.isEmpty()) {
            loose.addAll(c.rejections);
            looseRows.add(number);
            return true;
          }
          ItemRows item = items.computeIfAbsent(itemCode, ItemRows::new);
          Map<String, String> values = new HashMap<>(c.values);
          values.putIfAbsent("kind", "");
          values.putIfAbsent("methods", "");
          Line line = new Line(number, values);
          checkCells(c, line);
          if (!item.lines.isEmpty() && c.ok()) {
            Line first = item.lines.get(0);
            for (String column : ITEM_COLUMNS) {
              if (!first.get(column).equals(line.get(column))) {
                c.reject(column, "同一事项（" + itemCode + "）各行的此列应相同，与第 " + first.row() + " 行不一致");
              }
            }
          }
          String subCode = line.get("subItemCode");
          if (!subCode.isEmpty() && c.ok()) {
            String owner = subItemOwner.putIfAbsent(subCode, itemCode);
            Line firstOfSub = subItemLine.putIfAbsent(subCode, line);
            if (owner != null && !owner.equals(itemCode)) {
              c.reject("subItemCode", "子项编码已属于事项 " + owner + "（第 " + subItemFirst.get(subCode) + " 行）");
            } else if (firstOfSub != null && !firstOfSub.get("subItemName").equals(line.get("subItemName"))) {
              c.reject("subItemName", "同一子项各行的子项名称应相同，与第 " + firstOfSub.row() + " 行不一致");
            }
            subItemFirst.putIfAbsent(subCode, number);
          }
          if (c.ok()) {
            Long first = seenLines.putIfAbsent(List.of(itemCode, subCode, line.get("contentLine")), number);
            if (first != null) {
              item.duplicates.add(new Rejection(number, h.nameOf("contentLine"), "与第 " + first + " 行重复"));
              return true;
            }
          }
          item.lines.add(line);
          if (!c.ok()) {
            item.problems.addAll(c.rejections);
            item.badRows.add(number);
          }
          return true;
        });
    write(job, header[0], items, loose, looseRows.size(), blank[0]);
  }

  /** Checks one row's cells on their own. */
  private void checkCells(SheetHeader.Cells c, Line line) {
    if (!line.get("itemCode").matches("[A-Za-z0-9._-]{1,40}")) {
      c.reject("itemCode", "事项编码应为 1–40 位字母、数字或 . _ -");
    }
    String department = department(line.get("department"));
    if (!department.isEmpty() && organisation.department(department).isEmpty()) {
      c.reject("department", "未知的部门：" + department);
    }
    line.values().put("department", department);
    if (!line.get("kind").isEmpty() && ItemKind.parse(line.get("kind")).isEmpty()) {
      c.reject("kind", "“" + line.get("kind") + "”应为 一般（general）或 重点（key）");
    }
    for (String method : c.list("methods")) {
      if (CheckMethod.parse(method).isEmpty()) {
        c.reject("methods", "未知的检查方式：" + method);
      }
    }
  }

  private String department(String text) {
    if (text.isEmpty() || organisation.department(text).isPresent()) {
      return text;
    }
    return organisation.departments().stream()
        .filter(d -> d.name().equals(text))
        .map(OrganisationProperties.Department::code)
        .findFirst()
        .orElse(text);
  }

  /** Where items are written: the draft, created (lazily) when some item differs. */
  private final class Target {
    Integer draftNo = catalog.draft().map(Version::versionNo).orElse(null);
    Integer compareNo = draftNo != null ? draftNo : catalog.latestPublished().map(Version::versionNo).orElse(null);
    final Job job;

    Target(Job job) {
      this.job = job;
    }

    int draft() {
      if (draftNo == null) {
        draftNo = catalog.createDraft(job.createdBy(), "导入 #" + job.id() + "：" + job.fileName(), ClockUtil.now().toInstant()).versionNo();
        compareNo = draftNo;
      }
      return draftNo;
    }
  }

  private void write(Job job, SheetHeader header, Map<String, ItemRows> items, List<Rejection> loose, int looseRows,
      int blank) {
    Target target = new Target(job);
    List<ItemRows> batch = new ArrayList<>();
    int rows = 0;
    for (ItemRows item : items.values()) {
      batch.add(item);
      rows += item.lines.size() + item.duplicates.size();
      if (rows >= batchSize) {
        flush(job, header, target, batch, List.of(), 0, 0);
        batch.clear();
        rows = 0;
      }
    }
    flush(job, header, target, batch, loose, looseRows, blank);
    outcome.put(job.id(), target.draftNo == null
        ? (target.compareNo == null ? "；没有写入任何事项" : "；与已发布的目录版本 " + target.compareNo + " 相同，未创建草稿")
        : "；写入目录草稿版本 " + target.draftNo + "（未发布：请管理员核对后发布）");
  }

  private void flush(Job job, SheetHeader header, Target target, List<ItemRows> batch, List<Rejection> loose,
      int looseRows, int blank) {
    checkNotStopping();
    tx.executeWithoutResult(status -> {
      int done = looseRows + blank;
      int accepted = 0;
      int rejected = looseRows;
      int created = 0;
      int updated = 0;
      List<Rejection> rejections = new ArrayList<>(loose);
      for (ItemRows item : batch) {
        done += item.lines.size() + item.duplicates.size();
        rejected += item.duplicates.size();
        rejections.addAll(item.duplicates);
        List<Rejection> problems = new ArrayList<>(item.problems);
        ItemDraft draft = null;
        if (problems.isEmpty()) {
          draft = draft(item);
          try {
            catalog.validate(item.code, draft);
          } catch (BadRequestException e) {
            e.errors().forEach(err -> problems.add(
                new Rejection(item.lines.get(0).row(), header.nameOf(column(err.field())), err.reason())));
          }
        }
        if (problems.isEmpty() && target.compareNo != null) {
          Map<String, String> owners = catalog.subItemOwners(target.compareNo,
              draft.subItems().stream().map(SubItemDraft::code).toList());
          for (Map.Entry<String, String> owner : owners.entrySet()) {
            if (!owner.getValue().equals(item.code)) {
              long row = item.lines.stream().filter(l -> l.get("subItemCode").equals(owner.getKey()))
                  .findFirst().orElseThrow().row();
              problems.add(new Rejection(row, header.nameOf("subItemCode"),
                  "子项编码 " + owner.getKey() + " 在目录版本 " + target.compareNo + " 中属于事项 " + owner.getValue()));
            }
          }
        }
        if (!problems.isEmpty()) {
          rejected += item.lines.size();
          rejections.addAll(problems);
          Set<Long> reported = new HashSet<>();
          problems.forEach(p -> reported.add(p.row()));
          String where = reported.stream().sorted().map(String::valueOf).reduce((a, b) -> a + "、" + b).orElse("");
          for (Line line : item.lines) {
            if (!reported.contains(line.row())) {
              rejections.add(new Rejection(line.row(), header.nameOf("itemCode"),
                  "所属事项 " + item.code + " 有错误（第 " + where + " 行），整项未导入"));
            }
          }
          continue;
        }
        accepted += item.lines.size();
        Optional<Item> existing = target.compareNo == null ? Optional.empty() : catalog.findItem(target.compareNo, item.code);
        if (existing.isPresent() && normalised(existing.get()).equals(normalised(item.code, draft))) {
          continue;
        }
        catalog.putItem(target.draft(), item.code, draft);
        if (existing.isEmpty()) {
          created += item.lines.size();
        } else {
          updated += item.lines.size();
        }
      }
      rejections.sort(java.util.Comparator.comparingLong(Rejection::row));
      imports.recordBatch(job.id(), new BatchCounts(done, accepted, rejected, created, updated), rejections);
    });
  }

  /** putItem's field names → the file's columns. */
  private static String column(String field) {
    if (field.startsWith("subItems")) {
      return field.endsWith(".name") ? "subItemName" : field.contains("contentLines") ? "contentLine" : "subItemCode";
    }
    return switch (field) {
      case "code" -> "itemCode";
      case "name" -> "itemName";
      default -> field;
    };
  }

  private static ItemDraft draft(ItemRows item) {
    Line first = item.lines.get(0);
    Map<String, List<String>> lines = new LinkedHashMap<>();
    Map<String, String> names = new HashMap<>();
    for (Line line : item.lines) {
      lines.computeIfAbsent(line.get("subItemCode"), k -> new ArrayList<>()).add(line.get("contentLine"));
      names.putIfAbsent(line.get("subItemCode"), line.get("subItemName"));
    }
    List<SubItemDraft> subs = lines.entrySet().stream()
        .map(e -> new SubItemDraft(e.getKey(), names.get(e.getKey()), List.copyOf(e.getValue())))
        .toList();
    String kind = first.get("kind").isEmpty() ? ItemKind.GENERAL.code() : first.get("kind");
    List<String> methods = new ArrayList<>();
    for (String m : first.get("methods").split(EntityColumn.TAG_SEPARATORS)) {
      if (!m.isBlank()) {
        methods.add(m.strip());
      }
    }
    if (methods.isEmpty()) {
      methods.add(CheckMethod.ON_SITE.code());
    }
    return new ItemDraft(first.get("checklistCode"), first.get("checklistName"), first.get("itemName"),
        first.get("department"), first.get("legalBasis"), kind, List.copyOf(methods), subs);
  }

  /** An item as stored, for comparison: sub-items in code order. */
  private static Item normalised(Item item) {
    return new Item(item.code(), item.name(), item.checklistCode(), item.checklistName(), item.department(),
        item.legalBasis(), item.kind(), item.methods(),
        item.subItems().stream().sorted(java.util.Comparator.comparing(SubItem::code)).toList());
  }

  /** A draft as putItem would store it. */
  private static Item normalised(String code, ItemDraft d) {
    return new Item(code, d.name().strip(), d.checklistCode().strip(), d.checklistName().strip(), d.department(),
        d.legalBasis().strip(), ItemKind.parse(d.kind()).orElseThrow().code(),
        d.methods().stream().map(m -> CheckMethod.parse(m).orElseThrow().code()).distinct().toList(),
        d.subItems().stream()
            .map(s -> new SubItem(s.code().strip(), s.name().strip(), s.contentLines().stream().map(String::strip).toList()))
            .sorted(java.util.Comparator.comparing(SubItem::code))
            .toList());
  }

  @Override
  protected String summary(Job done) {
    String tail = outcome.remove(done.id());
    return super.summary(done) + (tail == null ? "" : tail);
  }

  @Override
  public List<String> templateHeader() {
    return COLUMNS.stream().map(Column::chinese).toList();
  }

  @Override
  public String templateName() {
    return "抽查事项清单模板.csv";
  }
}
