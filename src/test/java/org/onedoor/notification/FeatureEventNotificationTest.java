package org.onedoor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.inspection.RecordEvent;
import org.onedoor.inspection.VisitEvent;
import org.onedoor.listing.letter.DecisionLetterIssued;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 17 item 1: the features' own events as notifications — a visit proposed, agreed or decided, a
 * record to co-sign, refused or returned, a decision letter issued, a risk warning for my department —
 * to the people each event concerns (never to who caused it), once per event, in Chinese, by the
 * channels each person chose per kind. That the features publish these events where they happen is
 * proven by their own tests (JointInspectionProcessTest records VisitEvent and RecordEvent); the risk
 * warning is followed here from its process to the chief's e-mail box.
 */
@OnedoorSpringTest
class FeatureEventNotificationTest extends NotificationTestContext {

  @Autowired ApplicationEventPublisher publisher;
  @Autowired TransactionTemplate transactions;
  @Autowired NotificationSender sender;
  @Autowired NotificationPreferences preferences;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired RepositoryService repository;

  private final ObjectMapper json = new ObjectMapper();
  /** A business name of this run only: the messages of this test are found by it. */
  private final String entity = "杭州测试餐饮有限公司" + UUID.randomUUID().toString().substring(0, 6);

  private void publish(Object event) {
    // as the features do: inside the deciding transaction
    transactions.executeWithoutResult(s -> publisher.publishEvent(event));
  }

  /** The person's notifications of this test's business: kind, title and body. */
  private List<String> of(String person) {
    return jdbc.sql("SELECT kind || '|' || title || '|' || body FROM notification WHERE recipient = :r"
            + " AND entity_name = :e ORDER BY id")
        .param("r", person).param("e", entity).query(String.class).list();
  }

  private List<String> channels(String person) {
    return jdbc.sql("""
            SELECT n.kind || ' ' || d.channel FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
             WHERE n.recipient = :r AND n.entity_name = :e ORDER BY d.id""")
        .param("r", person).param("e", entity).query(String.class).list();
  }

  private List<MimeMessage> mailOf(String person) {
    return mailTo(person + "@onedoor.local").stream().filter(m -> text(m).contains(entity)).toList();
  }

  @Test
  void aProposedVisitIsInAppForTheOtherDepartmentsAndTheAgreedOrDecidedTimeReachesEveryoneByEmail() {
    Instant now = at(LocalDateTime.of(2026, 9, 21, 9, 0));
    Instant visitAt = LocalDateTime.of(2026, 9, 28, 10, 0).atZone(TestClock.ZONE).toInstant();
    String sun = person("visit", "孙丽");
    String zhou = person("visit", "周杰");
    String lead = person("visit", "张伟");
    VisitEvent proposed = new VisitEvent(VisitEvent.Kind.PROPOSED, "NT-2026-0001", entity, "market", "市场监督管理局",
        visitAt, lead, now, Set.of(sun, zhou), Set.of());
    publish(proposed);
    publish(proposed);

    assertThat(of(sun)).as("once, however often the event is heard").singleElement().asString()
        .startsWith("VISIT_PROPOSED|检查时间提议：" + entity + "|")
        .contains("牵头部门（市场监督管理局）提议联合检查时间为 2026年9月28日（星期一）10:00，请在 Tasklist 中确认或另提时间。",
            "市场主体：" + entity, "检查编号：NT-2026-0001",
            "查看详情：" + NotificationTestServers.PUBLIC_BASE_URL + "/staff/inspections/NT-2026-0001");
    assertThat(of(zhou)).hasSize(1);
    assertThat(of(lead)).as("who proposed is not told").isEmpty();
    assertThat(channels(sun)).as("a proposal comes with a task: in-app by default, no e-mail").isEmpty();

    preferences.save(zhou, List.of(new NotificationPreferences.Preference(NotificationKind.VISIT_CONFIRMED, false, false)));
    publish(new VisitEvent(VisitEvent.Kind.AGREED, "NT-2026-0001", entity, "market", "市场监督管理局", visitAt, "system",
        at(LocalDateTime.of(2026, 9, 21, 10, 0)), Set.of(sun, zhou, lead), Set.of()));
    assertThat(of(lead)).extracting(n -> n.substring(0, n.indexOf('|'))).containsExactly("VISIT_CONFIRMED");
    assertThat(channels(sun)).containsExactly("VISIT_CONFIRMED EMAIL");
    assertThat(channels(zhou)).as("周杰 turned e-mail off for agreed visits").isEmpty();

    publish(new VisitEvent(VisitEvent.Kind.DECIDED, "NT-2026-0002", entity, "market", "市场监督管理局",
        visitAt.plusSeconds(86_400), lead, at(LocalDateTime.of(2026, 9, 21, 11, 0)), Set.of(sun, zhou, lead), Set.of()));
    assertThat(of(lead)).as("the chief who decided is not told").hasSize(1);
    assertThat(of(sun)).last().asString().startsWith("VISIT_DECIDED|检查时间已决定：" + entity + "|")
        .contains("科长决定联合检查时间为 2026年9月29日（星期二）10:00。");

    sender.sendDue();
    assertThat(mailOf(sun)).extracting(NotificationTestContext::subject)
        .containsExactly("【onedoor】检查时间已商定：" + entity, "【onedoor】检查时间已决定：" + entity);
    assertThat(text(mailOf(sun).get(0))).startsWith("孙丽，您好：").contains("联合检查时间为 2026年9月28日（星期一）10:00");
    assertThat(mailOf(zhou)).extracting(NotificationTestContext::subject)
        .containsExactly("【onedoor】检查时间已决定：" + entity);
    assertThat(mailOf(lead)).extracting(NotificationTestContext::subject)
        .containsExactly("【onedoor】检查时间已商定：" + entity);
  }

