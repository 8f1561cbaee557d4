package org.onedoor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onedoor.BrowserExtension;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TasklistPage;
import org.onedoor.platform.web.BadRequestException;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * form-js 1.8 prints English ("Select", "Add new", an mm/dd/yyyy date picker) and Tasklist shows a
 * refused completion as "Cannot submit task form <id>: field: reason". A demo inspector in a
 * Chinese browser sees Chinese instead (scripts/form-js-zh.js): a form with a select, a date and a
 * dynamic list, deployed by the test, and a listener that refuses the date as ours do. Skipped,
 * with a message saying so, where Chromium is not installed.
 */
@OnedoorSpringTest
class FormsInChineseBrowserTest {

  static final String REASON = "检查日期不能早于计划开始日期";

  /** Refuses a date in 2020, as a service refuses a bad value: a 400 naming the field. */
  public static class RefusesEarlyDates implements TaskListener {
    static volatile Object seen;

    @Override
    public void notify(DelegateTask task) {
      Object date = task.getVariable("visitDate");
      seen = date;
      ProcessValidation.validating(() -> {
        if (date != null && String.valueOf(date).contains("2020")) {
          throw new BadRequestException("visitDate", REASON);
        }
      });
    }
  }

  /** A select and a dynamic list (form-js 1.8 keeps 完成 disabled with a dynamic list: seen, not submitted). */
  static final String LIST_FORM = """
      {
        "id": "words-test-list", "type": "default", "schemaVersion": 16,
        "executionPlatform": "Camunda Platform", "executionPlatformVersion": "7.24.0",
        "components": [
          { "id": "L_dept", "key": "wordsDepartment", "type": "select", "label": "会同部门",
            "values": [ { "label": "市场监管局", "value": "market" }, { "label": "文化和旅游局", "value": "culture" } ] },
          { "id": "L_people", "type": "dynamiclist", "label": "在场人员", "path": "people",
            "isRepeating": true, "allowAddRemove": true, "defaultRepetitions": 1,
            "components": [ { "id": "L_person", "key": "personName", "type": "textfield", "label": "姓名" } ] }
        ]
      }
      """;

  /** A select and a date, completed and refused by the listener. */
  static final String DATE_FORM = """
      {
        "id": "words-test-date", "type": "default", "schemaVersion": 16,
        "executionPlatform": "Camunda Platform", "executionPlatformVersion": "7.24.0",
        "components": [
          { "id": "D_dept", "key": "wordsDepartment", "type": "select", "label": "会同部门",
            "values": [ { "label": "市场监管局", "value": "market" }, { "label": "文化和旅游局", "value": "culture" } ] },
          { "id": "D_date", "key": "visitDate", "type": "datetime", "subtype": "date", "dateLabel": "检查日期" }
        ]
      }
      """;

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(1280, 900);
  final WebDriver browser = chromium.driver();
  final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  final TasklistPage tasklist = new TasklistPage(browser, wait);
  Deployment deployment;

  @BeforeEach
  void start() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("words-test").name("词语测试").camundaHistoryTimeToLive(1)
        .startEvent().name("开始")
        .userTask("WordsList").name("词语测试清单").camundaCandidateUsers("zhangwei")
        .camundaFormRef("words-test-list").camundaFormRefBinding("deployment")
        .userTask("WordsTask").name("词语测试任务").camundaCandidateUsers("zhangwei")
        .camundaFormRef("words-test-date").camundaFormRefBinding("deployment")
        .camundaTaskListenerClass("complete", RefusesEarlyDates.class.getName())
        .endEvent().name("结束")
        .done();
    deployment = engine.getRepositoryService().createDeployment().name("words-test")
        .addModelInstance("words-test.bpmn", model).addString("words-test-list.form", LIST_FORM)
        .addString("words-test-date.form", DATE_FORM).deploy();
  }

  @AfterEach
  void stop() {
    if (deployment != null) {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void formJsSpeaksChineseAndARefusedCompletionShowsOnlyTheReason() throws IOException {
    String instance = engine.getRuntimeService().startProcessInstanceByKey("words-test").getId();
    Task list = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();

    browser.get("http://localhost:" + port + "/camunda/app/tasklist/");
    tasklist.waitForText("用户名");
    browser.findElement(By.cssSelector("input[type=text]")).sendKeys("zhangwei");
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    tasklist.waitForText("我的任务");
    openAndClaim(list);
    tasklist.waitForText("在场人员");
    wait.until(d -> text(".fjs-container").contains("请选择") && text(".fjs-container").contains("新增一项"));
    org.onedoor.ChineseBrowser.screenshot(browser, "forms-zh-select-and-list");
    assertThat(text(".fjs-container")).contains("请选择", "新增一项").doesNotContain("Select", "Add new");
    engine.getTaskService().complete(list.getId());

    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
    openAndClaim(task);
    tasklist.waitForText("检查日期");
    wait.until(d -> text(".fjs-container").contains("请选择"));
    assertThat(text(".fjs-container")).doesNotContain("Select");

    WebElement date = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-datepicker input")));
    wait.until(d -> "年-月-日".equals(date.getAttribute("placeholder")));
    tasklist.click(date);
    WebElement calendar = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flatpickr-calendar")));
    org.onedoor.ChineseBrowser.screenshot(browser, "forms-zh-date-picker");
    String weekdays = calendar.findElement(By.cssSelector(".flatpickr-weekdays")).getText();
    assertThat(weekdays).startsWith("周一").contains("周日").doesNotContain("Sun", "Mon");
    assertThat(calendar.getText()).containsPattern("[一二三四五六七八九十]+月").doesNotContain("January", "December");
    // a day picked in the calendar reads yyyy-mm-dd
    calendar.findElement(By.cssSelector(".flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)")).click();
    wait.until(d -> date.getAttribute("value").matches("\\d{4}-\\d{2}-01"));

    // a date the server refuses: typed as yyyy-mm-dd, the listener sees 2020-01-02 and answers 400
    // form-js re-renders after each change and may drop keys typed meanwhile (seen on a loaded
    // machine): type again until the field holds the whole date, as a person would
    for (int attempt = 0; attempt < 3 && !"2020-01-02".equals(date.getAttribute("value")); attempt++) {
      date.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2020-01-02", Keys.ENTER);
      // leaving the field is what a person does next; the picker parses typed text on blur too
      date.sendKeys(Keys.TAB);
      try {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(3))
            .until(d -> "2020-01-02".equals(date.getAttribute("value")));
      } catch (org.openqa.selenium.TimeoutException e) {
        // typed into a re-render: try again
      }
    }
    assertThat(date.getAttribute("value")).isEqualTo("2020-01-02");
    tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//button[normalize-space(.)='完成']"))));

    WebElement toast = wait.withMessage(() -> "no toast; the listener saw " + RefusesEarlyDates.seen)
        .until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'notification') or contains(@class,'alert')][contains(normalize-space(.),'" + REASON + "')]")));
    org.onedoor.ChineseBrowser.screenshot(browser, "forms-zh-refused");
    assertThat(RefusesEarlyDates.seen).isEqualTo("2020-01-02");
    assertThat(toast.getText()).contains(REASON)
        .doesNotContain("Cannot submit", task.getId(), "visitDate");
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
  }

  private void openAndClaim(Task task) {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + task.getId());
    tasklist.waitForText(task.getName());
    tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//*[self::button or self::a][normalize-space(.)='认领']"))));
  }

  private String text(String css) {
    return (String) ((JavascriptExecutor) browser).executeScript(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText).join('\\n')", css);
  }
}
