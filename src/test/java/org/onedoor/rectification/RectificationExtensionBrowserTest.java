package org.onedoor.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onedoor.BrowserExtension;
import org.onedoor.ChineseBrowser;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TasklistPage;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.calendar.WorkingDayCalendar;
import org.onedoor.inspection.InspectionFixtures;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 延期整改 in a Chinese browser: the business applies (entered through the API by lina, market staff) for a
 * later deadline; market's chief chenjing, among the re-check candidates, signs in to Tasklist, claims
 * 审批延期申请, reads the current and the requested deadline and the business's reason in the form — also on
 * a phone-sized screen —, approves with a reason and completes; the deadline has moved and the task is
 * gone. Screenshots go to target/screenshots (rectification-extension-*.png); skipped where Chromium is
 * not installed.
 */
@OnedoorSpringTest
class RectificationExtensionBrowserTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String NAME = "延期整改浏览器测试企业";
  static final String REASON = "消防器材供货延迟，厂家承诺下月初到货";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;
  @Autowired Rectifications rectifications;
  @Autowired WorkingDayCalendar calendar;
  @Autowired JdbcClient jdbc;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(1280, 1000);
  final WebDriver browser = chromium.driver();
  final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  final TasklistPage tasklist = new TasklistPage(browser, wait);

  @AfterEach
  void clearAuthentication() {
    identity.clearAuthentication();
  }

  /** As joint-inspection calls it, with market's chief chenjing among the re-checkers; the order issued. */
  ProcessInstance waitingForTheReport(String number, String uscc) {
    ProcessInstance instance = runtime.startProcessInstanceByKey(Rectifications.PROCESS, withVariables(
        "inspectionNumber", number, "department", "market", "uscc", uscc, "entityName", NAME,
        "rectificationDeadline", TestClock.today().plusDays(10).toString(),
        "recheckCandidates", "zhangwei,lina,chenjing"));
    Task issue = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("IssueOrder")
        .singleResult();
    identity.setAuthentication("zhangwei",
        identity.createGroupQuery().groupMember("zhangwei").list().stream().map(Group::getId).toList());
    try {
      forms.submitTaskForm(issue.getId(), withVariables("orderNumber", "市监责改〔2026〕9号",
          "orderItems", "灭火器过期；疏散通道堆放杂物", "deadlineKind", "days", "periodLength", 10L));
    } finally {
      identity.clearAuthentication();
    }
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
    return instance;
  }

  @Test
  void chiefApprovesTheExtensionInChineseTasklistAndTheDeadlineMoves() throws IOException {
    String uscc = InspectionFixtures.entity(jdbc, NAME);
    String number = InspectionFixtures.open(jdbc, "RXB", uscc);
    ProcessInstance instance = waitingForTheReport(number, uscc);
    LocalDate deadline = rectifications.byProcess(instance.getId()).deadline();
    LocalDate requested = calendar.nextWorkingDayOnOrAfter(deadline.plusDays(7));

    // the business applies, entered by market staff through the API
    TestHttp http = new TestHttp(port);
    String requests = "/api/v1/inspections/" + number + "/rectifications/market/extension-requests";
    HttpResponse<String> applied = http.post(requests, "lina",
        "{\"reason\":\"" + REASON + "\",\"requestedDeadline\":\"" + requested + "\"}");
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
    Task approval = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("ApproveExtension")
        .singleResult();
    assertThat(approval).isNotNull();
    assertThat(tasks.createTaskQuery().taskId(approval.getId()).taskCandidateUser("chenjing").count()).isEqualTo(1);

    // the chief in Tasklist
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/");
    tasklist.waitForText("用户名");
    browser.findElement(By.cssSelector("input[type=text]")).sendKeys("chenjing");
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    tasklist.waitForText("待我认领");
    tasklist.clickText("待我认领");
    tasklist.clickTaskOf(NAME, "审批延期申请");
    WebElement claim = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//*[self::button or self::a][normalize-space(.)='认领']")));
    tasklist.click(claim);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//button[normalize-space(.)='完成']")));

    // the form shows the request: current deadline, requested deadline, the business's reason
    tasklist.waitForText("审批结论");
    wait.until(d -> formText().contains(REASON));
    String form = formText();
    assertThat(form).contains("审批延期申请", number, NAME, uscc, "部门：市场监管局", "市监责改〔2026〕9号",
        "责令改正事项：灭火器过期；疏散通道堆放杂物", "现在的整改期限：" + deadline, "企业申请延至：" + requested,
        "申请延期的理由：" + REASON, "登记人：lina", "审批结论", "批准延期", "不予延期",
        "审批理由");
    assertThat(form).doesNotContain("{{");
    ChineseBrowser.screenshot(browser, "rectification-extension-form-zh");

    // the same form on a phone
    browser.manage().window().setSize(new Dimension(390, 844));
    tasklist.waitForText("审批结论");
    // the form's heading just below Tasklist's fixed header
    ((JavascriptExecutor) browser).executeScript("""
        var f = document.querySelector('.fjs-container');
        f.scrollIntoView({block: 'start'});
        for (var p = f.parentElement; p; p = p.parentElement) {
          if (p.scrollTop > 0) { p.scrollTop = Math.max(0, p.scrollTop - 80); break; }
        }""");
    ChineseBrowser.screenshot(browser, "rectification-extension-form-phone-zh");
    Object overflow = ((JavascriptExecutor) browser).executeScript(
        "var f = document.querySelector('.fjs-container'); return f ? f.scrollWidth - f.clientWidth : -1;");
    assertThat(((Number) overflow).intValue()).as("the form fits the phone's width").isBetween(0, 2);
    browser.manage().window().setSize(new Dimension(1280, 1000));

    // 批准延期 with a reason, 完成
    tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//label[normalize-space(.)='批准延期']"))));
    WebElement why = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//label[starts-with(normalize-space(.),'审批理由')]/following::textarea[1]")));
    tasklist.click(why);
    why.sendKeys("供货延迟属实，同意延期");
    ChineseBrowser.screenshot(browser, "rectification-extension-filled-zh");
    tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//button[normalize-space(.)='完成']"))));

    wait.until(d -> tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("ApproveExtension")
        .count() == 0);
    ChineseBrowser.screenshot(browser, "rectification-extension-after-complete-zh");
    assertThat(rectifications.byProcess(instance.getId()).deadline()).isEqualTo(requested);
    assertThat(runtime.getVariable(instance.getId(), "orderDeadline")).isEqualTo(requested.toString());
    assertThat(runtime.getActiveActivityIds(instance.getId())).contains("WaitForReport");
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult().getDuedate())
        .isEqualTo(java.util.Date.from(requested.plusDays(1).atStartOfDay(SHANGHAI).toInstant()));
    HttpResponse<String> decided = http.get(requests, "lina");
    assertThat(decided.statusCode()).isEqualTo(200);
    assertThat(decided.body()).contains("\"status\":\"APPROVED\"", "\"originalDeadline\":\"" + deadline + "\"",
        "\"requestedDeadline\":\"" + requested + "\"", "\"decidedBy\":\"chenjing\"",
        "\"decisionReason\":\"供货延迟属实，同意延期\"");
  }

  private String formText() {
    return (String) ((JavascriptExecutor) browser).executeScript(
        "var f = document.querySelector('.fjs-container'); return f ? f.innerText : document.body.innerText;");
  }
}
