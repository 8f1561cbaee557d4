package org.onedoor.plan;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.onedoor.calendar.WorkingDayCalendar;
import org.onedoor.plan.Plans.Plan;
import org.onedoor.platform.ProcessExpressionBean;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a plan stands and every decision that moved it (R3, R15): review by the lead department's
 * chief, sign-off by each other participating department, resubmission after a return,
 * publication. Also answers the {@code sampling-plan} process's questions, so the model carries only
 * the plan number ({@code ${planLifecycle.signOffDepartments(planNumber)}}).
 */
@Service("planLifecycle")
@ProcessExpressionBean
public class PlanLifecycle {

  public static final String IN_REVIEW = "IN_REVIEW";
  public static final String RETURNED = "RETURNED";
  public static final String IN_SIGN_OFF = "IN_SIGN_OFF";
  public static final String PUBLISHED = "PUBLISHED";
  public static final String DRAWN = "DRAWN";
  public static final String CLOSED = "CLOSED";
  static final String REVIEW = "REVIEW";
  static final String SIGN_OFF = "SIGN_OFF";
  static final String RESUBMIT = "RESUBMIT";
  /** The hour a draw runs on its date (timer), in the calendar's zone. */
  static final LocalTime DRAW_TIME = LocalTime.of(9, 0);

  private final JdbcClient jdbc;
  private final PlanService plans;
  private final WorkingDayCalendar calendar;
  private final ZoneId zone;
  private final ApplicationEventPublisher events;
  private final org.camunda.bpm.engine.IdentityService identity;

  public PlanLifecycle(JdbcClient jdbc, PlanService plans, WorkingDayCalendar calendar,
      @Value("${onedoor.calendar.zone:Asia/Shanghai}") String zone, ApplicationEventPublisher events,
      @org.springframework.context.annotation.Lazy org.camunda.bpm.engine.IdentityService identity) {
    this.identity = identity;
    this.jdbc = jdbc;
    this.events = events;
    this.plans = plans;
    this.calendar = calendar;
    this.zone = ZoneId.of(zone);
  }

  /** The chief's review. Returns whether the plan goes on to sign-off. */
  @Transactional
  public boolean review(String number, String decision, String reason, String chief, Instant now) {
    boolean approve = decide(decision, reason);
    requireStatus(number, IN_REVIEW);
    record(number, REVIEW, null, approve ? "approve" : "return", reason, chief, now);
    setStatus(number, approve ? IN_SIGN_OFF : RETURNED);
    return approve;
  }

  /** One participating department's sign-off (会签). */
  @Transactional
  public void signOff(String number, String department, String decision, String reason, String chief, Instant now) {
    boolean agree = decide(decision, reason);
    requireStatus(number, IN_SIGN_OFF);
    record(number, SIGN_OFF, department, agree ? "approve" : "return", reason, chief, now);
  }

  /** After all sign-offs: an objection returns the plan to its drafter. */
  @Transactional
  public boolean signOffsAgreed(String number) {
    int round = round(number);
    boolean objected = jdbc.sql("SELECT COUNT(*) FROM plan_decision WHERE plan_number = :n AND round = :r"
            + " AND step = :step AND decision = 'return'")
        .param("n", number).param("r", round).param("step", SIGN_OFF).query(Integer.class).single() > 0;
    if (objected) {
      setStatus(number, RETURNED);
    }
    return !objected;
  }

  /** The drafter sends a returned (and meanwhile corrected) plan back to review. */
  @Transactional
  public void resubmit(String number, String drafter, Instant now) {
    requireStatus(number, RETURNED);
    record(number, RESUBMIT, null, "resubmit", null, drafter, now);
    setStatus(number, IN_REVIEW);
  }

  @Transactional
  public void publish(String number) {
    requireStatus(number, IN_SIGN_OFF);
    setStatus(number, PUBLISHED);
    events.publishEvent(new PlanPublished(number, ClockUtil.now().toInstant()));
  }

  /**
   * The batch a step of {@code sampling-plan} works on: the element variable {@code batch} of the
   * round (DrawBatches), 1 outside it.
   */
  public static int batchOf(org.camunda.bpm.engine.delegate.VariableScope execution) {
    return execution.getVariable("batch") instanceof Number n ? n.intValue() : 1;
  }

