package org.onedoor.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.directory.ConflictRegister.Conflict;
import org.onedoor.directory.ConflictRegister.NewConflict;
import org.onedoor.directory.DirectoryImports.Job;
import org.onedoor.directory.DirectoryImports.Rejection;
import org.onedoor.directory.SheetHeader.Column;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports conflict-of-interest files: one row per inspector–entity pair, keyed by (工号, 统一社会信用代码),
 * recorded through {@link ConflictRegister#record} (again = update of reason and source). A row
 * naming an inspector not in the directory, or an invalid USCC, is rejected. The entity need not be
 * in the entity directory yet (a conflict may be declared before the business is imported).
 */
@Component
public class ConflictImporter extends FileImporter {

  public static final String KIND = "conflicts";
  static final String DEFAULT_SOURCE = "人工登记";

  static final List<Column> COLUMNS =
      List.of(
          new Column("staffNumber", "工号", true, 64),
          new Column("uscc", "统一社会信用代码", true, 100),
          new Column("reason", "回避原因", true, 500),
          new Column("source", "来源", false, 100));

  private final ConflictRegister register;
  private final InspectorDirectory inspectors;

  public ConflictImporter(
      DirectoryImports imports,
      ConflictRegister register,
      InspectorDirectory inspectors,
      TransactionTemplate tx,
      ImportSettings settings) {
    super(KIND, imports, tx, settings);
    this.register = register;
    this.inspectors = inspectors;
  }

  record Parsed(NewConflict conflict, String staffColumn) {}

  @Override
  protected RowParser header(List<String> cells) throws HeaderRefusedException {
    SheetHeader header = SheetHeader.of(cells, COLUMNS);
    Map<Object, Long> seen = new HashMap<>();
    return (record, row) -> {
      SheetHeader.Cells c = header.cells(record, row);
      if (c == null) {
        return Row.BLANK;
      }
      String staff = c.text("staffNumber", "");
      String uscc = Uscc.normalise(c.text("uscc", ""));
      Optional<String> usccProblem = uscc.isEmpty() ? Optional.empty() : Uscc.problem(uscc);
      usccProblem.ifPresent(p -> c.reject("uscc", p));
      if (!staff.isEmpty() && !uscc.isEmpty() && usccProblem.isEmpty()) {
        // the pair counts whether or not this row is accepted: a later row with it is a duplicate
        c.unique(seen, List.of(staff, uscc), "uscc");
      }
      NewConflict conflict = new NewConflict(staff, uscc, c.text("reason", ""), c.text("source", DEFAULT_SOURCE));
      return c.ok()
          ? new Row(new Parsed(conflict, header.nameOf("staffNumber")), List.of())
          : new Row(null, List.copyOf(c.rejections));
    };
  }

  @Override
  protected Written write(Job job, List<Accepted> rows) {
    int created = 0;
    int updated = 0;
    int rejected = 0;
    List<Rejection> rejections = new ArrayList<>();
    Instant now = ClockUtil.now().toInstant();
    for (Accepted row : rows) {
      Parsed parsed = (Parsed) row.value();
      NewConflict conflict = parsed.conflict();
      // checked here, not left to record(): its exception would doom the batch's transaction
      if (inspectors.find(conflict.staffNumber()).isEmpty()) {
        rejections.add(new Rejection(row.row(), parsed.staffColumn(),
            "执法检查人员 " + conflict.staffNumber() + " 不在名录中（请先导入执法检查人员）"));
        rejected++;
        continue;
      }
      Optional<Conflict> before = register.find(conflict.staffNumber(), conflict.uscc());
      Conflict after = register.record(conflict, job.createdBy(), now);
      if (before.isEmpty()) {
        created++;
      } else if (!before.get().reason().equals(after.reason()) || !before.get().source().equals(after.source())) {
        updated++;
      }
    }
    return new Written(created, updated, rejections, rejected);
  }

  @Override
  public List<String> templateHeader() {
    return COLUMNS.stream().map(Column::chinese).toList();
  }

  @Override
  public String templateName() {
    return "回避名单模板.csv";
  }
}