  @Test
  void theCoSignerIsAskedAndTheRecorderLearnsOfARefusalOrAReturnAlsoThroughAChiefsGroup() {
    Instant now = at(LocalDateTime.of(2026, 9, 29, 15, 0));
    String recorder = person("record", "张伟");
    String coSigner = person("record", "李娜");
    String chief = person("record", "陈静");
    publish(new RecordEvent(RecordEvent.Kind.CO_SIGN_REQUESTED, "NT-2026-0003", entity, "market", "市场监督管理局", recorder,
        now, Set.of(coSigner), Set.of()));
    assertThat(of(coSigner)).singleElement().asString().startsWith("COSIGN_REQUESTED|待签名：" + entity + "检查记录|")
        .contains("市场监督管理局的现场检查记录已提交，请作为第二名执法人员在 Tasklist 中签名确认。", "检查部门：市场监督管理局");
    assertThat(of(recorder)).isEmpty();

    publish(new RecordEvent(RecordEvent.Kind.CO_SIGN_REFUSED, "NT-2026-0003", entity, "market", "市场监督管理局", coSigner,
        at(LocalDateTime.of(2026, 9, 29, 15, 10)), Set.of(recorder, coSigner), Set.of()));
    assertThat(of(recorder)).singleElement().asString().startsWith("COSIGN_REFUSED|拒绝签名：" + entity + "检查记录|");
    assertThat(of(coSigner)).as("who refused is not told").hasSize(1);

    // a flagged department's record: its chiefs' group is concerned, and resolved to its members who can sign in
    publish(new RecordEvent(RecordEvent.Kind.RETURNED, "NT-2026-0004", entity, "health", "卫生健康委员会", chief,
        at(LocalDateTime.of(2026, 9, 29, 15, 20)), Set.of(recorder), Set.of("health-chief")));
    assertThat(of(recorder)).last().asString().startsWith("RECORD_RETURNED|记录退回：" + entity + "检查记录|")
        .contains("科长退回了卫生健康委员会的检查记录，请在 Tasklist 中查看理由，修改后重新提交。");
    assertThat(jdbc.sql("SELECT recipient FROM notification WHERE kind = 'RECORD_RETURNED' AND entity_name = :e ORDER BY recipient")
        .param("e", entity).query(String.class).list()).containsExactly(recorder, "tangning");

    sender.sendDue();
    assertThat(mailOf(coSigner)).as("asked to co-sign: the task tells too, no e-mail by default").isEmpty();
    assertThat(mailOf(recorder)).extracting(NotificationTestContext::subject)
        .containsExactly("【onedoor】拒绝签名：" + entity + "检查记录", "【onedoor】记录退回：" + entity + "检查记录");
    assertThat(ROBOTS.received()).filteredOn(r -> r.body().contains(entity)).singleElement()
        .satisfies(r -> {
          assertThat(r.path()).isEqualTo(HEALTH_ROBOT);
          assertThat(r.signatureValid()).isTrue();
          assertThat(json.readTree(r.body()).path("markdown").path("text").asText())
              .contains("[查看详情](" + NotificationTestServers.PUBLIC_BASE_URL + "/staff/inspections/NT-2026-0004)");
        });
  }

