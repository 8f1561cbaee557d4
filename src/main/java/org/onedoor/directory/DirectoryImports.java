package org.onedoor.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The import jobs (directory_import) and their rejected rows: what each import did, batch by
 * batch, so that a crash leaves an exact record of which rows landed.
 */
@Repository
public class DirectoryImports {

  public enum Status {
    QUEUED,
    RUNNING,
    DONE,
    FAILED
  }

  /** One import as stored. */
  public record Job(
      long id,
      String kind,
      String fileName,
      String charset,
      Status status,
      String message,
      int rowsTotal,
      int rowsDone,
      int rowsAccepted,
      int rowsRejected,
      int rowsCreated,
      int rowsUpdated,
      String createdBy,
      Instant createdAt,
      Instant finishedAt) {}

  /** A rejected row: its number as a spreadsheet shows it (the header is row 1). */
  public record Rejection(long row, String column, String reason) {}

  /** What one batch did. */
  public record BatchCounts(int done, int accepted, int rejected, int created, int updated) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  public DirectoryImports(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  public long create(String kind, String fileName, String charset, String createdBy, Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO directory_import (kind, file_name, charset, status, rows_total, rows_done,
                rows_accepted, rows_rejected, rows_created, rows_updated, created_by, created_at)
            VALUES (:kind, :file, :charset, :status, 0, 0, 0, 0, 0, 0, :by, :at)
            """)
        .param("kind", kind)
        .param("file", fileName)
        .param("charset", charset)
        .param("status", Status.QUEUED.name())
        .param("by", createdBy)
        .param("at", Timestamp.from(now))
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  public Optional<Job> find(long id) {
    return jdbc.sql("SELECT * FROM directory_import WHERE id = :id").param("id", id).query(DirectoryImports::map).optional();
  }

  /** Imports not finished (queued, or running when the application stopped), oldest first. */
  public List<Long> unfinished() {
    return jdbc.sql("SELECT id FROM directory_import WHERE status IN ('QUEUED', 'RUNNING') ORDER BY id")
        .query(Long.class)
        .list();
  }

  /** Unfinished imports of one kind, oldest first. */
  public List<Long> unfinished(String kind) {
    return jdbc.sql("SELECT id FROM directory_import WHERE status IN ('QUEUED', 'RUNNING') AND kind = :kind ORDER BY id")
        .param("kind", kind)
        .query(Long.class)
        .list();
  }

  /** Forgets what a run did (counters and rejections), for a kind that redoes an interrupted import whole. */
  public void reset(long id) {
    jdbc.sql("DELETE FROM directory_import_rejection WHERE import_id = :id").param("id", id).update();
    jdbc.sql("UPDATE directory_import SET rows_done = 0, rows_accepted = 0, rows_rejected = 0, rows_created = 0,"
            + " rows_updated = 0 WHERE id = :id")
        .param("id", id)
        .update();
  }

  public void start(long id, String charset, int rowsTotal) {
    jdbc.sql("UPDATE directory_import SET status = 'RUNNING', charset = :charset, rows_total = :total WHERE id = :id")
        .param("charset", charset)
        .param("total", rowsTotal)
        .param("id", id)
        .update();
  }

  /** Records a batch (in the caller's transaction, with the rows it wrote). */
  public void recordBatch(long id, BatchCounts counts, List<Rejection> rejections) {
    if (!rejections.isEmpty()) {
      batch.batchUpdate(
          "INSERT INTO directory_import_rejection (import_id, row_number, column_name, reason) VALUES (?, ?, ?, ?)",
          rejections.stream()
              .map(r -> new Object[] {id, r.row(), r.column(), truncate(r.reason(), 1000)})
              .toList(),
          new int[] {Types.BIGINT, Types.INTEGER, Types.VARCHAR, Types.VARCHAR});
    }
    jdbc.sql(
            """
            UPDATE directory_import SET rows_done = rows_done + :done, rows_accepted = rows_accepted + :accepted,
                rows_rejected = rows_rejected + :rejected, rows_created = rows_created + :created,
                rows_updated = rows_updated + :updated
            WHERE id = :id
            """)
        .param("done", counts.done())
        .param("accepted", counts.accepted())
        .param("rejected", counts.rejected())
        .param("created", counts.created())
        .param("updated", counts.updated())
        .param("id", id)
        .update();
  }

  public void finish(long id, Status status, String message, Instant now) {
    jdbc.sql("UPDATE directory_import SET status = :status, message = :message, finished_at = :at WHERE id = :id")
        .param("status", status.name())
        .param("message", truncate(message, 1000))
        .param("at", Timestamp.from(now))
        .param("id", id)
        .update();
  }

  public List<Rejection> rejections(long id) {
    return jdbc.sql(
            "SELECT row_number, column_name, reason FROM directory_import_rejection WHERE import_id = :id ORDER BY row_number, id")
        .param("id", id)
        .query((rs, n) -> new Rejection(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  private static Job map(ResultSet rs, int n) throws SQLException {
    Timestamp finished = rs.getTimestamp("finished_at");
    return new Job(
        rs.getLong("id"),
        rs.getString("kind"),
        rs.getString("file_name"),
        rs.getString("charset"),
        Status.valueOf(rs.getString("status")),
        rs.getString("message"),
        rs.getInt("rows_total"),
        rs.getInt("rows_done"),
        rs.getInt("rows_accepted"),
        rs.getInt("rows_rejected"),
        rs.getInt("rows_created"),
        rs.getInt("rows_updated"),
        rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant(),
        finished == null ? null : finished.toInstant());
  }
}
