package org.onedoor.directory;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.onedoor.platform.TextCheck;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.onedoor.platform.web.NotFoundException;
import org.onedoor.security.OrganisationProperties;
import org.onedoor.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inspector directory (R2, R5). An inspector's staff number is their Camunda user id: saving
 * an inspector makes sure the user exists (without a usable password until an administrator or
 * LDAP provides one) and belongs to the department, the inspector role and the department's
 * inspector work group, so a drawn inspector reaches Tasklist and gets their tasks.
 */
@Service
public class InspectorDirectory {

  static final int MAX_PAGE_SIZE = 200;
  static final String LIST_SEPARATOR = "、";
  private static final Logger log = LoggerFactory.getLogger(InspectorDirectory.class);

  /** What an administrator or an import provides. */
  public record InspectorRecord(
      String staffNumber,
      String name,
      String department,
      String unit,
      String region,
      String certificateNumber,
      LocalDate certificateExpiry,
      List<String> qualifications,
      Boolean expert,
      Boolean active,
      String idNumber,
      String phone) {}

  /**
   * An inspector as the staff API shows them. {@code idNumber} and {@code phone} are null unless
   * the reader belongs to the inspector's department or is an administrator.
   */
  public record Inspector(
      String staffNumber,
      String name,
      String department,
      String unit,
      String region,
      String certificateNumber,
      LocalDate certificateExpiry,
      List<String> qualifications,
      boolean expert,
      boolean active,
      String idNumber,
      String phone) {

    Inspector withoutPersonalData() {
      return new Inspector(staffNumber, name, department, unit, region, certificateNumber,
          certificateExpiry, qualifications, expert, active, null, null);
    }
  }

  public record Page<T>(List<T> items, int page, int size, long total) {}

  private final JdbcClient jdbc;
  private final OrganisationProperties organisation;
  private final IdentityService identity;

  public InspectorDirectory(JdbcClient jdbc, OrganisationProperties organisation, IdentityService identity) {
    this.jdbc = jdbc;
    this.organisation = organisation;
    this.identity = identity;
  }

  /** Validates every field at once; then inserts or updates (idempotent: same data, no change). */
  @Transactional
  public Inspector save(InspectorRecord record, Instant now) {
    validate(record);
    String staffNumber = record.staffNumber().strip();
    String qualifications = String.join(LIST_SEPARATOR, record.qualifications() == null ? List.of()
        : record.qualifications().stream().map(String::strip).filter(q -> !q.isEmpty()).distinct().toList());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("staff", staffNumber);
    values.put("name", record.name().strip());
    values.put("department", record.department());
    values.put("unit", record.unit().strip());
    values.put("region", blankToNull(record.region()));
    values.put("certificate", blankToNull(record.certificateNumber()));
    values.put("expiry", record.certificateExpiry() == null ? null : Date.valueOf(record.certificateExpiry()));
    values.put("qualifications", qualifications);
    values.put("expert", Boolean.TRUE.equals(record.expert()));
    values.put("active", record.active() == null || record.active());
    values.put("idNumber", blankToNull(record.idNumber()));
    values.put("phone", blankToNull(record.phone()));
    values.put("now", Timestamp.from(now));
    Optional<Inspector> existing = find(staffNumber);
    if (existing.isEmpty()) {
      jdbc.sql(
              """
              INSERT INTO directory_inspector (staff_number, name, department, unit, region, certificate_number,
                  certificate_expiry, qualifications, expert, active, id_number, phone, created_at, updated_at)
              VALUES (:staff, :name, :department, :unit, :region, :certificate, :expiry, :qualifications, :expert,
                  :active, :idNumber, :phone, :now, :now)
              """)
          .params(values)
          .update();
    } else if (!existing.get().equals(asInspector(values))) {
      // unchanged data leaves the row (and updated_at) alone: re-importing a file changes nothing
      jdbc.sql(
              """
              UPDATE directory_inspector SET name = :name, department = :department, unit = :unit, region = :region,
                  certificate_number = :certificate, certificate_expiry = :expiry, qualifications = :qualifications,
                  expert = :expert, active = :active, id_number = :idNumber, phone = :phone, updated_at = :now
              WHERE staff_number = :staff
              """)
          .params(values)
          .update();
    }
    linkCamundaUser(staffNumber, record.name().strip(), record.department());
    return find(staffNumber).orElseThrow();
  }

  public Optional<Inspector> find(String staffNumber) {
    return jdbc.sql("SELECT * FROM directory_inspector WHERE staff_number = :s")
        .param("s", staffNumber)
        .query(InspectorDirectory::inspector)
        .optional();
  }

  /** One inspector as {@code reader} may see them. */
  public Inspector get(String staffNumber, Reader reader) {
    Inspector inspector = find(staffNumber)
        .orElseThrow(() -> new NotFoundException("staffNumber", "执法检查人员 " + staffNumber + " 不存在"));
    return reader.maySeePersonalDataOf(inspector.department()) ? inspector : inspector.withoutPersonalData();
  }

