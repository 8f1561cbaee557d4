package org.onedoor.directory;

import java.time.Instant;
import java.util.List;

/**
 * What an import did, for its uploader: status, progress and every rejected row with its number (as a
 * spreadsheet shows it, the header being row 1), column and reason. The same report for every import
 * kind, the directory's own and those of other features.
 */
public record ImportReport(
    long id,
    String kind,
    String fileName,
    String charset,
    String status,
    String message,
    int rowsTotal,
    int rowsDone,
    int rowsAccepted,
    int rowsRejected,
    int rowsCreated,
    int rowsUpdated,
    int rowsUnchanged,
    int progressPercent,
    String createdBy,
    Instant createdAt,
    Instant finishedAt,
    List<RejectedRow> rejections) {

  /** A rejected row. */
  public record RejectedRow(long row, String column, String reason) {}
}
