package org.onedoor.monitoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.directory.DirectoryImports.Job;
import org.onedoor.directory.DirectoryImports.Rejection;
import org.onedoor.directory.HeaderRefusedException;
import org.onedoor.directory.FileImporter;
import org.onedoor.directory.ImportMachinery;
import org.onedoor.directory.SheetHeader;
import org.onedoor.directory.SheetHeader.Column;
import org.springframework.stereotype.Component;

/**
 * Monitoring readings uploaded by people as CSV (UTF-8 or GBK) or XLSX, through the directory's import
 * machinery: stored at once, imported in the background in batches (each batch one intake transaction:
 * its readings, their warnings and the counters), a report with every rejected row. Columns (Chinese or
 * English names, any order): 来源 source, 统一社会信用代码 uscc, 指标 indicator (code or Chinese name), 数值
 * value, 测量时间 measuredAt. A reading already stored counts as unchanged.
 */
@Component
public class MonitoringFileImporter extends FileImporter {

  public static final String KIND = "monitoring";

  static final List<Column> COLUMNS = List.of(
      new Column("source", "来源", true, 60),
      new Column("uscc", "统一社会信用代码", true, 30),
      new Column("indicator", "指标", true, 60),
      new Column("value", "数值", true, 40),
      new Column("measuredAt", "测量时间", true, 40));

  private static final Map<String, String> CHINESE =
      COLUMNS.stream().collect(Collectors.toMap(Column::english, Column::chinese));

  private final ReadingParser parser;
  private final MonitoringIntake intake;
  private final IdentityService identity;

  MonitoringFileImporter(ImportMachinery machinery, ReadingParser parser, MonitoringIntake intake,
      IdentityService identity) {
    super(KIND, machinery);
    this.parser = parser;
    this.intake = intake;
    this.identity = identity;
  }

  @Override
  protected RowParser header(List<String> cells) throws HeaderRefusedException {
    SheetHeader header = SheetHeader.of(cells, COLUMNS);
    return (record, row) -> {
      SheetHeader.Cells c = header.cells(record, row);
      if (c == null) {
        return Row.BLANK;
      }
      if (!c.ok()) {
        return new Row(null, c.rejections());
      }
      ReadingParser.Parsed parsed = parser.parse(c.get("source"), c.get("uscc"), c.get("indicator"), c.get("value"),
          c.get("measuredAt"), ClockUtil.now().toInstant(), "");
      parsed.errors().forEach(e -> c.reject(e.field(), e.reason()));
      return c.ok() ? new Row(parsed.reading(), List.of()) : new Row(null, c.rejections());
    };
  }

  @Override
  protected Written write(Job job, List<Accepted> rows) {
    List<MonitoringIntake.Candidate> candidates = new ArrayList<>(rows.size());
    for (Accepted row : rows) {
      candidates.add(new MonitoringIntake.Candidate(row.row(), (Reading) row.value()));
    }
    Instant now = ClockUtil.now().toInstant();
    MonitoringIntake.Outcome outcome = intake.ingestUpload(job.id(), candidates, submitter(job.createdBy()), now);
    List<Rejection> rejections = outcome.refusals().stream()
        .map(r -> new Rejection(r.position(), CHINESE.getOrDefault(r.field(), r.field()), r.reason())).toList();
    return new Written(outcome.stored(), 0, rejections, rejections.size());
  }

  /** The uploader with their groups now (the upload runs in the background, after the request). */
  private MonitoringIntake.Submitter submitter(String user) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    return new MonitoringIntake.Submitter(user, groups);
  }

  @Override
  public List<String> templateHeader() {
    return COLUMNS.stream().map(Column::chinese).toList();
  }

  @Override
  public String templateName() {
    return "监测数据导入模板.csv";
  }
}
