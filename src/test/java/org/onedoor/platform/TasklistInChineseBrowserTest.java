package org.onedoor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onedoor.BrowserExtension;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TasklistPage;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A demo inspector in a Chinese browser (navigator.language zh-CN) signs in to Tasklist, finds
 * the department's task, claims it, fills the Camunda Form and completes it. Screenshots go to
 * target/screenshots. Skipped, with a message saying so, where Chromium is not installed.
 */
@OnedoorSpringTest
class TasklistInChineseBrowserTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired HistoryService history;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(1280, 900);
  final WebDriver browser = chromium.driver();
  final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  final TasklistPage tasklist = new TasklistPage(browser, wait);

  @Test
  void inspectorSignsInToChineseTasklistClaimsAndCompletesTheCheck() throws IOException {
    ProcessInstance instance = engine.getFormService().submitStartForm(
        engine.getRepositoryService().createProcessDefinitionQuery()
            .processDefinitionKey("risk-warning").latestVersion().singleResult().getId(),
        Map.of("uscc", "914403001922038216", "entityName", "浏览器测试商贸有限公司", "department", "market",
            "source", "complaint", "level", "low", "description", "投诉：门店未公示营业执照"));

    browser.get("http://localhost:" + port + "/camunda/app/tasklist/");
    tasklist.waitForText("用户名");
    tasklist.waitForText("任务列表");
    assertThat(((JavascriptExecutor) browser).executeScript("return navigator.language")).isEqualTo("zh-CN");
    screenshot("tasklist-login-zh");

    browser.findElement(By.cssSelector("input[type=text]")).sendKeys("zhangwei");
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    tasklist.waitForText("市场监管局·检查员");
    tasklist.waitForText("我的任务");
    tasklist.clickText("市场监管局·检查员");
    tasklist.clickTaskOf("浏览器测试商贸有限公司", "核查预警");
    WebElement claim = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//*[self::button or self::a][normalize-space(.)='认领']")));
    screenshot("tasklist-task-zh");
    tasklist.click(claim);

    tasklist.waitForText("核查结论");
    tasklist.clickText("预警不实");
    WebElement findings = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//label[contains(normalize-space(.),'核查情况')]/following::textarea[1]")));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", findings);
    findings.sendKeys("到店核实，营业执照已在店堂醒目位置公示。");
    screenshot("tasklist-form-filled-zh");
    tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//button[normalize-space(.)='完成']"))));

    wait.withTimeout(Duration.ofSeconds(30)).until(d ->
        history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).finished().count() == 1);
    screenshot("tasklist-after-complete-zh");
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("CheckWarning").singleResult().getAssignee()).isEqualTo("zhangwei");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("conclusion").singleResult().getValue()).isEqualTo("unfounded");
  }

  private void screenshot(String name) throws IOException {
    org.onedoor.ChineseBrowser.screenshot(browser, name);
  }
}
