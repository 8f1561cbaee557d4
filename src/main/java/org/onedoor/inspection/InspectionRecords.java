package org.onedoor.inspection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.calendar.WorkingDayCalendar;
import org.onedoor.catalog.CatalogService;
import org.onedoor.catalog.CheckMethod;
import org.onedoor.catalog.Catalog;
import org.onedoor.plan.Plans;
import org.onedoor.platform.ProcessExpressionBean;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A department's record of the on-site check (R7) from the first submission to the approved result:
 * the content lines of the department's items (the plan's catalogue version) each answered, the check
 * methods, the result code, the follow-up measures; the second officer's signature (行政处罚法 art. 42:
 * a record is not final with one); the chief's review; the routing facts for inspection-outcome.dmn.
 */
@Service("inspectionRecords")
@ProcessExpressionBean
public class InspectionRecords {

  public static final String RECORDED = "RECORDED";
  public static final String CO_SIGNED = "CO_SIGNED";
  public static final String RETURNED = "RETURNED";
  public static final String APPROVED = "APPROVED";
  public static final String PUBLISHED = "PUBLISHED";
  static final int MAX_TEXT = 2000;

  /** One check content line to answer. */
  public record Line(int no, String item, String content, String answer, String description) {}

  /**
   * What the inspectors submit on 现场检查 (raw form values: lists may be JSON text, Spin JSON or lists).
   * The lines come either as {@code lines} ([{answer, description}] per line, in order: API callers) or,
   * from the Tasklist form, as three lists of line numbers — conforming, problem found, not applicable —
   * with one {@code problemDescription} for the problem lines.
   */
  public record Submission(Object lines, Object conforming, Object problem, Object notApplicable,
      String problemDescription, Object methods, String resultCode, Object followUps, Object deadline,
      String notifyDepartment, String remarks) {

    /** An API submission with per-line answers. */
    public Submission(Object lines, Object methods, String resultCode, Object followUps, Object deadline,
        String notifyDepartment, String remarks) {
      this(lines, null, null, null, null, methods, resultCode, followUps, deadline, notifyDepartment, remarks);
    }
  }

  public record Record(String inspectionNumber, String department, int version, String status, String resultCode,
      String finalCode, List<String> methods, List<String> followUps, LocalDate rectificationDeadline,
      String notifyDepartment, String remarks, String recordedBy, Instant recordedAt, String coSignedBy,
      Instant coSignedAt, String reviewedBy, Instant reviewedAt, String returnReason, String routes,
      boolean confidential, String publishedBy, Instant publishedAt, List<Line> lines) {

    public String code() {
      return finalCode != null ? finalCode : resultCode;
    }

    public boolean has(String followUp) {
      return followUps.contains(followUp);
    }
  }

  private final JdbcClient jdbc;
  private final InspectionFacts facts;
  private final InspectionAssignments assignments;
  private final InspectionRecording recording;
  private final InspectionAudit audit;
  private final CatalogService catalog;
  private final WorkingDayCalendar calendar;
  private final ObjectMapper json;
  private final InspectionEvents events;
  private final ZoneId zone;

  public InspectionRecords(JdbcClient jdbc, InspectionFacts facts, InspectionAssignments assignments,
      InspectionRecording recording, InspectionAudit audit, CatalogService catalog, WorkingDayCalendar calendar,
      ObjectMapper json, CalendarProperties calendarProperties, InspectionEvents events) {
    this.jdbc = jdbc;
    this.events = events;
    this.facts = facts;
    this.assignments = assignments;
    this.recording = recording;
    this.audit = audit;
    this.catalog = catalog;
    this.calendar = calendar;
    this.json = json;
    this.zone = calendarProperties.zone();
  }

  // ---- the lines to answer ----

