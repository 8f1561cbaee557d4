package org.onedoor.inspection;

import java.util.List;

/**
 * One section of an inspection's detail (API {@code GET /api/v1/inspections/{number}} and the staff page
 * of the inspection). Each part of the joint inspection that keeps its own data — the visit, the
 * department records, evidence, follow-ups — contributes a section as a Spring bean, so the detail view
 * grows with the features and never reads another feature's tables.
 */
public interface InspectionSection {

  /** Stable key of the section in the JSON detail, e.g. {@code "visit"}. */
  String key();

  /** Chinese heading on the staff page, e.g. 检查时间协商. */
  String title();

  /** Position on the page and in the JSON, ascending. */
  int order();

  /** The section's data for the API: JSON-serialisable (records, lists, maps). */
  Object data(String inspectionNumber);

  /** The same data as a table for the staff page: headers and rows of display text, in Chinese. */
  Table table(String inspectionNumber);

  /**
   * Links the staff page shows under the section's table (pages and papers of the section, e.g. the
   * rectification page and the 责令改正通知书); they open in a new tab. None by default.
   */
  default List<Link> links(String inspectionNumber) {
    return List.of();
  }

  /** A link on the staff page: its Chinese label and a path inside the application. */
  record Link(String label, String href) {}

  /** A display table; an empty {@code rows} shows as "无". */
  record Table(List<String> headers, List<List<String>> rows) {}
}
