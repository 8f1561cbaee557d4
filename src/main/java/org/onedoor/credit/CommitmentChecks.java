package org.onedoor.credit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.inspection.ResultApproved;
import org.onedoor.listing.ListingProperties;
import org.onedoor.listing.letter.LetterContent;
import org.onedoor.listing.letter.LetterRenderer;
import org.onedoor.plan.PlanService;
import org.onedoor.platform.TextCheck;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.platform.web.NotFoundException;
import org.onedoor.security.OrganisationProperties;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Credit commitments checked (信用承诺核查, issue 15). A plan whose population is the businesses registered
 * with a credit commitment ({@code PopulationFilter.commitmentOnly}) draws them like any plan; when a
 * department's approved result says the commitment was false ({@code C}) or that the business cannot be
 * found at its registered address ({@code 6}), this service starts {@code commitment-check}: the finding
 * is recorded and pushed back as a risk warning to the registration authority, whose chief decides the
 * disposition — listing (R9, through {@code abnormal-listing}), an order to change the registration
 * (责令限期办理变更登记通知书) or deregistration advice (注销登记建议书) — each recorded with its letter or notice.
 */
@Service
public class CommitmentChecks {

  public static final String PROCESS = "commitment-check";
  public static final String FALSE_COMMITMENT = "false-commitment";
  public static final String NOT_FOUND = "not-found";
  public static final String LISTING = "listing";
  public static final String CHANGE_REGISTRATION = "change-registration";
  public static final String DEREGISTRATION_ADVICE = "deregistration-advice";
  static final Set<String> DISPOSITIONS = Set.of(LISTING, CHANGE_REGISTRATION, DEREGISTRATION_ADVICE);
  /** Result codes (R7) that are findings of a commitment check. */
  static final Map<String, String> FINDINGS = Map.of("C", FALSE_COMMITMENT, "6", NOT_FOUND);
  static final int MAX_TEXT = 2000;

  /** One finding and what became of it. */
  public record Check(long id, String uscc, String entityName, String planNumber, String inspectionNumber,
      String inspectionDepartment, String finding, String facts, String department, Long warningId,
      String processInstanceId, Instant foundAt, String disposition, String dispositionReason, String changeItems,
      String decidedBy, Instant decidedAt, String noticeNumber, Instant noticeIssuedAt) {

    public String findingLabel() {
      return CommitmentChecks.findingLabel(finding);
    }

    public String dispositionLabel() {
      return disposition == null ? "待决定" : CommitmentChecks.dispositionLabel(disposition);
    }

    /** The R9 ground a listing takes: 3 false information, 4 not contactable at the registered address. */
    public String listingGround() {
      return NOT_FOUND.equals(finding) ? "4" : "3";
    }
  }

  private final JdbcClient jdbc;
  private final PlanService plans;
  private final RiskWarningService warnings;
  private final RuntimeService runtime;
  private final LetterRenderer renderer;
  private final OrganisationProperties organisation;
  private final String authority;
  private final ZoneId zone;

  public CommitmentChecks(JdbcClient jdbc, PlanService plans, RiskWarningService warnings,
      @Lazy RuntimeService runtime, LetterRenderer renderer, OrganisationProperties organisation,
      ListingProperties listing, CalendarProperties calendar) {
    this.jdbc = jdbc;
    this.plans = plans;
    this.warnings = warnings;
    this.runtime = runtime;
    this.renderer = renderer;
    this.organisation = organisation;
    this.authority = listing.registrationAuthority();
    this.zone = calendar.zone();
  }