  /**
   * The department's check content lines: every content line of its items in the catalogue version of the
   * plan (or of the targeted inspection).
   */
  public List<Line> catalogueLines(String inspectionNumber, String department) {
    InspectionFacts.Items items = facts.items(inspectionNumber, department);
    List<Line> lines = new ArrayList<>();
    for (String code : items.codes()) {
      Optional<Catalog.Item> item = catalog.findItem(items.catalogVersion(), code);
      if (item.isEmpty()) {
        continue;
      }
      String itemName = code + " " + item.get().name();
      for (Catalog.SubItem sub : item.get().subItems()) {
        List<String> contents = sub.contentLines().isEmpty() ? List.of(sub.name()) : sub.contentLines();
        for (String content : contents) {
          lines.add(new Line(lines.size() + 1, itemName, content, null, null));
        }
      }
    }
    return lines;
  }

  /** The lines to show: the last submission's answers after a return, else fresh from the catalogue. */
  public List<Line> formLines(String inspectionNumber, String department) {
    Optional<Record> record = find(inspectionNumber, department);
    return record.isPresent() && !record.get().lines().isEmpty() ? record.get().lines()
        : catalogueLines(inspectionNumber, department);
  }

  // ---- 现场检查 ----

  /** Validates and stores the department's record (a resubmission after a return replaces it). */
  @Transactional
  public Record record(String inspectionNumber, String department, Submission s, String user, Instant now) {
    List<Line> expected = catalogueLines(inspectionNumber, department);
    List<Line> lines = s.lines() != null ? answeredLines(expected, s.lines()) : answeredByLists(expected, s);
    List<String> methods = strings(s.methods(), "checkMethods");
    if (methods.isEmpty()) {
      throw new BadRequestException("checkMethods", "请至少选择一种检查方式");
    }
    for (String m : methods) {
      if (CheckMethod.parse(m).isEmpty()) {
        throw new BadRequestException("checkMethods", "未知的检查方式：" + m);
      }
    }
    methods = methods.stream().map(m -> CheckMethod.parse(m).orElseThrow().code()).distinct().toList();
    String code = s.resultCode() == null ? "" : s.resultCode().strip();
    if (!ResultCodes.LABELS.containsKey(code)) {
      throw new BadRequestException("resultCode", "请选择检查结果代码：" + String.join("、", ResultCodes.LABELS.keySet()));
    }
    boolean problem = lines.stream().anyMatch(l -> "problem".equals(l.answer()));
    if (ResultCodes.NO_PROBLEM.equals(code) && problem) {
      throw new BadRequestException("resultCode", "有检查内容“发现问题”，结果不能是“未发现问题”");
    }
    if (ResultCodes.PROBLEM_FOUND.contains(code) && !problem && !expected.isEmpty()) {
      throw new BadRequestException("resultCode",
          "结果“" + ResultCodes.label(code) + "”须至少有一条检查内容为“发现问题”");
    }
    String remarks = text(s.remarks(), "remarks");
    if (remarks == null && ResultCodes.REMARKS_REQUIRED.contains(code)) {
      throw new BadRequestException("remarks", "结果为“" + ResultCodes.label(code) + "”时须说明具体情况");
    }
    List<String> followUps = strings(s.followUps(), "followUps");
    if (followUps.isEmpty()) {
      throw new BadRequestException("followUps", "请选择后续处理措施（无需后续处理的选“无”）");
    }
    for (String f : followUps) {
      if (!ResultCodes.FOLLOW_UPS.containsKey(f)) {
        throw new BadRequestException("followUps", "未知的后续处理措施：" + f);
      }
    }
    if (followUps.contains(ResultCodes.NONE) && followUps.size() > 1) {
      throw new BadRequestException("followUps", "“无”不能与其他措施同时选择");
    }
    if (ResultCodes.NO_PROBLEM.equals(code) && followUps.stream().anyMatch(
        f -> f.equals(ResultCodes.RECTIFY) || f.equals(ResultCodes.TRANSFER))) {
      throw new BadRequestException("followUps", "未发现问题时不能责令改正或移送案件线索");
    }
    LocalDate deadline = null;
    if (followUps.contains(ResultCodes.RECTIFY)) {
      deadline = deadline(s.deadline(), now);
    }
    String notify = null;
    if (followUps.contains(ResultCodes.NOTIFY)) {
      notify = s.notifyDepartment() == null ? "" : s.notifyDepartment().strip();
      if (!facts.knownDepartment(notify)) {
        throw new BadRequestException("notifyDepartment", "请选择抄告的部门");
      }
      if (notify.equals(department)) {
        throw new BadRequestException("notifyDepartment", "不能抄告本部门");
      }
    }
    Optional<Record> previous = find(inspectionNumber, department);
    if (previous.isPresent() && !RETURNED.equals(previous.get().status())) {
      throw new ConflictException("检查 " + inspectionNumber + " 的" + facts.departmentName(department) + "记录已提交");
    }
    int version = previous.map(r -> r.version() + 1).orElse(1);
    if (previous.isPresent()) {
      jdbc.sql("DELETE FROM inspection_record_line WHERE inspection_number = :n AND department = :d")
          .param("n", inspectionNumber).param("d", department).update();
      jdbc.sql("DELETE FROM inspection_record WHERE inspection_number = :n AND department = :d")
          .param("n", inspectionNumber).param("d", department).update();
    }
    jdbc.sql("""
            INSERT INTO inspection_record (inspection_number, department, version, status, result_code, methods,
                follow_ups, rectification_deadline, notify_department, remarks, recorded_by, recorded_at, confidential)
            VALUES (:n, :d, :v, :s, :c, :m, :f, :dl, :nd, :r, :by, :at, FALSE)""")
        .param("n", inspectionNumber).param("d", department).param("v", version).param("s", RECORDED)
        .param("c", code).param("m", String.join(",", methods)).param("f", String.join(",", followUps))
        .param("dl", deadline == null ? null : Date.valueOf(deadline)).param("nd", notify).param("r", remarks)
        .param("by", user).param("at", Timestamp.from(now)).update();
    for (Line line : lines) {
      jdbc.sql("INSERT INTO inspection_record_line (inspection_number, department, line_no, item, content, answer,"
              + " description) VALUES (:n, :d, :no, :item, :content, :a, :desc)")
          .param("n", inspectionNumber).param("d", department).param("no", line.no()).param("item", clip(line.item(), 300))
          .param("content", clip(line.content(), 1000)).param("a", line.answer()).param("desc", line.description())
          .update();
    }
    audit.record(inspectionNumber, department, "record-submitted", user, now,
        facts.departmentName(department) + "提交检查记录（第 " + version + " 版）：" + code + " " + ResultCodes.label(code),
        remarks);
    events.record(RecordEvent.Kind.CO_SIGN_REQUESTED, inspectionNumber, department, user, now,
        coSigners(inspectionNumber, department), coSignGroups(inspectionNumber, department));
    return find(inspectionNumber, department).orElseThrow();
  }