  public Page<Inspector> search(String department, String unit, Boolean active, int page, int size, Reader reader) {
    List<FieldError> errors = new ArrayList<>();
    if (department != null && organisation.department(department).isEmpty()) {
      errors.add(new FieldError("department", "未知的部门：" + department));
    }
    if (page < 0) {
      errors.add(new FieldError("page", "不能为负数"));
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      errors.add(new FieldError("size", "应在 1 到 " + MAX_PAGE_SIZE + " 之间"));
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new LinkedHashMap<>();
    if (department != null) {
      where.append(" AND department = :department");
      params.put("department", department);
    }
    if (unit != null && !unit.isBlank()) {
      where.append(" AND unit = :unit");
      params.put("unit", unit.strip());
    }
    if (active != null) {
      where.append(" AND active = :active");
      params.put("active", active);
    }
    long total = jdbc.sql("SELECT COUNT(*) FROM directory_inspector" + where).params(params).query(Long.class).single();
    params.put("limit", size);
    params.put("offset", page * size);
    List<Inspector> items = jdbc.sql("SELECT * FROM directory_inspector" + where
            + " ORDER BY department, staff_number LIMIT :limit OFFSET :offset")
        .params(params)
        .query(InspectorDirectory::inspector)
        .list().stream()
        .map(i -> reader.maySeePersonalDataOf(i.department()) ? i : i.withoutPersonalData())
        .toList();
    return new Page<>(items, page, size, total);
  }

  /** Who is reading: an administrator sees everything, others personal data of their own department only. */
  public record Reader(String userId, Set<String> groups) {
    public boolean maySeePersonalDataOf(String department) {
      return groups.contains(Role.CAMUNDA_ADMIN_GROUP) || groups.contains(department);
    }
  }

  /** Checks every field at once (what {@link #save} checks first); throws {@link BadRequestException}. */
  public void validate(InspectorRecord r) {
    List<FieldError> errors = new ArrayList<>();
    if (r.staffNumber() == null || !r.staffNumber().strip().matches("[a-zA-Z0-9]+([._-][a-zA-Z0-9]+)*")
        || r.staffNumber().strip().length() > 64) {
      errors.add(new FieldError("staffNumber", "工号应为字母、数字（可含 . _ -），最长 64 位；它同时是登录账号"));
    }
    if (r.name() == null || r.name().isBlank() || r.name().strip().length() > 50) {
      errors.add(new FieldError("name", "姓名必填，最长 50 个字符"));
    }
    if (r.department() == null || organisation.department(r.department()).isEmpty()) {
      errors.add(new FieldError("department", "未知的部门：" + r.department()));
    }
    if (r.unit() == null || r.unit().isBlank() || r.unit().strip().length() > 100) {
      errors.add(new FieldError("unit", "单位必填，最长 100 个字符"));
    }
    if (r.idNumber() != null && !r.idNumber().isBlank()) {
      IdNumber.problem(r.idNumber().strip()).ifPresent(p -> errors.add(new FieldError("idNumber", p)));
    }
    if (r.phone() != null && !r.phone().isBlank() && !r.phone().strip().matches("1\\d{10}")) {
      errors.add(new FieldError("phone", "手机号应为以 1 开头的 11 位数字"));
    }
    if (r.certificateNumber() != null && r.certificateNumber().strip().length() > 50) {
      errors.add(new FieldError("certificateNumber", "最长 50 个字符"));
    }
    TextCheck.singleLine(errors, "name", r.name());
    TextCheck.singleLine(errors, "unit", r.unit());
    TextCheck.singleLine(errors, "certificateNumber", r.certificateNumber());
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
  }

  /**
   * Drawn inspectors are candidate users of their tasks, so each inspector is a Camunda user in
   * the department, the inspector role and the department's inspector work group. A read-only
   * identity provider (LDAP) keeps its users; only missing memberships are logged there.
   */
  private void linkCamundaUser(String staffNumber, String name, String department) {
    if (identity.isReadOnly()) {
      if (identity.createUserQuery().userId(staffNumber).count() == 0) {
        log.warn("inspector {} has no user in the read-only identity provider", staffNumber);
      }
      return;
    }
    User user = identity.createUserQuery().userId(staffNumber).singleResult();
    if (user == null) {
      User created = identity.newUser(staffNumber);
      created.setFirstName(name);
      created.setLastName("");
      // unusable until an administrator sets a password (or LDAP authenticates)
      created.setPassword(UUID.randomUUID() + "-" + UUID.randomUUID());
      identity.saveUser(created);
    } else if (!Objects.equals(name, user.getFirstName())) {
      user.setFirstName(name);
      user.setLastName("");
      identity.saveUser(user);
    }
    for (String group : List.of(department, Role.INSPECTOR.groupId(), Role.INSPECTOR.workGroupId(department))) {
      if (identity.createUserQuery().userId(staffNumber).memberOfGroup(group).count() == 0) {
        identity.createMembership(staffNumber, group);
      }
    }
  }

  private static Inspector asInspector(Map<String, Object> v) {
    String qualifications = (String) v.get("qualifications");
    Date expiry = (Date) v.get("expiry");
    return new Inspector((String) v.get("staff"), (String) v.get("name"), (String) v.get("department"),
        (String) v.get("unit"), (String) v.get("region"), (String) v.get("certificate"),
        expiry == null ? null : expiry.toLocalDate(),
        qualifications.isEmpty() ? List.of() : Arrays.asList(qualifications.split(LIST_SEPARATOR)),
        (Boolean) v.get("expert"), (Boolean) v.get("active"), (String) v.get("idNumber"), (String) v.get("phone"));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Inspector inspector(ResultSet rs, int n) throws SQLException {
    Date expiry = rs.getDate("certificate_expiry");
    String qualifications = rs.getString("qualifications");
    return new Inspector(
        rs.getString("staff_number"), rs.getString("name"), rs.getString("department"), rs.getString("unit"),
        rs.getString("region"), rs.getString("certificate_number"), expiry == null ? null : expiry.toLocalDate(),
        qualifications.isEmpty() ? List.of() : Arrays.asList(qualifications.split(LIST_SEPARATOR)),
        rs.getBoolean("expert"), rs.getBoolean("active"), rs.getString("id_number"), rs.getString("phone"));
  }
}
