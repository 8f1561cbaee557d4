package org.onedoor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Notifications of real tasks: the risk-warning process (processes/risk-warning.bpmn) opens 核查预警 for
 * the department's inspectors (candidate group {@code health-inspector}: 罗萍 luoping, 宋佳 songjia; chief
 * 唐宁 tangning), due five working days later. Messages go to GreenMail and to the health department's
 * robot. The scans also remind of other test classes' open tasks: every check names this test's task.
 */
@OnedoorSpringTest
class TaskNotificationProcessTest extends NotificationTestContext {

  static final String USCC = "91330100799655058B";
  static final String ENTITY = "杭州某某餐饮有限公司";
  static final String PHONE = "13812345678";
  static final String ID_NUMBER = "330102199001011234";

  @Autowired ProcessEngine engine;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired NotificationSender sender;
  @Autowired DeadlineScan scan;
  @Autowired NotificationPreferences preferences;

  private final ObjectMapper json = new ObjectMapper();

  private Task report() {
    identity.setAuthentication("chenjing", List.of("role-chief", "market-chief", "market"));
    ProcessInstance instance;
    try {
      instance = forms.submitStartForm(
          engine.getRepositoryService().createProcessDefinitionQuery()
              .processDefinitionKey("risk-warning").latestVersion().singleResult().getId(),
          Map.of("uscc", USCC, "entityName", ENTITY, "department", "health", "source", "complaint", "level", "high",
              "description", "投诉人电话" + PHONE + "，身份证号" + ID_NUMBER + "，反映后厨卫生差"));
    } finally {
      identity.clearAuthentication();
    }
    started(instance);
    return tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private List<String> recipients(String taskId, NotificationKind kind) {
    return jdbc.sql("SELECT recipient FROM notification WHERE task_id = :t AND kind = :k ORDER BY recipient")
        .param("t", taskId).param("k", kind.name()).query(String.class).list();
  }

  private List<Map<String, Object>> deliveries(String taskId) {
    return jdbc.sql("""
            SELECT d.channel, d.recipient, d.status, n.kind FROM notification_delivery d
              JOIN notification n ON n.id = d.notification_id WHERE n.task_id = :t ORDER BY d.id""")
        .param("t", taskId).query().listOfRows();
  }

  private void as(String user, Runnable work) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList());
    try {
      work.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void aNewTaskTellsItsCandidatesInAppAndTheDepartmentsRobotOnce() throws Exception {
    at(LocalDateTime.of(2026, 7, 6, 10, 0));
    Task task = report();

    assertThat(task.getTaskDefinitionKey()).isEqualTo("CheckWarning");
    assertThat(recipients(task.getId(), NotificationKind.TASK_AVAILABLE)).containsExactly("luoping", "songjia");
    // a task one may claim: in-app only by default (no e-mail); the department's robot once, not per person
    assertThat(deliveries(task.getId())).extracting(r -> r.get("channel") + " " + r.get("recipient"))
        .containsExactly("WEBHOOK department:health");

    // the robot's message of the task, and its department's message of the warning (FeatureEventNotificationTest)
    assertThat(sender.sendDue()).as("nothing else is pending: the test started with an empty outbox").isEqualTo(2);
    assertThat(sender.sendDue()).isZero();
    assertThat(deliveries(task.getId())).extracting(r -> r.get("status")).containsExactly("SENT");
    List<WebhookReceiver.Received> posts = postsAbout(task.getId());
    assertThat(posts).hasSize(1);
    WebhookReceiver.Received post = posts.get(0);
    assertThat(post.path()).isEqualTo(HEALTH_ROBOT);
    assertThat(post.query()).containsEntry("access_token", "token-health").containsKey("timestamp");
    assertThat(post.signatureValid()).as("sign = Base64(HmacSHA256(secret, timestamp\\nsecret))").isTrue();
    JsonNode message = json.readTree(post.body());
    assertThat(message.path("msgtype").asText()).isEqualTo("markdown");
    assertThat(message.path("markdown").path("title").asText()).isEqualTo("待认领：核查预警");
    assertThat(message.path("markdown").path("text").asText())
        .contains("#### 待认领：核查预警", "市场主体：" + ENTITY, "办理期限：2026年7月13日（星期一）10:00",
            "[在 Tasklist 中办理](https://onedoor.example.gov.cn/camunda/app/tasklist/default/#/?task=" + task.getId() + ")");
    assertThat(mailAbout(List.of(task.getId()))).isEmpty();
  }

  @Test
  void anAssigneeIsToldByEmailButNobodyIsToldOfATaskTheyClaimedThemselves() {
    at(LocalDateTime.of(2026, 7, 13, 10, 0));
    Task task = report();

    as("luoping", () -> tasks.claim(task.getId(), "luoping"));
    assertThat(recipients(task.getId(), NotificationKind.TASK_ASSIGNED)).isEmpty();

    tasks.setAssignee(task.getId(), "songjia");
    assertThat(recipients(task.getId(), NotificationKind.TASK_ASSIGNED)).containsExactly("songjia");
    // assigned to her again later: still one notification
    tasks.setAssignee(task.getId(), null);
    tasks.setAssignee(task.getId(), "songjia");
    assertThat(recipients(task.getId(), NotificationKind.TASK_ASSIGNED)).containsExactly("songjia");

    sender.sendDue();
    List<MimeMessage> mail = mailAbout(task.getId(), "songjia@onedoor.local");
    assertThat(mail).hasSize(1);
    assertThat(subject(mail.get(0))).isEqualTo("【onedoor】分配给您：核查预警");
    assertThat(text(mail.get(0))).startsWith("宋佳，您好：")
        .contains("任务“核查预警”已分配给您办理。", "市场主体：" + ENTITY, "办理期限：2026年7月20日（星期一）10:00",
            "在 Tasklist 中办理：https://onedoor.example.gov.cn/camunda/app/tasklist/default/#/?task=" + task.getId(),
            "https://onedoor.example.gov.cn/staff/notifications");
    assertThat(mailAbout(task.getId(), "luoping@onedoor.local")).isEmpty();
  }

  @Test
  void aMessageWhoseTaskWasCompletedBeforeItWentOutIsNotSent() {
    at(LocalDateTime.of(2026, 7, 13, 11, 0));
    Task task = report();
    tasks.setAssignee(task.getId(), "luoping");
    as("luoping", () -> forms.submitTaskForm(task.getId(), Map.of("conclusion", "unfounded", "findings", "现场核实无问题")));
    assertThat(deliveries(task.getId())).as("cancelled once the completion committed").extracting(r -> r.get("status"))
        .containsOnly("CANCELLED");

    sender.sendDue();
    assertThat(mailAbout(task.getId(), "luoping@onedoor.local")).isEmpty();
    assertThat(postsAbout(task.getId())).isEmpty();
    assertThat(deliveries(task.getId())).extracting(r -> r.get("status")).containsOnly("CANCELLED");
  }

  @Test
  void aNearDeadlineRemindsTheCandidatesOnceAsEachChose() {
    at(LocalDateTime.of(2026, 7, 20, 10, 0));
    Task task = report();
    // due Monday 27 July 10:00; the default lead time is one working day: reminded from Friday 24 July
    assertThat(task.getDueDate().toInstant()).isEqualTo(LocalDateTime.of(2026, 7, 27, 10, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());
    NotificationPreferences.Preference before = preferences.of("luoping").stream()
        .filter(p -> p.kind() == NotificationKind.DEADLINE_NEAR).findFirst().orElseThrow();
    preferences.save("luoping", List.of(new NotificationPreferences.Preference(NotificationKind.DEADLINE_NEAR, false, true)));
    afterwards(() -> preferences.save("luoping", List.of(before)));

    scan.scan(at(LocalDate.of(2026, 7, 23), 17, 0));
    assertThat(recipients(task.getId(), NotificationKind.DEADLINE_NEAR)).isEmpty();

    scan.scan(at(LocalDate.of(2026, 7, 24), 9, 0));
    assertThat(recipients(task.getId(), NotificationKind.DEADLINE_NEAR)).containsExactly("luoping", "songjia");
    scan.scan(at(LocalDate.of(2026, 7, 24), 9, 5));
    scan.scan(at(LocalDate.of(2026, 7, 26), 20, 0));
    assertThat(recipients(task.getId(), NotificationKind.DEADLINE_NEAR)).as("scanned again: nothing twice")
        .containsExactly("luoping", "songjia");

    sender.sendDue();
    assertThat(mailAbout(task.getId(), "luoping@onedoor.local")).as("luoping turned e-mail off for deadlines near")
        .isEmpty();
    List<MimeMessage> mail = mailAbout(task.getId(), "songjia@onedoor.local");
    assertThat(mail).hasSize(1);
    assertThat(subject(mail.get(0))).isEqualTo("【onedoor】即将到期：核查预警");
    assertThat(text(mail.get(0))).contains("将于 2026年7月27日（星期一）10:00 到期，请及时办理。");
    assertThat(postsAbout(task.getId())).extracting(r -> json.readTree(r.body()).path("markdown").path("title").asText())
        .as("the department's robot: the new task, then one reminder for both").containsExactlyInAnyOrder("待认领：核查预警", "即将到期：核查预警");
  }

  @Test
  void aPassedDeadlineIsEscalatedToTheDepartmentsChiefAndNothingIsDoubledByASecondNode() throws Exception {
    at(LocalDateTime.of(2026, 8, 3, 10, 0));
    Task task = report();
    tasks.setAssignee(task.getId(), "luoping");
    sender.sendDue();
    MAIL.purgeEmailFromAllMailboxes();
    ROBOTS.reset();

    java.time.Instant late = at(LocalDate.of(2026, 8, 10), 10, 1);
    // two nodes scanning at the same moment (other classes' overdue tasks are written too: not counted here)
    CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> scan.scan(late));
    CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> scan.scan(late));
    assertThat(a.get() + b.get()).isGreaterThanOrEqualTo(2);
    scan.scan(late.plusSeconds(300));

    assertThat(recipients(task.getId(), NotificationKind.DEADLINE_PASSED)).containsExactly("luoping");
    assertThat(recipients(task.getId(), NotificationKind.DEADLINE_ESCALATED)).containsExactly("tangning");
    assertThat(deliveries(task.getId())).filteredOn(r -> r.get("KIND").toString().startsWith("DEADLINE"))
        .extracting(r -> r.get("CHANNEL") + " " + r.get("RECIPIENT"))
        .as("one e-mail each; the department's robot once per kind")
        .containsExactlyInAnyOrder("EMAIL luoping", "EMAIL tangning", "WEBHOOK department:health",
            "WEBHOOK department:health");
    sender.sendDue();
    List<MimeMessage> toLuoping = mailAbout(task.getId(), "luoping@onedoor.local");
    assertThat(toLuoping).extracting(NotificationTestContext::subject).containsExactly("【onedoor】已逾期：核查预警");
    List<MimeMessage> toChief = mailAbout(task.getId(), "tangning@onedoor.local");
    assertThat(toChief).extracting(NotificationTestContext::subject).containsExactly("【onedoor】逾期督办：核查预警");
    assertThat(text(toChief.get(0))).startsWith("唐宁，您好：")
        .contains("本部门任务“核查预警”已于 2026年8月10日（星期一）10:00 到期，尚未办结（办理人：罗萍），请督促办理。");
    assertThat(mailAbout(task.getId(), "songjia@onedoor.local")).as("not a candidate any more once assigned").isEmpty();
  }

