package org.onedoor.disclosure;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.onedoor.disclosure.Disclosures.ChangeKind;
import org.onedoor.disclosure.Disclosures.EntitySummary;
import org.onedoor.disclosure.Disclosures.PublicListing;
import org.onedoor.disclosure.Disclosures.PublicResult;

/** Rows of the public projection as the public records they hold (shared by the readers of the projection). */
final class PublicRows {

  /**
   * The columns of an entity's summary: a search names them instead of {@code *}, so that it stays an
   * index-only scan and never reads the stored first page.
   */
  static final String ENTITY_COLUMNS = "uscc, entity_name, results, listings, last_published_at";

  private PublicRows() {}

  static EntitySummary entity(ResultSet rs, int n) throws SQLException {
    return new EntitySummary(rs.getString("uscc"), rs.getString("entity_name"), rs.getInt("results"),
        rs.getInt("listings"), rs.getTimestamp("last_published_at").toInstant());
  }

  static PublicResult result(ResultSet rs, int n) throws SQLException {
    return new PublicResult(rs.getLong("record_id"), rs.getInt("version"), ChangeKind.valueOf(rs.getString("change_kind")),
        rs.getString("change_reason"), rs.getBoolean("current_version"), rs.getString("plan_number"),
        rs.getString("plan_name"), rs.getString("task_number"), rs.getString("task_name"),
        rs.getString("inspection_type"), rs.getString("department"), rs.getString("authority"),
        rs.getString("entity_name"), rs.getString("uscc"), rs.getDate("completed_on").toLocalDate(),
        rs.getString("result_code"), rs.getString("result_label"), rs.getString("remarks"),
        rs.getDate("arisen_on").toLocalDate(), rs.getDate("deadline").toLocalDate(),
        rs.getTimestamp("published_at").toInstant());
  }

  static PublicListing listing(ResultSet rs, int n) throws SQLException {
    String kind = rs.getString("decision_kind");
    boolean individual = rs.getBoolean("individual_business");
    return new PublicListing(rs.getLong("record_id"), rs.getInt("version"), ChangeKind.valueOf(rs.getString("change_kind")),
        rs.getString("change_reason"), rs.getBoolean("current_version"), rs.getLong("listing_id"), kind,
        PublicRecords.decisionLabel(kind, individual), rs.getString("decision_number"), rs.getString("uscc"),
        rs.getString("entity_name"), individual, rs.getString("ground"), rs.getString("ground_label"),
        rs.getString("reason_code"), PublicRecords.reasonLabel(rs.getString("reason_code")), rs.getString("department"),
        rs.getString("authority"), rs.getDate("decided_on").toLocalDate(), rs.getString("legal_basis"),
        rs.getDate("arisen_on").toLocalDate(), rs.getDate("deadline").toLocalDate(),
        rs.getTimestamp("published_at").toInstant());
  }
}
