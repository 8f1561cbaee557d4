package org.onedoor.directory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.directory.DirectoryImports.Job;
import org.onedoor.directory.DirectoryImports.Rejection;
import org.onedoor.directory.InspectorDirectory.Inspector;
import org.onedoor.directory.InspectorDirectory.InspectorRecord;
import org.onedoor.directory.SheetHeader.Column;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.security.OrganisationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports inspector files: one row per inspector, upserted by 工号 (staff number) through {@link
 * InspectorDirectory#save} (which links the Camunda user). A column absent from the file keeps
 * the stored value of an existing inspector.
 */
@Component
public class InspectorImporter extends FileImporter {

  public static final String KIND = "inspectors";

  static final List<Column> COLUMNS =
      List.of(
          new Column("staffNumber", "工号", true, 64),
          new Column("name", "姓名", true, 50),
          new Column("department", "部门", true, 50),
          new Column("unit", "单位", true, 100),
          new Column("region", "区域", false, 100),
          new Column("certificateNumber", "执法证号", false, 50),
          new Column("certificateExpiry", "执法证有效期至", false, 10),
          new Column("qualifications", "专业资质", false, 1000),
          new Column("expert", "专家", false, 10),
          new Column("active", "在岗", false, 10),
          new Column("idNumber", "身份证号", false, 18),
          new Column("phone", "手机号", false, 20));

  private final InspectorDirectory directory;
  private final OrganisationProperties organisation;

  public InspectorImporter(
      DirectoryImports imports,
      InspectorDirectory directory,
      OrganisationProperties organisation,
      TransactionTemplate tx,
      ImportSettings settings) {
    super(KIND, imports, tx, settings);
    this.directory = directory;
    this.organisation = organisation;
  }

  /** A parsed row: the cells as given, for merging with what is stored. */
  record Parsed(SheetHeader header, InspectorRecord record) {}

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
      if (!staff.isEmpty()) {
        c.unique(seen, staff, "staffNumber");
      }
      String department = department(c.text("department", ""));
      LocalDate expiry = c.date("certificateExpiry");
      Boolean expert = c.yesNo("expert", null);
      Boolean active = c.yesNo("active", null);
      InspectorRecord parsed =
          new InspectorRecord(staff, c.text("name", ""), department, c.text("unit", ""), c.get("region"),
              c.get("certificateNumber"), expiry, header.has("qualifications") ? c.list("qualifications") : null,
              expert, active, c.get("idNumber"), c.get("phone"));
      try {
        directory.validate(parsed); // the directory's own rules, every field at once
      } catch (BadRequestException e) {
        java.util.Set<String> rejected = new java.util.HashSet<>();
        c.rejections.forEach(r -> rejected.add(r.column()));
        e.errors().stream()
            .filter(error -> !rejected.contains(header.nameOf(error.field())))
            .forEach(error -> c.reject(error.field(), error.reason()));
      }
      return c.ok() ? new Row(new Parsed(header, parsed), List.of()) : new Row(null, List.copyOf(c.rejections));
    };
  }

  /** A department by code or by name (市场监管局 …); unknown text is kept for the validation to name. */
  private String department(String text) {
    if (organisation.department(text).isPresent()) {
      return text;
    }
    return organisation.departments().stream()
        .filter(d -> d.name().equals(text))
        .map(OrganisationProperties.Department::code)
        .findFirst()
        .orElse(text);
  }

  @Override
  protected Written write(Job job, List<Accepted> rows) {
    int created = 0;
    int updated = 0;
    Instant now = ClockUtil.now().toInstant();
    for (Accepted row : rows) {
      Parsed parsed = (Parsed) row.value();
      InspectorRecord r = parsed.record();
      Optional<Inspector> before = directory.find(r.staffNumber());
      InspectorRecord merged = before.map(b -> merge(parsed.header(), r, b)).orElse(r);
      Inspector after = directory.save(merged, now);
      if (before.isEmpty()) {
        created++;
      } else if (!before.get().equals(after)) {
        updated++;
      }
    }
    return new Written(created, updated, List.<Rejection>of(), 0);
  }

  /** A column the file lacks keeps the stored value; an empty cell gives the default. */
  private static InspectorRecord merge(SheetHeader h, InspectorRecord r, Inspector stored) {
    return new InspectorRecord(
        r.staffNumber(), r.name(), r.department(), r.unit(),
        h.has("region") ? r.region() : stored.region(),
        h.has("certificateNumber") ? r.certificateNumber() : stored.certificateNumber(),
        h.has("certificateExpiry") ? r.certificateExpiry() : stored.certificateExpiry(),
        h.has("qualifications") ? r.qualifications() : stored.qualifications(),
        h.has("expert") ? r.expert() : Boolean.valueOf(stored.expert()),
        h.has("active") ? r.active() : Boolean.valueOf(stored.active()),
        h.has("idNumber") ? r.idNumber() : stored.idNumber(),
        h.has("phone") ? r.phone() : stored.phone());
  }

  @Override
  public List<String> templateHeader() {
    return COLUMNS.stream().map(Column::chinese).toList();
  }

  @Override
  public String templateName() {
    return "执法检查人员名录模板.csv";
  }
}