  /** The first batch's draw moves the plan to DRAWN; later batches find it there already. */
  @Transactional
  public void markDrawn(String number) {
    if (DRAWN.equals(plans.get(number).status())) {
      return;
    }
    requireStatus(number, PUBLISHED);
    setStatus(number, DRAWN);
  }

  @Transactional
  public void close(String number) {
    requireStatus(number, DRAWN);
    setStatus(number, CLOSED);
  }

  // ---- questions the process asks ----

  /** When the first batch's window closes. */
  public Date windowEnd(String number) {
    return windowEnd(number, 1);
  }

  /** When a batch's window closes: the start of the day after its last day. */
  public Date windowEnd(String number, int batch) {
    var window = batch(plans.get(number), batch);
    return Date.from(window.to().plusDays(1).atStartOfDay(zone).toInstant());
  }

  /** The plan's batches, 1 … n: the {@code sampling-plan} process runs one round per batch, in order. */
  public List<Integer> batchNumbers(String number) {
    return java.util.stream.IntStream.rangeClosed(1, plans.get(number).batches().size()).boxed().toList();
  }

  /** Whether this batch is the plan's last: its summary closes the plan. */
  public boolean lastBatch(String number, int batch) {
    return batch >= plans.get(number).batches().size();
  }

  /** The departments other than the lead that must sign a joint plan off (may be none). */
  public List<String> signOffDepartments(String number) {
    Plan plan = plans.get(number);
    return plan.departments().stream().map(Plans.DepartmentItems::department)
        .filter(d -> !d.equals(plan.leadDepartment())).toList();
  }

  /** The moment the first batch's draw runs. */
  public Date drawTime(String number) {
    return drawTime(number, 1);
  }

  /**
   * The moment a batch's draw runs: 09:00 on its draw date — the plan's draw date for batch 1, the
   * first day of its window for every later batch — or on the next working day if that is a day off.
   */
  public Date drawTime(String number, int batch) {
    Plan plan = plans.get(number);
    var date = drawDate(plan, batch);
    var day = calendar.isWorkingDay(date) ? date : calendar.plusWorkingDays(date, 1);
    return Date.from(LocalDateTime.of(day, DRAW_TIME).atZone(zone).toInstant());
  }

  /** The day a batch is drawn: the plan's draw date for batch 1, the first day of its window after that. */
  public static java.time.LocalDate drawDate(Plan plan, int batch) {
    return batch == 1 ? plan.drawDate() : batch(plan, batch).from();
  }

  private static Plans.BatchWindow batch(Plan plan, int batch) {
    if (batch < 1 || batch > plan.batches().size()) {
      throw new org.onedoor.platform.web.NotFoundException("batch", "计划 " + plan.number() + " 没有第 " + batch + " 批次");
    }
    return plan.batches().get(batch - 1);
  }

  public List<Decision> decisions(String number) {
    return jdbc.sql("SELECT step, round, department, decision, reason, decided_by, decided_at FROM plan_decision"
            + " WHERE plan_number = :n ORDER BY id")
        .param("n", number)
        .query((rs, i) -> new Decision(rs.getString("step"), rs.getInt("round"), rs.getString("department"),
            rs.getString("decision"), rs.getString("reason"), rs.getString("decided_by"),
            rs.getTimestamp("decided_at").toInstant()))
        .list();
  }

  // ---- what the plan's forms show ----

  /** A decision task opens empty: its answer lives on the task, never on the process. */
  static void emptyAnswer(org.camunda.bpm.engine.delegate.DelegateTask task) {
    task.setVariableLocal("decision", null);
    task.setVariableLocal("reason", null);
  }

  /**
   * A decision task's answer: its own (task-local, see {@link #emptyAnswer}); a task created before
   * answers were task-local finds it on the process.
   */
  static String answer(org.camunda.bpm.engine.delegate.DelegateTask task, String name) {
    Object value = task.hasVariableLocal(name) ? task.getVariableLocal(name) : task.getVariable(name);
    return value == null ? null : value.toString();
  }