  private List<Line> answeredLines(List<Line> expected, Object submitted) {
    JsonNode node = node(submitted, "checkLines");
    Map<Integer, JsonNode> byNo = new LinkedHashMap<>();
    if (node != null && node.isArray()) {
      int index = 0;
      for (JsonNode entry : node) {
        index++;
        int no = entry.hasNonNull("no") ? entry.get("no").asInt(index) : index;
        byNo.put(no, entry);
      }
    } else if (node != null && !node.isNull()) {
      throw new BadRequestException("checkLines", "应为检查内容列表");
    }
    List<Line> answered = new ArrayList<>();
    for (Line line : expected) {
      JsonNode entry = byNo.get(line.no());
      String answer = entry == null || !entry.hasNonNull("answer") ? "" : entry.get("answer").asText().strip();
      if (!ResultCodes.ANSWERS.containsKey(answer)) {
        throw new BadRequestException("checkLines[" + line.no() + "].answer",
            "第 " + line.no() + " 条检查内容（" + clip(line.content(), 40) + "）未作答：请选择符合、发现问题或不适用");
      }
      String description = entry == null || !entry.hasNonNull("description") ? null
          : text(entry.get("description").asText(), "checkLines[" + line.no() + "].description");
      if ("problem".equals(answer) && description == null) {
        throw new BadRequestException("checkLines[" + line.no() + "].description",
            "第 " + line.no() + " 条检查内容发现问题，须描述问题");
      }
      answered.add(new Line(line.no(), line.item(), line.content(), answer, description));
    }
    return answered;
  }

