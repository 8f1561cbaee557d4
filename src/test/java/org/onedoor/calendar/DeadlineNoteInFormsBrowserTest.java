package org.onedoor.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onedoor.BrowserExtension;
import org.onedoor.ChineseBrowser;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TasklistPage;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14, item 4: a form that shows a deadline in a year without the State Council notice says
 * so, and says nothing for a year whose notice is in the data. The real 拟定列入决定 form (a read-only
 * text area) and 整改复查 form (a text block) in Tasklist, on probe tasks carrying the variables our
 * listeners set. Skipped where Chromium is not installed.
 */
@OnedoorSpringTest
class DeadlineNoteInFormsBrowserTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired Workdays workdays;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(1280, 900);
  final WebDriver browser = chromium.driver();
  final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  final TasklistPage tasklist = new TasklistPage(browser, wait);
  Deployment deployment;

  @BeforeEach
  void start() {
    var repository = engine.getRepositoryService();
    var builder = repository.createDeployment().name("deadline-note-probe");
    for (String form : new String[] {"listing-draft", "rectification-recheck"}) {
      BpmnModelInstance model = Bpmn.createExecutableProcess("noteProbe-" + form).name("期限说明探针")
          .camundaHistoryTimeToLive(1)
          .startEvent().name("开始")
          .userTask("Show").name("期限说明探针 " + form).camundaCandidateUsers("zhangwei")
          .camundaFormRef(form).camundaFormRefBinding("latest")
          .endEvent().name("结束")
          .done();
      builder.addModelInstance("noteProbe-" + form + ".bpmn", model);
    }
    deployment = builder.deploy();
  }

  @AfterEach
  void stop() {
    if (deployment != null) {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void aDeadlineIn2028IsShownWithTheNoteAndOneIn2026Without() throws IOException {
    String note2028 = workdays.deadlineNote(LocalDate.of(2028, 1, 10));
    assertThat(workdays.deadlineNote(LocalDate.of(2026, 12, 21))).isEmpty();

    Task draft2028 = probe("listing-draft", "2028", Map.of("decisionDeadlineText", "2028年1月10日（北京时间当日 24 时前）",
        "decisionDeadlineNote", note2028));
    Task draft2026 = probe("listing-draft", "2026", Map.of("decisionDeadlineText", "2026年12月21日（北京时间当日 24 时前）",
        "decisionDeadlineNote", ""));
    Task recheck2028 = probe("rectification-recheck", "2028", Map.of("orderDeadline", "2028-01-10", "orderDeadlineNote", note2028));
    Task recheck2026 = probe("rectification-recheck", "2026", Map.of("orderDeadline", "2026-12-21", "orderDeadlineNote", ""));

    browser.get("http://localhost:" + port + "/camunda/app/tasklist/");
    tasklist.waitForText("用户名");
    browser.findElement(By.cssSelector("input[type=text]")).sendKeys("zhangwei");
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    tasklist.waitForText("我的任务");

    open(draft2028);
    wait.until(d -> formText().contains("2028年1月10日"));
    wait.until(d -> formText().contains("期限说明") && formText().contains(note2028));
    ((JavascriptExecutor) browser).executeScript(
        "var e = document.querySelector('[id$=\"decisionDeadlineText\"]'); if (e) { e.scrollIntoView({block: 'start'}); }");
    ChineseBrowser.screenshot(browser, "deadline-note-listing-draft-2028");

    open(draft2026);
    wait.until(d -> formText().contains("2026年12月21日"));
    assertThat(formText()).doesNotContain("期限说明").doesNotContain("国务院放假通知");

    open(recheck2028);
    wait.until(d -> formText().contains("整改期限至 2028-01-10"));
    wait.until(d -> formText().contains("期限说明：" + note2028));
    ChineseBrowser.screenshot(browser, "deadline-note-recheck-2028");

    open(recheck2026);
    wait.until(d -> formText().contains("整改期限至 2026-12-21"));
    assertThat(formText()).doesNotContain("期限说明").doesNotContain("国务院放假通知");
  }

  /** A probe task of this form, named with its deadline's year: waiting for its name waits for it, not for the form's other probe. */
  private Task probe(String form, String year, Map<String, Object> variables) {
    String instance = engine.getRuntimeService().startProcessInstanceByKey("noteProbe-" + form).getId();
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
    task.setName("期限说明探针 " + form + " " + year);
    engine.getTaskService().saveTask(task);
    engine.getTaskService().setVariablesLocal(task.getId(), variables);
    return task;
  }

  /**
   * Loads the task's address afresh, as a person follows a notification's link to it. Not by changing
   * the address's #fragment and reloading: the change alone has the old page ask for the task, and the
   * reload then races those requests (which once left Tasklist at its start-up spinner, see
   * CspNoncePerRequestFilter).
   */
  private void open(Task task) {
    browser.get("about:blank");
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + task.getId());
    tasklist.waitForText(task.getName());
    wait.until(d -> !d.findElements(By.cssSelector(".fjs-container")).isEmpty());
  }

  /** The form's text with the values of its fields (read-only text areas show their value, not text). */
  private String formText() {
    return (String) ((JavascriptExecutor) browser).executeScript("""
        var f = document.querySelector('.fjs-container');
        if (!f) { return ''; }
        var values = Array.from(f.querySelectorAll('input, textarea')).map(function (e) { return e.value; });
        return f.innerText + '\\n' + values.join('\\n');""");
  }
}