  /**
   * An approved result of a commitment-check plan saying C or 6 starts {@code commitment-check} (once per
   * inspection and department), in the approving transaction. Returns its process instance id.
   */
  public Optional<String> startIfFinding(ResultApproved result) {
    String finding = FINDINGS.get(result.resultCode());
    if (finding == null || !plans.get(result.planNumber()).populationFilter().commitmentOnly()) {
      return Optional.empty();
    }
    if (jdbc.sql("SELECT COUNT(*) FROM credit_commitment_check WHERE inspection_number = :n AND inspection_department = :d")
        .param("n", result.taskNumber()).param("d", result.department()).query(Integer.class).single() > 0) {
      return Optional.empty();
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put("uscc", result.uscc());
    variables.put("entityName", result.entityName());
    variables.put("planNumber", result.planNumber());
    variables.put("inspectionNumber", result.taskNumber());
    variables.put("findingDepartment", result.department());
    variables.put("finding", finding);
    variables.put("findingFacts", facts(result));
    // the registration authority decides, as it decides listings (R9)
    variables.put("department", authority);
    return Optional.of(runtime.createProcessInstanceByKey(PROCESS)
        .businessKey("commitment-" + result.taskNumber() + "-" + result.department())
        .setVariables(variables).execute().getId());
  }

  private static String facts(ResultApproved result) {
    String base = result.authority() + "在信用承诺核查（检查编号 " + result.taskNumber() + "）中认定：" + result.resultCode() + " "
        + result.resultLabel();
    return result.remarks() == null || result.remarks().isBlank() ? base : base + "。" + result.remarks().strip();
  }

  /**
   * 登记核查发现并推送预警: records the finding and pushes a risk warning back to the registration
   * authority (source: another department's finding). Idempotent per process instance.
   */
  public Check register(String processInstanceId, String uscc, String entityName, String planNumber,
      String inspectionNumber, String findingDepartment, String finding, String facts, Instant now) {
    Optional<Check> existing = byProcess(processInstanceId);
    if (existing.isPresent()) {
      return existing.get();
    }
    if (!FINDINGS.containsValue(finding)) {
      throw new IllegalArgumentException("finding " + finding);
    }
    String text = facts.length() > MAX_TEXT ? facts.substring(0, MAX_TEXT) : facts;
    jdbc.sql("""
        INSERT INTO credit_commitment_check (uscc, entity_name, plan_number, inspection_number, inspection_department,
            finding, facts, department, process_instance_id, found_at)
        VALUES (:u, :name, :plan, :n, :d, :finding, :facts, :authority, :pi, :at)
        """)
        .param("u", uscc).param("name", entityName).param("plan", planNumber).param("n", inspectionNumber)
        .param("d", findingDepartment).param("finding", finding).param("facts", text).param("authority", authority)
        .param("pi", processInstanceId).param("at", Timestamp.from(now)).update();
    String description = "信用承诺核查推送：" + findingLabel(finding) + "。" + text;
    long warning = warnings.register(new RiskWarningService.NewWarning(uscc, entityName, authority, "department",
            "high", description.length() > MAX_TEXT ? description.substring(0, MAX_TEXT) : description),
        "system", processInstanceId, now);
    jdbc.sql("UPDATE credit_commitment_check SET warning_id = :w WHERE process_instance_id = :pi")
        .param("w", warning).param("pi", processInstanceId).update();
    return byProcess(processInstanceId).orElseThrow();
  }

  /**
   * 决定处置方式: the authority's chief chooses listing, an order to change the registration or
   * deregistration advice, with written reasons (and, for a change, what must be changed). Concludes the
   * pushed-back warning as handled. Every bad field at once (400); decided already: 409.
   */
  public Check decide(String processInstanceId, String disposition, String reason, String changeItems, String chief,
      Instant now) {
    Check check = byProcess(processInstanceId).orElseThrow(() ->
        new NotFoundException("processInstanceId", "没有流程实例 " + processInstanceId + " 的信用承诺核查"));
    if (check.disposition() != null) {
      throw new ConflictException("本项信用承诺核查已决定处置方式：" + check.dispositionLabel());
    }
    List<FieldError> errors = new ArrayList<>();
    if (disposition == null || !DISPOSITIONS.contains(disposition)) {
      errors.add(new FieldError("disposition", "请选择处置方式：列入经营异常名录、责令办理变更登记或建议注销登记"));
    }
    String why = text(errors, "dispositionReason", reason, true, "请写明处置理由");
    String items = text(errors, "changeItems", changeItems, CHANGE_REGISTRATION.equals(disposition),
        "责令办理变更登记的，须写明应当变更的登记事项");
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    jdbc.sql("""
        UPDATE credit_commitment_check SET disposition = :d, disposition_reason = :r, change_items = :c,
            decided_by = :by, decided_at = :at WHERE id = :id AND disposition IS NULL
        """)
        .param("d", disposition).param("r", why).param("c", CHANGE_REGISTRATION.equals(disposition) ? items : null)
        .param("by", chief).param("at", Timestamp.from(now)).param("id", check.id()).update();
    if (check.warningId() != null) {
      warnings.recordCheck(check.warningId(), "handled", "信用承诺核查处置：" + dispositionLabel(disposition) + "。" + why,
          chief, now);
    }
    return get(check.id());
  }

  private static String text(List<FieldError> errors, String field, String value, boolean required, String missing) {
    String text = value == null ? "" : value.strip();
    if (text.isEmpty()) {
      if (required) {
        errors.add(new FieldError(field, missing));
      }
      return null;
    }
    if (text.length() > MAX_TEXT) {
      errors.add(new FieldError(field, "最长 " + MAX_TEXT + " 个字符"));
    }
    TextCheck.multiLine(errors, field, text);
    return text;
  }

  /** 制发处置文书: numbers the notice of an order to change the registration or of deregistration advice. */
  public Check issueNotice(String processInstanceId, Instant now) {
    Check check = byProcess(processInstanceId).orElseThrow();
    if (check.noticeNumber() != null) {
      return check;
    }
    if (!CHANGE_REGISTRATION.equals(check.disposition()) && !DEREGISTRATION_ADVICE.equals(check.disposition())) {
      throw new ConflictException("处置方式为“" + check.dispositionLabel() + "”，不制发通知书");
    }
    int year = LocalDate.ofInstant(now, zone).getYear();
    int updated = jdbc.sql("UPDATE credit_notice_counter SET last_number = last_number + 1"
            + " WHERE department = :d AND notice_year = :y AND kind = :k")
        .param("d", check.department()).param("y", year).param("k", check.disposition()).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO credit_notice_counter (department, notice_year, kind, last_number) VALUES (:d, :y, :k, 1)")
          .param("d", check.department()).param("y", year).param("k", check.disposition()).update();
    }
    int n = jdbc.sql("SELECT last_number FROM credit_notice_counter WHERE department = :d AND notice_year = :y AND kind = :k")
        .param("d", check.department()).param("y", year).param("k", check.disposition()).query(Integer.class).single();
    String number = authorityName(check.department())
        + (CHANGE_REGISTRATION.equals(check.disposition()) ? "变登" : "注建") + "〔" + year + "〕" + n + "号";
    jdbc.sql("UPDATE credit_commitment_check SET notice_number = :n, notice_issued_at = :at WHERE id = :id")
        .param("n", number).param("at", Timestamp.from(now)).param("id", check.id()).update();
    return get(check.id());
  }

