package org.onedoor.platform.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onedoor.BrowserExtension;
import org.onedoor.ChineseBrowser;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TasklistPage;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14, item 3: the administrator finds a task routed to an empty group in Cockpit, on the
 * process instance's incidents, with the Chinese message naming the task and the group. Skipped
 * where Chromium is not installed.
 */
@OnedoorSpringTest
class EmptyCandidateGroupCockpitBrowserTest {

  static final String PROCESS = "emptyGroupCockpitProbe";
  static final String GROUP = "probe-cockpit-empty-reviewers";
  static final String GROUP_NAME = "探针空组审核员";

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired IdentityService identity;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(1280, 900);
  final WebDriver browser = chromium.driver();
  String deploymentId;

  @BeforeEach
  void setUp() {
    Group group = identity.newGroup(GROUP);
    group.setName(GROUP_NAME);
    group.setType("ROLE");
    identity.saveGroup(group);
    deploymentId = repository.createDeployment().addModelInstance("emptyGroupCockpitProbe.bpmn",
        Bpmn.createExecutableProcess(PROCESS).name("空候选组探针（Cockpit）").camundaHistoryTimeToLive(1)
            .startEvent().name("开始")
            .userTask("Review").name("审核探针材料").camundaCandidateGroups(GROUP)
            .endEvent().name("结束")
            .done()).deploy().getId();
  }

  @AfterEach
  void tearDown() {
    if (deploymentId != null) {
      repository.deleteDeployment(deploymentId, true);
    }
    identity.deleteGroup(GROUP);
  }

  @Test
  void theAdministratorSeesTheTaskRoutedToAnEmptyGroupAsAnIncidentOfItsInstanceInCockpit() throws IOException {
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS, "probe-cockpit-1");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    TasklistPage page = new TasklistPage(browser, wait);

    browser.get("http://localhost:" + port + "/camunda/app/cockpit/");
    page.waitForText("用户名");
    browser.findElement(By.cssSelector("input[type=text]")).sendKeys("admin");
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(d -> !d.findElements(By.cssSelector("[cam-widget-header]")).isEmpty()
        && d.findElements(By.cssSelector("input[type=password]")).isEmpty());

    browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/process-instance/" + instance.getId()
        + "/runtime?tab=incidents-tab");
    page.waitForText(GROUP_NAME);
    String text = browser.findElement(By.tagName("body")).getText();
    assertThat(text).contains("emptyCandidateGroup", "审核探针材料", "“" + GROUP_NAME + "”没有可登录的成员");
    ChineseBrowser.screenshot(browser, "empty-group-incident-in-cockpit");
  }
}