  /**
   * The Tasklist form's answers: every line number in exactly one of the three lists (a form-js dynamic
   * list cannot be completed in the 7.24 Tasklist, see docs/design.md); problem lines share the description.
   */
  private List<Line> answeredByLists(List<Line> expected, Submission s) {
    Map<String, String> answerOf = new LinkedHashMap<>();
    Map<String, String> fieldOf = Map.of("conforms", "linesConforming", "problem", "linesProblem",
        "na", "linesNotApplicable");
    for (Map.Entry<String, Object> list : List.of(Map.entry("conforms", nz(s.conforming())),
        Map.entry("problem", nz(s.problem())), Map.entry("na", nz(s.notApplicable())))) {
      String field = fieldOf.get(list.getKey());
      for (String no : strings(list.getValue(), field)) {
        if (expected.stream().noneMatch(l -> String.valueOf(l.no()).equals(no))) {
          throw new BadRequestException(field, "没有第 " + no + " 条检查内容");
        }
        String before = answerOf.put(no, list.getKey());
        if (before != null) {
          throw new BadRequestException(field, "第 " + no + " 条检查内容只能选择一种检查情况（已选“"
              + ResultCodes.ANSWERS.get(before) + "”）");
        }
      }
    }
    String description = text(s.problemDescription(), "problemDescription");
    List<Line> answered = new ArrayList<>();
    for (Line line : expected) {
      String answer = answerOf.get(String.valueOf(line.no()));
      if (answer == null) {
        throw new BadRequestException("linesConforming", "第 " + line.no() + " 条检查内容（" + clip(line.content(), 40)
            + "）未作答：请选择符合、发现问题或不适用");
      }
      if ("problem".equals(answer) && description == null) {
        throw new BadRequestException("problemDescription", "第 " + line.no() + " 条检查内容发现问题，须描述问题");
      }
      answered.add(new Line(line.no(), line.item(), line.content(), answer,
          "problem".equals(answer) ? description : null));
    }
    return answered;
  }

  private static Object nz(Object value) {
    return value == null ? List.of() : value;
  }

  /** The lines as options of the form's three checklists: [{label: "1. …", value: "1"}]. */
  public String lineOptionsJson(List<Line> lines) {
    List<Map<String, Object>> options = new ArrayList<>();
    for (Line line : lines) {
      options.add(Map.of("label", "第 " + line.no() + " 条 " + line.content(),
          "value", String.valueOf(line.no())));
    }
    return write(options);
  }

  /** The line numbers with this answer (a returned record's form is filled with them). */
  public List<String> lineNumbers(List<Line> lines, String answer) {
    return lines.stream().filter(l -> answer.equals(l.answer())).map(l -> String.valueOf(l.no())).toList();
  }

  /** A rectification deadline: a date after today that is a working day (R14). */
  LocalDate deadline(Object value, Instant now) {
    String text = value == null ? "" : value.toString().strip();
    if (text.isEmpty()) {
      throw new BadRequestException("rectificationDeadline", "责令改正须填写改正期限");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      throw new BadRequestException("rectificationDeadline", "日期格式应为 yyyy-MM-dd");
    }
    LocalDate today = now.atZone(zone).toLocalDate();
    if (!date.isAfter(today)) {
      throw new BadRequestException("rectificationDeadline", "改正期限须晚于今天");
    }
    if (!calendar.isWorkingDay(date)) {
      throw new BadRequestException("rectificationDeadline",
          "改正期限 " + date + " 不是工作日，请改为 " + calendar.nextWorkingDayOnOrAfter(date));
    }
    return date;
  }

  // ---- 第二名执法人员签名 ----

