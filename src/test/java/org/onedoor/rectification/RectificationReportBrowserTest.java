package org.onedoor.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.time.Duration;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
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
 * Staff register what the business handed in, on the staff page and with the Tasklist sign-in only:
 * lina (market inspector) signs in to Tasklist, opens the inspection file, follows its link
 * 登记企业整改报告、延期申请 (a new tab, no Basic-auth prompt), and — on a phone-sized screen — first
 * submits without the text (the page names the field), then registers the business's report; the
 * rectification waits for the re-check. Screenshots target/screenshots/rectification-report-*.png;
 * skipped where Chromium is not installed.
 */
@OnedoorSpringTest
class RectificationReportBrowserTest {

  static final String NAME = "整改报告浏览器测试企业";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired Rectifications rectifications;
  @Autowired JdbcClient jdbc;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(1280, 1000);
  final WebDriver browser = chromium.driver();
  final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  final TasklistPage tasklist = new TasklistPage(browser, wait);

  @AfterEach
  void clearAuthentication() {
    identity.clearAuthentication();
  }

  ProcessInstance ordered(String number, String uscc) {
    ProcessInstance instance = runtime.startProcessInstanceByKey(Rectifications.PROCESS, withVariables(
        "inspectionNumber", number, "department", "market", "uscc", uscc, "entityName", NAME,
        "rectificationDeadline", TestClock.today().plusDays(10).toString(), "recheckCandidates", "zhangwei,lina"));
    Task issue = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("IssueOrder")
        .singleResult();
    identity.setAuthentication("zhangwei",
        identity.createGroupQuery().groupMember("zhangwei").list().stream().map(Group::getId).toList());
    try {
      forms.submitTaskForm(issue.getId(), withVariables("orderNumber", "市监责改〔2026〕21号",
          "orderItems", "未公示营业执照", "deadlineKind", "days", "periodLength", 10L));
    } finally {
      identity.clearAuthentication();
    }
    return instance;
  }

  @Test
  void staffRegisterTheBusinesssReportOnTheStaffPageSignedInThroughTasklist() throws IOException {
    String uscc = InspectionFixtures.entity(jdbc, NAME);
    String number = InspectionFixtures.open(jdbc, "RRB", uscc);
    ProcessInstance instance = ordered(number, uscc);

    browser.get("http://localhost:" + port + "/camunda/app/tasklist/");
    tasklist.waitForText("用户名");
    browser.findElement(By.cssSelector("input[type=text]")).sendKeys("lina");
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    tasklist.waitForText("待我认领");

    // the inspection file, with the Tasklist session only
    browser.get("http://localhost:" + port + "/staff/inspections/" + number);
    tasklist.waitForText("全过程记录");
    WebElement link = browser.findElement(By.partialLinkText("登记企业整改报告、延期申请"));
    assertThat(link.getAttribute("target")).isEqualTo("_blank");
    assertThat(browser.findElement(By.partialLinkText("责令改正通知书 市监责改〔2026〕21号")).getAttribute("href"))
        .endsWith("/staff/inspections/" + number + "/rectifications/market/order.pdf");
    String href = link.getAttribute("href");
    assertThat(href).endsWith("/staff/inspections/" + number + "/rectifications/market");
    // the link opens a new tab (JointInspectionBrowserTest follows such a tab from a task form); here the page
    // is opened in the same window, on a phone-sized screen
    browser.manage().window().setSize(new Dimension(390, 844));
    // once in a full CI run the load of this page never completed (page-load timeout 300 s) while it
    // passed alone and in its neighbours' company: give it a minute, then load it once more
    browser.manage().timeouts().pageLoadTimeout(java.time.Duration.ofSeconds(60));
    try {
      browser.get(href);
    } catch (org.openqa.selenium.TimeoutException stuck) {
      browser.navigate().to("about:blank");
      browser.get(href);
    }
    wait.until(d -> d.findElement(By.id("order-number")).getText().contains("市监责改〔2026〕21号"));
    assertThat(browser.findElement(By.id("department")).getText()).isEqualTo("市场监管局");
    assertThat(browser.findElement(By.id("items")).getText()).isEqualTo("未公示营业执照");

    // without the text: refused, the page names the field
    setDate("report-date", TestClock.today().toString());
    browser.findElement(By.id("report-submit")).click();
    wait.until(d -> d.findElement(By.id("message")).isDisplayed()
        && d.findElement(By.id("message")).getText().contains("整改情况"));
    assertThat(rectifications.byProcess(instance.getId()).reports()).isEmpty();

    browser.findElement(By.id("report-text")).sendKeys("已在经营场所显著位置公示营业执照");
    ChineseBrowser.screenshot(browser, "rectification-report-phone-zh");
    browser.findElement(By.id("report-submit")).click();
    wait.until(d -> d.findElement(By.id("message")).getText().contains("已登记企业的整改报告"));
    wait.until(d -> !d.findElement(By.id("reports")).getAttribute("class").contains("x")
        && d.findElement(By.id("reports")).isDisplayed());
    assertThat(browser.findElement(By.id("reports")).getText()).contains("已在经营场所显著位置公示营业执照", "lina");
    Object overflow = ((JavascriptExecutor) browser).executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(((Number) overflow).intValue()).as("the page fits the phone's width").isLessThanOrEqualTo(0);
    ChineseBrowser.screenshot(browser, "rectification-report-registered-phone-zh");

    Rectifications.Rectification r = rectifications.byProcess(instance.getId());
    assertThat(r.status()).isEqualTo(Rectifications.REPORTED);
    assertThat(r.reports()).singleElement().satisfies(report -> {
      assertThat(report.enteredBy()).isEqualTo("lina");
      assertThat(report.reportedOn()).isEqualTo(TestClock.today());
    });
    assertThat(runtime.getActiveActivityIds(instance.getId())).contains("RecheckRectification");
  }

  private void setDate(String id, String isoDate) {
    ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1];",
        id, isoDate);
  }
}