  @Test
  void noMessageCarriesIdNumbersPhonesEvidenceOrCreditClass() {
    at(LocalDateTime.of(2026, 8, 17, 10, 0));
    Task task = report();
    tasks.setAssignee(task.getId(), "songjia");
    scan.scan(at(LocalDate.of(2026, 8, 24), 11, 0));
    sender.sendDue();

    List<String> texts = new ArrayList<>();
    jdbc.sql("SELECT title, body FROM notification WHERE task_id = :t").param("t", task.getId())
        .query((rs, i) -> rs.getString("title") + "\n" + rs.getString("body")).list().forEach(texts::add);
    for (MimeMessage m : mailAbout(List.of(task.getId()))) {
      texts.add(subject(m) + "\n" + text(m));
    }
    postsAbout(task.getId()).forEach(r -> texts.add(r.body()));
    assertThat(texts).hasSizeGreaterThan(5);
    Pattern uscc = Pattern.compile("(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])");
    Pattern idNumber = Pattern.compile("(?<!\\d)\\d{17}[\\dXx](?!\\d)");
    Pattern phone = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
    for (String message : texts) {
      // the links carry the task's id, which is no business datum
      String text = message.replaceAll("https?://[^\\s)\"]+", "");
      assertThat(text).contains("核查预警").contains(ENTITY)
          .doesNotContain(USCC).doesNotContain(PHONE).doesNotContain(ID_NUMBER)
          .doesNotContain("后厨卫生").doesNotContain("信用").doesNotContain("证据")
          .doesNotContainPattern(uscc).doesNotContainPattern(idNumber).doesNotContainPattern(phone);
    }
  }
}
