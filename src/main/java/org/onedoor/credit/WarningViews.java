package org.onedoor.credit;

import java.util.List;

/** What the staff pages of risk warnings show (templates staff/warnings.jte and staff/warning.jte): display text only. */
public final class WarningViews {

  private WarningViews() {}

  /** A choice of a filter's select. */
  public record Choice(String value, String label, boolean selected) {}

  /** One warning in the list. */
  public record Row(long id, String receivedAt, String entityName, String uscc, String department, String source,
      String level, String status, String checkDue, boolean overdue, String conclusion, String inspectionNumber) {}

  /** The list page; {@code upload} is null for staff who may upload no monitoring data (the card is left out). */
  public record ListPage(String title, List<Choice> departments, List<Choice> statuses, List<Choice> sources,
      List<Choice> rules, String from, String to, String error, List<Row> rows, long total, int page, int pages,
      String previous, String next, Upload upload) {}

  /** A source on the upload card: name and code, department, indicators. */
  public record UploadSource(String name, String code, String department, String indicators) {}

  /**
   * The card 监测数据导入: the sources the person may upload readings of, the upload API (its report at {@code
   * uploadPath}/{id}), the template, the columns and the limits, as the page shows them.
   */
  public record Upload(List<UploadSource> sources, String uploadPath, String templatePath, String columns,
      String maxFile, String maxRows, long maxFileBytes) {}

  /** A label and its text on the detail page (left out when the text is empty). */
  public record Fact(String term, String text) {}

  /**
   * The detail page. {@code countersign}: per department asked to join the targeted inspection (部门会签), its
   * answer, who and when, its items and reasons.
   */
  public record Detail(long id, String title, String entityName, List<Fact> facts, String description,
      List<Fact> check, List<Fact> decision, List<Fact> countersign, String inspectionNumber) {}
}
