package org.onedoor.directory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.onedoor.platform.TextCheck;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register of conflicts of interest (回避, 行政处罚法 art. 43): inspector–entity pairs a draw
 * must never make. One row per pair; recording a pair again updates its reason and source.
 */
@Service
public class ConflictRegister {

  public record Conflict(long id, String staffNumber, String uscc, String reason, String source,
      String createdBy, Instant createdAt) {}

  public record NewConflict(String staffNumber, String uscc, String reason, String source) {}

  private final JdbcClient jdbc;
  private final InspectorDirectory inspectors;

  public ConflictRegister(JdbcClient jdbc, InspectorDirectory inspectors) {
    this.jdbc = jdbc;
    this.inspectors = inspectors;
  }

  @Transactional
  public Conflict record(NewConflict conflict, String user, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    String staff = conflict.staffNumber() == null ? null : conflict.staffNumber().strip();
    if (staff == null || inspectors.find(staff).isEmpty()) {
      errors.add(new FieldError("staffNumber", "执法检查人员 " + staff + " 不存在"));
    }
    String uscc = Uscc.normalise(conflict.uscc());
    Uscc.problem(uscc).ifPresent(p -> errors.add(new FieldError("uscc", p)));
    if (conflict.reason() == null || conflict.reason().isBlank() || conflict.reason().strip().length() > 500) {
      errors.add(new FieldError("reason", "回避原因必填，最长 500 个字符"));
    }
    String source = conflict.source() == null || conflict.source().isBlank() ? "人工登记" : conflict.source().strip();
    if (source.length() > 100) {
      errors.add(new FieldError("source", "最长 100 个字符"));
    }
    TextCheck.multiLine(errors, "reason", conflict.reason());
    TextCheck.singleLine(errors, "source", source);
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    Optional<Conflict> existing = find(staff, uscc);
    if (existing.isPresent()) {
      if (!existing.get().reason().equals(conflict.reason().strip()) || !existing.get().source().equals(source)) {
        jdbc.sql("UPDATE directory_conflict SET reason = :reason, source = :source WHERE id = :id")
            .param("reason", conflict.reason().strip()).param("source", source).param("id", existing.get().id())
            .update();
      }
    } else {
      jdbc.sql(
              """
              INSERT INTO directory_conflict (staff_number, uscc, reason, source, created_by, created_at)
              VALUES (:staff, :uscc, :reason, :source, :by, :at)
              """)
          .param("staff", staff).param("uscc", uscc).param("reason", conflict.reason().strip())
          .param("source", source).param("by", user).param("at", Timestamp.from(now))
          .update();
    }
    return find(staff, uscc).orElseThrow();
  }

  @Transactional
  public void remove(long id) {
    if (jdbc.sql("DELETE FROM directory_conflict WHERE id = :id").param("id", id).update() == 0) {
      throw new NotFoundException("id", "回避记录 " + id + " 不存在");
    }
  }

  public Optional<Conflict> find(String staffNumber, String uscc) {
    return jdbc.sql("SELECT * FROM directory_conflict WHERE staff_number = :s AND uscc = :u")
        .param("s", staffNumber).param("u", uscc)
        .query(ConflictRegister::conflict).optional();
  }

  public List<Conflict> ofInspector(String staffNumber) {
    return jdbc.sql("SELECT * FROM directory_conflict WHERE staff_number = :s ORDER BY uscc")
        .param("s", staffNumber).query(ConflictRegister::conflict).list();
  }

  private static Conflict conflict(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Conflict(rs.getLong("id"), rs.getString("staff_number"), rs.getString("uscc"),
        rs.getString("reason"), rs.getString("source"), rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant());
  }
}