  /** 部门会签's read-only context: the plan, the department in words, the lead chief's review. */
  public Map<String, Object> signOffContext(String number, String department) {
    Plan plan = plans.get(number);
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("planName", plan.name());
    context.put("signOffDepartmentName", plans.departmentName(department));
    int round = round(number);
    context.put("leadReview", decisions(number).stream()
        .filter(d -> REVIEW.equals(d.step()) && d.round() == round).reduce((a, b) -> b)
        .map(d -> said(d, plans.departmentName(plan.leadDepartment()) + "科长")).orElse("（尚无审核意见）"));
    return context;
  }

  /** 修改计划's read-only context: who returned the plan, at which step, and why. */
  public Map<String, Object> revisionContext(String number) {
    Plan plan = plans.get(number);
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("leadDepartmentName", plans.departmentName(plan.leadDepartment()));
    Decision returned = decisions(number).stream().filter(d -> "return".equals(d.decision()))
        .reduce((a, b) -> b).orElse(null);
    context.put("returnedBy", returned == null ? "" : name(returned.decidedBy()) + "（"
        + (returned.department() == null ? plans.departmentName(plan.leadDepartment()) + "·科长审核"
            : plans.departmentName(returned.department()) + "·部门会签")
        + "，" + LocalDateTime.ofInstant(returned.decidedAt(), zone).toLocalDate() + "）");
    context.put("returnReason", returned == null ? "" : Objects.toString(returned.reason(), ""));
    return context;
  }

  private String said(Decision d, String role) {
    String answer = "approve".equals(d.decision()) ? "同意" : "退回修改";
    return name(d.decidedBy()) + "（" + role + "）：" + answer
        + (d.reason() == null ? "" : "。理由：" + d.reason());
  }

  /** A person's name as the identity service knows it (demo users: the full Chinese name). */
  String name(String userId) {
    if (userId == null) {
      return "";
    }
    var user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name = (Objects.toString(user.getFirstName(), "") + Objects.toString(user.getLastName(), "")).strip();
    return name.isEmpty() ? userId : name;
  }

  public record Decision(String step, int round, String department, String decision, String reason,
      String decidedBy, Instant decidedAt) {}

  // ---- internals ----

  /** approve → true, return → false; a return needs written reasons. */
  private static boolean decide(String decision, String reason) {
    if (!"approve".equals(decision) && !"return".equals(decision)) {
      throw new BadRequestException("decision", "请选择通过（approve）或退回（return）");
    }
    if ("return".equals(decision) && (reason == null || reason.isBlank())) {
      throw new BadRequestException("reason", "退回必须书面说明理由");
    }
    if (reason != null && reason.length() > 2000) {
      throw new BadRequestException("reason", "理由最长 2000 个字符");
    }
    return "approve".equals(decision);
  }

  private int round(String number) {
    return 1 + jdbc.sql("SELECT COUNT(*) FROM plan_decision WHERE plan_number = :n AND step = :s")
        .param("n", number).param("s", RESUBMIT).query(Integer.class).single();
  }

  private void record(String number, String step, String department, String decision, String reason, String by,
      Instant now) {
    jdbc.sql("INSERT INTO plan_decision (plan_number, step, round, department, decision, reason, decided_by, decided_at)"
            + " VALUES (:n, :step, :round, :d, :decision, :reason, :by, :at)")
        .param("n", number).param("step", step).param("round", round(number))
        .param("d", department).param("decision", decision)
        .param("reason", reason == null || reason.isBlank() ? null : reason.strip())
        .param("by", by).param("at", Timestamp.from(now)).update();
  }

  private void requireStatus(String number, String expected) {
    String status = plans.get(number).status();
    if (!expected.equals(status)) {
      throw new ConflictException("计划 " + number + " 当前状态为“" + statusLabel(status) + "”，不能执行此操作");
    }
  }

  /** The status as staff read it. */
  static String statusLabel(String status) {
    return switch (status == null ? "" : status) {
      case IN_REVIEW -> "审核中";
      case RETURNED -> "已退回";
      case IN_SIGN_OFF -> "会签中";
      case PUBLISHED -> "已发布";
      case DRAWN -> "已抽取";
      case CLOSED -> "已结束";
      default -> status;
    };
  }

  private void setStatus(String number, String status) {
    jdbc.sql("UPDATE plan_plan SET status = :s WHERE number = :n").param("s", status).param("n", number).update();
  }
}