  /** The department's other drawn inspectors: everyone drawn but the recorder. */
  public List<String> coSigners(String inspectionNumber, String department) {
    String recorder = get(inspectionNumber, department).recordedBy();
    return assignments.candidates(inspectionNumber, department).stream().filter(u -> !u.equals(recorder)).toList();
  }

  /** A flagged pair: the co-signature is a chief's (another than the recorder). */
  public List<String> coSignGroups(String inspectionNumber, String department) {
    return assignments.chiefGroups(inspectionNumber, department);
  }

  /** The second officer signs (or refuses with a reason: the record goes back to the inspectors). */
  @Transactional
  public void coSign(String inspectionNumber, String department, String decision, String reason, String user,
      Instant now) {
    Record record = get(inspectionNumber, department);
    if (user == null || user.equals(record.recordedBy())) {
      throw new org.camunda.bpm.engine.AuthorizationException(
          "记录人不能为自己的检查记录签名：须由第二名执法人员签名");
    }
    if (!RECORDED.equals(record.status())) {
      throw new ConflictException("记录不在待签名状态");
    }
    String why = text(reason, "coSignReason");
    if ("sign".equals(decision)) {
      jdbc.sql("UPDATE inspection_record SET status = :s, co_signed_by = :by, co_signed_at = :at"
              + " WHERE inspection_number = :n AND department = :d")
          .param("s", CO_SIGNED).param("by", user).param("at", Timestamp.from(now))
          .param("n", inspectionNumber).param("d", department).update();
      audit.record(inspectionNumber, department, "record-co-signed", user, now,
          facts.departmentName(department) + "检查记录由第二名执法人员签名", why);
    } else if ("refuse".equals(decision)) {
      if (why == null) {
        throw new BadRequestException("coSignReason", "不同意签名须说明理由");
      }
      setReturned(inspectionNumber, department, why);
      audit.record(inspectionNumber, department, "record-co-sign-refused", user, now,
          facts.departmentName(department) + "第二名执法人员不同意签名，退回记录", why);
      events.record(RecordEvent.Kind.CO_SIGN_REFUSED, inspectionNumber, department, user, now,
          events.inspectorsOf(inspectionNumber, department), events.chiefGroupsOf(inspectionNumber, department));
    } else {
      throw new BadRequestException("coSignDecision", "请选择“签名确认”或“不同意，退回”");
    }
  }

  public boolean coSigned(String inspectionNumber, String department) {
    return CO_SIGNED.equals(get(inspectionNumber, department).status());
  }

  // ---- 科长审核 ----

  /** The department chief approves the signed record, or returns it with a reason. */
  @Transactional
  public void review(String inspectionNumber, String department, String decision, String reason, String chief,
      Instant now) {
    Record record = get(inspectionNumber, department);
    if (!CO_SIGNED.equals(record.status())) {
      throw new ConflictException("记录尚未由两名执法人员签名，不能审核");
    }
    String why = text(reason, "reviewReason");
    if ("approve".equals(decision)) {
      jdbc.sql("UPDATE inspection_record SET status = :s, reviewed_by = :by, reviewed_at = :at, return_reason = NULL"
              + " WHERE inspection_number = :n AND department = :d")
          .param("s", APPROVED).param("by", chief).param("at", Timestamp.from(now))
          .param("n", inspectionNumber).param("d", department).update();
      recording.approved(inspectionNumber, department, record.resultCode(), record.remarks(), record.recordedBy(), now);
      audit.record(inspectionNumber, department, "record-approved", chief, now,
          facts.departmentName(department) + "科长审核通过：" + record.resultCode() + " "
              + ResultCodes.label(record.resultCode()), why);
    } else if ("return".equals(decision)) {
      if (why == null) {
        throw new BadRequestException("reviewReason", "退回须说明理由");
      }
      setReturned(inspectionNumber, department, why);
      audit.record(inspectionNumber, department, "record-returned", chief, now,
          facts.departmentName(department) + "科长退回检查记录", why);
      events.record(RecordEvent.Kind.RETURNED, inspectionNumber, department, chief, now,
          events.inspectorsOf(inspectionNumber, department), events.chiefGroupsOf(inspectionNumber, department));
    } else {
      throw new BadRequestException("reviewDecision", "请选择“审核通过”或“退回修改”");
    }
  }

