package org.onedoor.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.onedoor.platform.cluster.ClusterNode;
import org.springframework.beans.factory.annotation.Value;
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
  private final ClusterNode node;
  private final int leaseSeconds;

  public DirectoryImports(JdbcClient jdbc, JdbcTemplate batch, ClusterNode node,
      @Value("${onedoor.imports.lease:60s}") Duration lease) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.node = node;
    this.leaseSeconds = (int) Math.max(1, lease.toSeconds());
  }

  /** The lease, in seconds. */
  public int leaseSeconds() {
    return leaseSeconds;
  }

  /** This node's id, the owner of the imports it runs. */
  public String node() {
    return node.id();
  }

  // the database's clock, the same for every node; CAST: PostgreSQL must know the multiplier's type
  private static final String LEASE_END = "CURRENT_TIMESTAMP + CAST(:lease AS INTEGER) * INTERVAL '1' SECOND";
  private static final String FREE = "(owner_node = :node OR lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP)";

  /** Renews the leases of this node's unfinished imports; returns how many. */
  public int renewLeases() {
    return jdbc.sql("UPDATE directory_import SET lease_until = " + LEASE_END
            + " WHERE owner_node = :node AND status IN ('QUEUED', 'RUNNING')")
        .param("lease", leaseSeconds)
        .param("node", node.id())
        .update();
  }

  /** Unfinished imports of one kind this node may take: its own, or whose lease has run out. */
  public List<Long> claimable(String kind) {
    return jdbc.sql("SELECT id FROM directory_import WHERE status IN ('QUEUED', 'RUNNING') AND kind = :kind AND "
            + FREE + " ORDER BY id")
        .param("kind", kind)
        .param("node", node.id())
        .query(Long.class)
        .list();
  }

  /** Unfinished imports of any kind whose lease has run out (their node is gone). */
  public List<Long> expired() {
    return jdbc.sql("SELECT id FROM directory_import WHERE status IN ('QUEUED', 'RUNNING') AND owner_node <> :node"
            + " AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP) ORDER BY id")
        .param("node", node.id())
        .query(Long.class)
        .list();
  }

  /**
   * Takes an unfinished import for this node if it is free (this node's already, or its lease has run
   * out); one node wins when several try. Returns the owner it had, or empty when not taken.
   */
  public Optional<String> claim(long id) {
    String before = jdbc.sql("SELECT owner_node FROM directory_import WHERE id = :id").param("id", id)
        .query(String.class).optional().orElse(null);
    int taken = jdbc.sql("UPDATE directory_import SET owner_node = :node, lease_until = " + LEASE_END
            + " WHERE id = :id AND status IN ('QUEUED', 'RUNNING') AND " + FREE)
        .param("node", node.id())
        .param("lease", leaseSeconds)
        .param("id", id)
        .update();
    return taken == 1 ? Optional.of(before == null ? "" : before) : Optional.empty();
  }

  public long create(String kind, String fileName, String charset, String createdBy, Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO directory_import (kind, file_name, charset, status, rows_total, rows_done,
                rows_accepted, rows_rejected, rows_created, rows_updated, created_by, created_at,
                owner_node, lease_until)
            VALUES (:kind, :file, :charset, :status, 0, 0, 0, 0, 0, 0, :by, :at, :node, """ + LEASE_END + ")")
        .param("node", node.id())
        .param("lease", leaseSeconds)
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
