package org.onedoor.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.directory.DirectoryImports.Job;
import org.onedoor.directory.EntityDirectory.Change;
import org.onedoor.directory.EntityDirectory.Outcome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports entity files (CSV or XLSX) with the shared {@link FileImporter} machinery: rows upserted
 * by USCC through {@link EntityDirectory#write}, status changes kept as history.
 */
@Component
public class EntityImporter extends FileImporter {

  public static final String KIND = "entities";

  private final EntityDirectory directory;

  @Autowired
  public EntityImporter(
      DirectoryImports imports,
      EntityDirectory directory,
      TransactionTemplate tx,
      ImportSettings settings) {
    super(KIND, imports, tx, settings);
    this.directory = directory;
  }

  @Override
  protected RowParser header(List<String> cells) throws HeaderRefusedException {
    EntityFileHeader header = EntityFileHeader.of(cells);
    Map<String, Long> seen = new HashMap<>();
    return (record, row) -> {
      EntityFileHeader.Row parsed = header.parse(record, row, seen);
      return new Row(parsed.draft(), parsed.rejections());
    };
  }

  @Override
  protected Written write(Job job, List<Accepted> rows) {
    List<Change> changes = new ArrayList<>(rows.size());
    for (Accepted row : rows) {
      changes.add(new Change((EntityDraft) row.value(), "批量导入 #" + job.id() + " 第 " + row.row() + " 行"));
    }
    List<Outcome> outcomes = directory.write(changes, "import:" + job.id(), ClockUtil.now().toInstant());
    int created = (int) outcomes.stream().filter(o -> o == Outcome.CREATED).count();
    int updated = (int) outcomes.stream().filter(o -> o == Outcome.UPDATED).count();
    return new Written(created, updated, List.of(), 0);
  }

  @Override
  public List<String> templateHeader() {
    return Stream.of(EntityColumn.values()).map(EntityColumn::chinese).toList();
  }

  @Override
  public String templateName() {
    return "检查对象名录模板.csv";
  }
}