  public boolean approved(String inspectionNumber, String department) {
    return APPROVED.equals(get(inspectionNumber, department).status());
  }

  private void setReturned(String inspectionNumber, String department, String reason) {
    jdbc.sql("UPDATE inspection_record SET status = :s, co_signed_by = NULL, co_signed_at = NULL, return_reason = :r"
            + " WHERE inspection_number = :n AND department = :d")
        .param("s", RETURNED).param("r", reason).param("n", inspectionNumber).param("d", department).update();
  }

  // ---- routing facts (inspection-outcome.dmn) ----

  public String resultCode(String inspectionNumber, String department) {
    return get(inspectionNumber, department).resultCode();
  }

  public boolean orderRectification(String inspectionNumber, String department) {
    return get(inspectionNumber, department).has(ResultCodes.RECTIFY);
  }

  public boolean transferClues(String inspectionNumber, String department) {
    return get(inspectionNumber, department).has(ResultCodes.TRANSFER);
  }

  public boolean notifyOther(String inspectionNumber, String department) {
    return get(inspectionNumber, department).has(ResultCodes.NOTIFY);
  }

  /** Keeps what the decision table decided (audit and the record). */
  @Transactional
  public void routed(String inspectionNumber, String department, Collection<?> routes) {
    List<String> list = routes == null ? List.of() : routes.stream().map(String::valueOf).toList();
    jdbc.sql("UPDATE inspection_record SET routes = :r WHERE inspection_number = :n AND department = :d")
        .param("r", String.join(",", list)).param("n", inspectionNumber).param("d", department).update();
    audit.record(inspectionNumber, department, "follow-up-routed", "system",
        org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant(),
        facts.departmentName(department) + "后续处理：" + (list.isEmpty() ? "无需后续处理" : String.join("、",
            list.stream().map(route -> routeLabel(route, department, registrationAuthority)).toList())), null);
  }

  /** The department that decides abnormal-list cases (登记机关); others refer to it (抄告). */
  @org.springframework.beans.factory.annotation.Value("${onedoor.listing.sweep.department:market}")
  private String registrationAuthority = "market";

  /** What a route means for this department: only the registration authority lists, others refer. */
  String routeLabel(String route, String department, String authority) {
    if ("abnormal-listing".equals(route) && authority != null && !authority.equals(department)) {
      return "抄告" + facts.departmentName(authority) + "（登记机关）列入经营异常名录";
    }
    return routeLabel(route);
  }

  static String routeLabel(String route) {
    return switch (route) {
      case "rectification" -> "责令改正";
      case "abnormal-listing" -> "列入经营异常名录";
      case "transfer" -> "移送案件线索";
      case "notify" -> "抄告相关部门";
      default -> route;
    };
  }

  /** yyyy-MM-dd, for the rectification process. */
  public String rectificationDeadline(String inspectionNumber, String department) {
    LocalDate deadline = get(inspectionNumber, department).rectificationDeadline();
    return deadline == null ? null : deadline.toString();
  }

  /** The department's drawn inspectors, comma-separated: who re-checks. */
  public String recheckCandidates(String inspectionNumber, String department) {
    return String.join(",", assignments.candidates(inspectionNumber, department));
  }

  /** The rectification's outcome: E corrected, A still pending; the department's final code. */
  @Transactional
  public void rectified(String inspectionNumber, String department, String outcome, Instant now) {
    String code = outcome == null ? "" : outcome.strip();
    if (!code.equals("E") && !code.equals("A")) {
      throw new IllegalStateException("rectification returned rectificationOutcome '" + outcome + "', not E or A");
    }
    jdbc.sql("UPDATE inspection_record SET final_code = :c WHERE inspection_number = :n AND department = :d")
        .param("c", code).param("n", inspectionNumber).param("d", department).update();
    recording.finalCode(inspectionNumber, department, code);
    audit.record(inspectionNumber, department, "rectification-concluded", "system", now,
        facts.departmentName(department) + "整改结论：" + code + " " + ResultCodes.label(code), null);
  }