  /** What the notice says: 责令限期办理变更登记通知书 or 注销登记建议书. 409 before it is issued. */
  public LetterContent notice(Check check) {
    if (check.noticeNumber() == null) {
      throw new ConflictException("本项信用承诺核查没有制发通知书（处置方式：" + check.dispositionLabel() + "）");
    }
    String authorityName = authorityName(check.department());
    List<String> particulars = List.of("统一社会信用代码：" + check.uscc());
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add("经查，本机关在新设主体信用承诺核查（检查编号 " + check.inspectionNumber() + "）中发现你单位"
        + (NOT_FOUND.equals(check.finding()) ? "通过登记的住所（经营场所）无法联系" : "作出的信用承诺与实际情况不符") + "。");
    String remedies;
    String title;
    if (CHANGE_REGISTRATION.equals(check.disposition())) {
      title = "责令限期办理变更登记通知书";
      paragraphs.add("依据《中华人民共和国市场主体登记管理条例》第二十四条、第四十六条的规定，现责令你单位自收到本通知书之日起"
          + "三十日内，就下列事项向登记机关申请办理变更登记：");
      for (String item : check.changeItems().split("\\R+")) {
        if (!item.isBlank()) {
          paragraphs.add(item.strip());
        }
      }
      paragraphs.add("理由：" + check.dispositionReason());
      paragraphs.add("逾期不办理的，本机关将依法处理。");
      remedies = "你单位如不服本通知，可以自收到本通知书之日起六十日内依法申请行政复议，也可以在六个月内依法向人民法院提起行政诉讼。";
    } else {
      title = "注销登记建议书";
      paragraphs.add("鉴于上述情况，本机关建议你单位依照《中华人民共和国市场主体登记管理条例》第三十一条至第三十四条的规定"
          + "申请办理注销登记；符合简易注销条件的，可以申请简易注销登记。");
      paragraphs.add("理由：" + check.dispositionReason());
      remedies = "本建议书不是行政处罚决定。你单位对所述情况有异议的，可以自收到本建议书之日起十五日内向本机关书面陈述理由并提供证明材料。";
    }
    LocalDate issued = LocalDate.ofInstant(check.noticeIssuedAt(), zone);
    return new LetterContent(authorityName, title, check.noticeNumber(), check.entityName() + "：", particulars,
        paragraphs, remedies, issued.getYear() + "年" + issued.getMonthValue() + "月" + issued.getDayOfMonth() + "日");
  }

