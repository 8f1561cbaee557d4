package org.onedoor.inspection;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.security.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A department's result of the on-site check (R7 codes) and the end of an inspection. Only a drawn
 * inspector of that department records; for a flagged pair (too few eligible inspectors) the
 * department's chiefs do.
 */
@Service
public class InspectionRecording {

  /** R7 result codes of a department's check. */
  public static final Map<String, String> CODES = ResultCodes.LABELS;
  /** Codes that say something was found or refused: the remarks must say what. */
  static final Set<String> REMARKS_REQUIRED = ResultCodes.REMARKS_REQUIRED;
  static final int MAX_REMARKS = 2000;

  private final JdbcClient jdbc;
  private final InspectionAssignments assignments;

  public InspectionRecording(JdbcClient jdbc, InspectionAssignments assignments) {
    this.jdbc = jdbc;
    this.assignments = assignments;
  }

  /** A drawn inspector of the department, or a chief of it when the pair is flagged. */
  public boolean mayRecord(String inspectionNumber, String department, String user, Collection<String> groups) {
    if (user == null) {
      return false;
    }
    if (assignments.flagged(inspectionNumber, department)) {
      return groups != null && groups.contains(Role.CHIEF.workGroupId(department));
    }
    return assignments.candidates(inspectionNumber, department).contains(user);
  }

  @Transactional
  public void record(String inspectionNumber, String department, String code, String remarks, String user,
      Instant now) {
    String c = code == null ? "" : code.strip();
    if (!CODES.containsKey(c)) {
      throw new BadRequestException("resultCode", "请选择检查结果代码：" + String.join("、", CODES.keySet()));
    }
    String r = remarks == null || remarks.isBlank() ? null : remarks.strip();
    if (r == null && REMARKS_REQUIRED.contains(c)) {
      throw new BadRequestException("remarks", "结果为“" + CODES.get(c) + "”时须说明具体情况");
    }
    if (r != null && r.length() > MAX_REMARKS) {
      throw new BadRequestException("remarks", "最长 " + MAX_REMARKS + " 个字符");
    }
    try {
      jdbc.sql("INSERT INTO inspection_result (inspection_number, department, code, remarks, recorded_by, recorded_at)"
              + " VALUES (:n, :d, :c, :r, :by, :at)")
          .param("n", inspectionNumber).param("d", department).param("c", c).param("r", r).param("by", user)
          .param("at", Timestamp.from(now)).update();
    } catch (DuplicateKeyException e) {
      throw new ConflictException("检查 " + inspectionNumber + " 的 " + department + " 结果已经记录");
    }
  }

  /**
   * The department's approved result (after the chief's review), replacing an earlier one: what the
   * plan summary counts and the inspection's completion waits for.
   */
  @Transactional
  public void approved(String inspectionNumber, String department, String code, String remarks, String recordedBy,
      Instant at) {
    int updated = jdbc.sql("UPDATE inspection_result SET code = :c, remarks = :r, recorded_by = :by, recorded_at = :at"
            + " WHERE inspection_number = :n AND department = :d")
        .param("n", inspectionNumber).param("d", department).param("c", code).param("r", remarks)
        .param("by", recordedBy).param("at", Timestamp.from(at)).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO inspection_result (inspection_number, department, code, remarks, recorded_by, recorded_at)"
              + " VALUES (:n, :d, :c, :r, :by, :at)")
          .param("n", inspectionNumber).param("d", department).param("c", code).param("r", remarks)
          .param("by", recordedBy).param("at", Timestamp.from(at)).update();
    }
  }

  /** The final code after a rectification (E corrected, A still pending). */
  @Transactional
  public void finalCode(String inspectionNumber, String department, String code) {
    jdbc.sql("UPDATE inspection_result SET code = :c WHERE inspection_number = :n AND department = :d")
        .param("n", inspectionNumber).param("d", department).param("c", code).update();
  }

  /** Every department has recorded: the inspection is done. */
  @Transactional
  public void markDone(String inspectionNumber, Instant now) {
    int missing = jdbc.sql("SELECT COUNT(*) FROM (" + departmentsSql() + ") d WHERE NOT EXISTS"
            + " (SELECT 1 FROM inspection_result r WHERE r.inspection_number = :n AND r.department = d.department)")
        .param("n", inspectionNumber).query(Integer.class).single();
    if (missing > 0) {
      throw new ConflictException("检查 " + inspectionNumber + " 还有 " + missing + " 个部门未记录结果");
    }
    jdbc.sql("UPDATE inspection SET status = :s, done_at = :at WHERE number = :n")
        .param("s", InspectionOpening.DONE).param("at", Timestamp.from(now)).param("n", inspectionNumber).update();
  }

  public record Result(String department, String code, String remarks, String recordedBy, Instant recordedAt) {}

  public List<Result> results(String inspectionNumber) {
    return jdbc.sql("SELECT department, code, remarks, recorded_by, recorded_at FROM inspection_result"
            + " WHERE inspection_number = :n ORDER BY department")
        .param("n", inspectionNumber)
        .query((rs, i) -> new Result(rs.getString("department"), rs.getString("code"), rs.getString("remarks"),
            rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant()))
        .list();
  }

  public String status(String inspectionNumber) {
    return jdbc.sql("SELECT status FROM inspection WHERE number = :n").param("n", inspectionNumber)
        .query(String.class).optional().orElse(null);
  }

  private static String departmentsSql() {
    return "SELECT department FROM inspection_assignment WHERE inspection_number = :n"
        + " UNION SELECT department FROM inspection_flag WHERE inspection_number = :n";
  }
}