  /** R9 ground: "2" (information not published, code B) or "4" (cannot be contacted, code 6). */
  public String listingGround(String inspectionNumber, String department) {
    String code = get(inspectionNumber, department).resultCode();
    return switch (code) {
      case "B" -> "2";
      case "6" -> "4";
      default -> throw new IllegalStateException("code " + code + " is no ground for the abnormal list");
    };
  }

  /** The facts for the listing: the remarks and every problem found. */
  public String facts(String inspectionNumber, String department) {
    Record record = get(inspectionNumber, department);
    StringBuilder text = new StringBuilder(facts.departmentName(department)).append("检查结果：")
        .append(record.resultCode()).append(" ").append(ResultCodes.label(record.resultCode()));
    if (record.remarks() != null) {
      text.append("。").append(record.remarks());
    }
    for (Line line : record.lines()) {
      if ("problem".equals(line.answer())) {
        text.append("\n").append(line.content()).append("：").append(line.description());
      }
    }
    return clip(text.toString(), MAX_TEXT);
  }

  public String recorder(String inspectionNumber, String department) {
    return get(inspectionNumber, department).recordedBy();
  }

  /** {@code <department>-chief} of the department to notify (抄告). */
  public String notifiedChiefGroup(String inspectionNumber, String department) {
    return Role.CHIEF.workGroupId(get(inspectionNumber, department).notifyDepartment());
  }

  /** An acknowledgement of a transfer or a notification. */
  @Transactional
  public void acknowledge(String inspectionNumber, String department, String kind, String note, String user,
      Instant now) {
    String text = text(note, "acknowledgeNote");
    String summary = switch (kind) {
      case "transfer" -> "办案机构已接收" + facts.departmentName(department) + "移送的案件线索";
      case "notify" -> facts.departmentName(get(inspectionNumber, department).notifyDepartment()) + "已接收"
          + facts.departmentName(department) + "的抄告";
      default -> throw new IllegalArgumentException(kind);
    };
    audit.record(inspectionNumber, department, kind + "-acknowledged", user, now, summary, text);
  }

  // ---- reading ----

  public Optional<Record> find(String inspectionNumber, String department) {
    return jdbc.sql("SELECT * FROM inspection_record WHERE inspection_number = :n AND department = :d")
        .param("n", inspectionNumber).param("d", department)
        .query((rs, i) -> new Record(inspectionNumber, department, rs.getInt("version"), rs.getString("status"),
            rs.getString("result_code"), rs.getString("final_code"), split(rs.getString("methods")),
            split(rs.getString("follow_ups")),
            rs.getDate("rectification_deadline") == null ? null : rs.getDate("rectification_deadline").toLocalDate(),
            rs.getString("notify_department"), rs.getString("remarks"), rs.getString("recorded_by"),
            instant(rs.getTimestamp("recorded_at")), rs.getString("co_signed_by"), instant(rs.getTimestamp("co_signed_at")),
            rs.getString("reviewed_by"), instant(rs.getTimestamp("reviewed_at")), rs.getString("return_reason"),
            rs.getString("routes"), rs.getBoolean("confidential"), rs.getString("published_by"),
            instant(rs.getTimestamp("published_at")), List.of()))
        .optional()
        .map(r -> new Record(r.inspectionNumber(), r.department(), r.version(), r.status(), r.resultCode(),
            r.finalCode(), r.methods(), r.followUps(), r.rectificationDeadline(), r.notifyDepartment(), r.remarks(),
            r.recordedBy(), r.recordedAt(), r.coSignedBy(), r.coSignedAt(), r.reviewedBy(), r.reviewedAt(),
            r.returnReason(), r.routes(), r.confidential(), r.publishedBy(), r.publishedAt(),
            lines(inspectionNumber, department)));
  }

  public Record get(String inspectionNumber, String department) {
    return find(inspectionNumber, department).orElseThrow(() -> new ConflictException(
        "检查 " + inspectionNumber + " 的" + facts.departmentName(department) + "尚未提交检查记录"));
  }

