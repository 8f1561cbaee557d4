package org.onedoor.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onedoor.BrowserExtension;
import org.onedoor.ChineseBrowser;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TasklistPage;
import org.onedoor.TestClock;
import org.onedoor.catalog.CatalogService;
import org.onedoor.inspection.TargetedInspections;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A joint targeted inspection agreed by people in the Chinese Tasklist at 1280 px (both forms also checked at 390 px),
 * no REST and no administrator:
 * market's chief 陈静 approves the targeted inspection a warning's check proposed, naming a market item and a
 * culture item; culture's chief 吴浩 finds 部门会签定向检查 with the warning, the lead chief's approval and his
 * department's item, and agrees; the inspection opens with both departments, and 吴浩 reads the countersign in
 * the inspection's file and on the warning's page. Skipped where Chromium is not installed.
 */
@OnedoorSpringTest
class JointTargetedInspectionBrowserTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired FormService forms;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired RiskWarningService warnings;
  @Autowired TargetedCountersign countersign;
  @Autowired TargetedInspections targeted;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(1280, 1000);
  final WebDriver browser = chromium.driver();
  final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  final TasklistPage tasklist = new TasklistPage(browser, wait);

  @AfterEach
  void tearDown() {
    identity.clearAuthentication();
    TestClock.reset();
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
  void aChiefApprovesATargetedInspectionOnTwoDepartmentsItemsAndTheOtherChiefAgreesInTasklist() throws IOException {
    TargetedInspectionFixture.items(catalog);
    TargetedInspectionFixture.marketInspectors(jdbc);
    TargetedInspectionFixture.cultureInspectors(jdbc);
    // a business name of this test alone: the task list of the shared database holds many warnings
    String business = "联合定向检查浏览器测试药厂" + System.nanoTime() % 1_000_000L;
    ProcessInstance[] started = new ProcessInstance[1];
    as("chenjing", () -> started[0] = forms.submitStartForm(repository.createProcessDefinitionQuery()
            .processDefinitionKey("risk-warning").latestVersion().singleResult().getId(),
        Map.of("uscc", "91330100799655058B", "entityName", business, "department", "market", "source", "complaint",
            "level", "high", "description", "投诉：冷库温度长期超标，演出用药品储存场所混用")));
    String instance = started[0].getId();
    as("lina", () -> forms.submitTaskForm(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId(),
        Map.of("conclusion", "targeted", "findings", "冷库温控记录缺失；同一场所兼营演出，需文化部门一并检查")));
    long warningId = jdbc.sql("SELECT id FROM credit_risk_warning WHERE entity_name = :n").param("n", business)
        .query(Long.class).single();
    String base = "http://localhost:" + port;

    // 审批定向检查 by 陈静: market's item and culture's
    tasklist.signIn(base, "chenjing");
    tasklist.openTask("待我认领", business, "审批定向检查");
    assertThat(tasklist.formText()).contains("可同时填写该部门的事项编码", "该部门科长会签同意后参加联合定向检查");
    tasklist.fitsAPhone("joint-targeted-approve-390", "//button[normalize-space(.)='完成']");
    tasklist.tick("批准开展定向检查");
    tasklist.type("检查事项编码", "input",
        TargetedInspectionFixture.MARKET_ITEM + ", " + TargetedInspectionFixture.CULTURE_ITEM);
    tasklist.type("理由", "textarea", "同一场所兼营演出，请文化和旅游局一并检查");
    ChineseBrowser.screenshot(browser, "joint-targeted-approve-1280");
    tasklist.complete(() -> !countersign.of(warningId).isEmpty());
    assertThat(countersign.of(warningId)).extracting(TargetedCountersign.Countersign::department,
        TargetedCountersign.Countersign::status).containsExactly(org.assertj.core.groups.Tuple.tuple("culture", "PENDING"));

    // 部门会签定向检查 by 吴浩: the warning, the lead chief's approval, culture's item; an empty answer
    tasklist.signIn(base, "wuhao");
    tasklist.openTask("待我认领", business, "部门会签定向检查");
    wait.until(d -> tasklist.value("本部门检查事项").equals(TargetedInspectionFixture.CULTURE_ITEM + " 演出场所"));
    assertThat(tasklist.value("牵头部门审批意见"))
        .isEqualTo("陈静（市场监管局科长）批准开展定向检查：同一场所兼营演出，请文化和旅游局一并检查");
    assertThat(tasklist.value("核查情况")).startsWith("冷库温控记录缺失");
    assertThat(tasklist.formText()).contains("市场监管局科长已批准对该市场主体开展定向检查，并提议文化和旅游局参加联合检查",
        "逾期未答复的部门不参加");
    assertThat(browser.findElements(By.xpath(
            "//label[starts-with(normalize-space(.),'本部门意见')]/ancestor::div[contains(@class,'fjs-form-field')][1]"
                + "//input[@type='radio']")))
        .hasSize(2).noneMatch(WebElement::isSelected);
    tasklist.fitsAPhone("joint-targeted-countersign-390", "//button[normalize-space(.)='完成']");
    tasklist.tick("同意参加联合定向检查");
    ChineseBrowser.screenshot(browser, "joint-targeted-countersign-1280");
    tasklist.complete(() -> countersign.of(warningId).get(0).status().equals(TargetedCountersign.AGREED));
    assertThat(countersign.of(warningId).get(0).answeredBy()).isEqualTo("wuhao");

    // 开启定向检查 runs as a job (the job executor is off in tests): both departments take part
    wait.until(d -> management.createJobQuery().processInstanceId(instance).executable().count() > 0);
    for (Job job : management.createJobQuery().processInstanceId(instance).executable().list()) {
      management.executeJob(job.getId());
    }
    String number = warnings.find(warningId).orElseThrow().inspectionNumber();
    assertThat(number).startsWith("DX");
    assertThat(targeted.find(number).orElseThrow().items()).containsOnlyKeys("market", "culture");

    // culture's chief reads the countersign in the inspection's file and on the warning's page
    tasklist.load(base + "/staff/inspections/" + number);
    tasklist.waitForText("风险预警（定向检查的来由）");
    assertThat(browser.getPageSource()).contains("文化和旅游局：同意参加（吴浩）", "文化和旅游局");
    ChineseBrowser.screenshot(browser, "joint-targeted-inspection-1280");
    tasklist.load(base + "/staff/warnings/" + warningId);
    tasklist.waitForText("部门会签（联合定向检查）");
    assertThat(browser.findElement(By.id("countersign")).getText()).contains("文化和旅游局", "同意参加（吴浩，",
        "检查事项 " + TargetedInspectionFixture.CULTURE_ITEM);
    assertThat(browser.getPageSource()).contains("市场监管局：" + TargetedInspectionFixture.MARKET_ITEM + "；文化和旅游局："
        + TargetedInspectionFixture.CULTURE_ITEM);
    ChineseBrowser.screenshot(browser, "joint-targeted-warning-1280");
    assertThat(browser.getPageSource()).contains("href=\"/staff/inspections/" + number + "\"");
  }
}