  @Test
  void anIssuedDecisionLetterTellsTheDepartmentsCaseWorkersAndItsRobotOnce() {
    Instant now = at(LocalDateTime.of(2026, 10, 12, 10, 0));
    publish(new DecisionLetterIssued(7_000_001L, 4242L, "列入经营异常名录决定书", "卫健异〔2026〕99号", entity, "health",
        LocalDate.of(2026, 10, 12), now, Set.of("health-inspector", "health-chief")));
    assertThat(jdbc.sql("SELECT recipient FROM notification WHERE kind = 'DECISION_LETTER_ISSUED' AND entity_name = :e"
            + " ORDER BY recipient").param("e", entity).query(String.class).list())
        .containsExactly("luoping", "songjia", "tangning");
    assertThat(of("luoping")).singleElement().asString()
        .startsWith("DECISION_LETTER_ISSUED|决定书已出具：列入经营异常名录决定书|")
        .contains("《列入经营异常名录决定书》（卫健异〔2026〕99号）已出具", "决定日期：2026-10-12",
            "查看详情：" + NotificationTestServers.PUBLIC_BASE_URL + "/staff/listings/4242");

    sender.sendDue();
    assertThat(mailOf("tangning")).hasSize(1);
    assertThat(ROBOTS.received()).filteredOn(r -> r.body().contains(entity)).as("one message for the department")
        .hasSize(1);
  }

  @Test
  void aRiskWarningFromItsProcessTellsTheDepartmentsChiefsWithoutItsDescriptionOrLevel() throws Exception {
    at(LocalDateTime.of(2026, 7, 6, 10, 0));
    identity.setAuthentication("chenjing", List.of("role-chief", "market-chief", "market"));
    try {
      started(forms.submitStartForm(repository.createProcessDefinitionQuery().processDefinitionKey("risk-warning")
              .latestVersion().singleResult().getId(),
          Map.of("uscc", "91330100799655058B", "entityName", entity, "department", "health", "source", "complaint",
              "level", "high", "description", "投诉人电话13812345678，反映后厨卫生差")));
    } finally {
      identity.clearAuthentication();
    }
    assertThat(jdbc.sql("SELECT recipient FROM notification WHERE kind = 'RISK_WARNING_RAISED' AND entity_name = :e")
        .param("e", entity).query(String.class).list()).as("the chief; the inspectors get the check task")
        .containsExactly("tangning");
    assertThat(of("tangning")).singleElement().asString().startsWith("RISK_WARNING_RAISED|风险预警：" + entity + "|")
        .contains("本部门收到一条新的风险预警（来源：投诉举报），已交本部门检查人员核查。")
        .doesNotContain("13812345678").doesNotContain("后厨").doesNotContain("high").doesNotContain("高")
        .doesNotContain("91330100799655058B");
    assertThat(channels("tangning")).as("in-app and the department's robot by default, no e-mail")
        .containsExactly("RISK_WARNING_RAISED WEBHOOK");

    preferences.save("tangning", List.of(new NotificationPreferences.Preference(NotificationKind.RISK_WARNING_RAISED,
        true, true)));
    afterwards(() -> preferences.save("tangning", List.of(
        NotificationPreferences.Preference.defaultFor(NotificationKind.RISK_WARNING_RAISED))));
    identity.setAuthentication("chenjing", List.of("role-chief", "market-chief", "market"));
    String second = entity;
    try {
      started(forms.submitStartForm(repository.createProcessDefinitionQuery().processDefinitionKey("risk-warning")
              .latestVersion().singleResult().getId(),
          Map.of("uscc", "91330100799655058B", "entityName", second, "department", "health", "source", "monitoring",
              "level", "medium", "description", "监测数据异常")));
    } finally {
      identity.clearAuthentication();
    }
    sender.sendDue();
    assertThat(mailOf("tangning")).extracting(NotificationTestContext::subject)
        .containsExactly("【onedoor】风险预警：" + entity);
    assertThat(text(mailOf("tangning").get(0))).contains("来源：监测数据");
  }
}