  public List<Record> all(String inspectionNumber) {
    return jdbc.sql("SELECT department FROM inspection_record WHERE inspection_number = :n ORDER BY department")
        .param("n", inspectionNumber).query(String.class).list().stream()
        .map(d -> get(inspectionNumber, d)).toList();
  }

  private List<Line> lines(String inspectionNumber, String department) {
    return jdbc.sql("SELECT line_no, item, content, answer, description FROM inspection_record_line"
            + " WHERE inspection_number = :n AND department = :d ORDER BY line_no")
        .param("n", inspectionNumber).param("d", department)
        .query((rs, i) -> new Line(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
        .list();
  }

  /** The record as text for the co-sign, review and follow-up forms. */
  public String summary(String inspectionNumber, String department) {
    Record r = get(inspectionNumber, department);
    StringBuilder text = new StringBuilder();
    text.append("检查结果：").append(r.code()).append(" ").append(ResultCodes.label(r.code())).append("\n");
    text.append("检查方式：").append(String.join("、", r.methods().stream()
        .map(m -> CheckMethod.parse(m).map(CheckMethod::label).orElse(m)).toList())).append("\n");
    text.append("后续处理：").append(String.join("、", r.followUps().stream()
        .map(f -> ResultCodes.FOLLOW_UPS.getOrDefault(f, f)).toList()));
    if (r.rectificationDeadline() != null) {
      text.append("（改正期限 ").append(r.rectificationDeadline()).append("）");
    }
    if (r.notifyDepartment() != null) {
      text.append("（抄告 ").append(facts.departmentName(r.notifyDepartment())).append("）");
    }
    text.append("\n");
    if (r.remarks() != null) {
      text.append("说明：").append(r.remarks()).append("\n");
    }
    for (Line line : r.lines()) {
      text.append(line.no()).append(". ").append(line.content()).append(" — ")
          .append(ResultCodes.ANSWERS.getOrDefault(line.answer(), line.answer()));
      if (line.description() != null) {
        text.append("：").append(line.description());
      }
      text.append("\n");
    }
    text.append("记录人：").append(facts.personName(r.recordedBy()));
    if (r.coSignedBy() != null) {
      text.append("；签名：").append(facts.personName(r.coSignedBy()));
    }
    return text.toString();
  }

  /** The lines as the form's dynamic list: [{no, item, content, answer, description}]. */
  public String linesJson(List<Line> lines) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Line line : lines) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("no", line.no());
      m.put("item", line.item());
      m.put("content", line.content());
      if (line.answer() != null) {
        m.put("answer", line.answer());
      }
      m.put("description", line.description() == null ? "" : line.description());
      list.add(m);
    }
    return write(list);
  }

  public String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- helpers ----

  /** A submitted value as JSON: JSON text, a Spin JSON node, a list or map, or null. */
  JsonNode node(Object value, String field) {
    if (value == null) {
      return null;
    }
    try {
      if (value instanceof String text) {
        return text.isBlank() ? null : json.readTree(text);
      }
      if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
        return json.valueToTree(value);
      }
      return json.readTree(value.toString());
    } catch (JsonProcessingException e) {
      throw new BadRequestException(field, "格式不正确");
    }
  }

  /** A multi-select value: a JSON array (Tasklist), a list, or comma-separated text. */
  List<String> strings(Object value, String field) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String text && !text.strip().startsWith("[")) {
      return split(text);
    }
    JsonNode node = node(value, field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new BadRequestException(field, "应为多选列表");
    }
    Set<String> out = new LinkedHashSet<>();
    node.forEach(n -> {
      if (!n.asText().isBlank()) {
        out.add(n.asText().strip());
      }
    });
    return List.copyOf(out);
  }

  static List<String> split(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String s = value.strip();
    if (s.length() > MAX_TEXT) {
      throw new BadRequestException(field, "最长 " + MAX_TEXT + " 个字符");
    }
    return s;
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