  /** The notice as a PDF (A4, the letters' font and layout), dated when it was issued. */
  public byte[] pdf(long id) {
    Check check = get(id);
    return renderer.render(notice(check), check.noticeIssuedAt());
  }

  // ---------------------------------------------------------------- reading

  public Check get(long id) {
    return jdbc.sql("SELECT * FROM credit_commitment_check WHERE id = :id").param("id", id)
        .query(CommitmentChecks::map).optional()
        .orElseThrow(() -> new NotFoundException("id", "没有编号为 " + id + " 的信用承诺核查"));
  }

  public Optional<Check> byProcess(String processInstanceId) {
    return jdbc.sql("SELECT * FROM credit_commitment_check WHERE process_instance_id = :pi")
        .param("pi", processInstanceId).query(CommitmentChecks::map).optional();
  }

  /** A business's commitment checks, newest first. */
  public List<Check> of(String uscc) {
    return jdbc.sql("SELECT * FROM credit_commitment_check WHERE uscc = :u ORDER BY id DESC").param("u", uscc)
        .query(CommitmentChecks::map).list();
  }

  private String authorityName(String department) {
    return organisation.department(department).map(OrganisationProperties.Department::name).orElse(department);
  }

  public static String findingLabel(String finding) {
    return NOT_FOUND.equals(finding) ? "通过登记的住所（经营场所）无法联系" : "信用承诺不实";
  }

  public static String dispositionLabel(String disposition) {
    return switch (disposition) {
      case LISTING -> "列入经营异常名录";
      case CHANGE_REGISTRATION -> "责令限期办理变更登记";
      case DEREGISTRATION_ADVICE -> "建议注销登记";
      default -> disposition;
    };
  }

  private static Check map(ResultSet rs, int n) throws SQLException {
    long warning = rs.getLong("warning_id");
    Long warningId = rs.wasNull() ? null : warning;
    return new Check(rs.getLong("id"), rs.getString("uscc"), rs.getString("entity_name"), rs.getString("plan_number"),
        rs.getString("inspection_number"), rs.getString("inspection_department"), rs.getString("finding"),
        rs.getString("facts"), rs.getString("department"), warningId, rs.getString("process_instance_id"),
        rs.getTimestamp("found_at").toInstant(), rs.getString("disposition"), rs.getString("disposition_reason"),
        rs.getString("change_items"), rs.getString("decided_by"), instant(rs.getTimestamp("decided_at")),
        rs.getString("notice_number"), instant(rs.getTimestamp("notice_issued_at")));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
