package org.onedoor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onedoor.BrowserExtension;
import org.onedoor.ChineseBrowser;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 17: an inspector signs in on the Welcome page, sees 我的提醒 with her unread count, opens the
 * list, marks one read, and the count on the Welcome page follows — on a desktop (1280 px) and a phone
 * (390 px), nothing wider than the screen. Screenshots: target/screenshots/notifications-welcome-{1280,390}.png
 * and notifications-list-{1280,390}.png.
 */
@OnedoorSpringTest
class NotificationsBrowserTest extends NotificationTestContext {

  @LocalServerPort int port;
  @Autowired TaskNotifications notifications;
  @Autowired TransactionTemplate transactions;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.startedByTest();
  final WebDriver browser = chromium.driver();

  private void assign(String name, String user, Instant now) {
    Task task = standaloneTask(name, now.plusSeconds(3 * 86_400));
    TaskFacts facts = new TaskFacts(task.getId(), name, "Standalone", null, task.getDueDate().toInstant(), user,
        Set.of(), Set.of(), "杭州某某餐饮有限公司", null);
    transactions.executeWithoutResult(s -> notifications.taskAssigned(facts, "admin", now));
  }

  @Test
  void anInspectorSeesHerUnreadCountOnTheWelcomePageAndReadsTheList() throws IOException {
    Instant now = at(LocalDateTime.of(2026, 9, 14, 9, 0));
    for (int width : new int[] {1280, 390}) {
      // an inspector of this test only: her count is exactly what the test gave her
      String inspector = person("browser", "罗萍", "role-inspector");
      assign("核查预警", inspector, now);
      assign("现场检查记录", inspector, now.plusSeconds(60));
      assign("整改复查", inspector, now.plusSeconds(120));
      assign("别人的任务", person("browser", "宋佳", "role-inspector"), now);

      chromium.start(width, 900);
      ChineseBrowser.emulateViewport(browser, width, 900);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      TasklistPage page = new TasklistPage(browser, wait);
      browser.get("http://localhost:" + port + "/camunda/app/welcome/");
      page.waitForText("用户名");
      browser.findElement(By.cssSelector("input[type=text]")).sendKeys(inspector);
      browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
      browser.findElement(By.cssSelector("button[type=submit]")).click();

      WebElement badge = wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("a[href='/staff/notifications'] .onedoor-unread")));
      wait.until(ExpectedConditions.textToBePresentInElement(badge, "3 条未读"));
      assertThat(browser.findElement(By.cssSelector("a[href='/staff/notifications']")).getText())
          .contains("我的提醒", "3 条未读");
      ChineseBrowser.screenshot(browser, "notifications-welcome-" + width);

      // the link, in the same tab: the Welcome page's session reaches the staff page
      browser.get("http://localhost:" + port + "/staff/notifications");
      wait.until(ExpectedConditions.titleContains("我的提醒"));
      assertThat(browser.findElement(By.id("unread-count")).getText()).isEqualTo("3");
      List<WebElement> notes = browser.findElements(By.cssSelector("#notes .note"));
      assertThat(notes).extracting(n -> n.findElement(By.tagName("h3")).getText())
          .containsExactly("分配给您：整改复查", "分配给您：现场检查记录", "分配给您：核查预警");
      assertThat(notes).allSatisfy(n -> assertThat(n.getAttribute("class")).contains("unread"));
      assertThat(notes.get(0).getText()).contains("市场主体：杭州某某餐饮有限公司", "在 Tasklist 中办理");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("prefs")));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ical-status"), "尚未开启日历订阅"));

      page.click(notes.get(0).findElement(By.cssSelector(".mark-read")));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("unread-count"), "2"));
      wait.until(d -> !d.findElements(By.cssSelector("#notes .note")).get(0).getAttribute("class").contains("unread"));
      assertNothingWiderThanTheScreen(width);
      ChineseBrowser.screenshot(browser, "notifications-list-" + width);

      browser.get("http://localhost:" + port + "/camunda/app/welcome/");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector("a[href='/staff/notifications'] .onedoor-unread"), "2 条未读"));
      assertNothingWiderThanTheScreen(width);
    }
  }

  private void assertNothingWiderThanTheScreen(int width) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    assertThat(((Number) js.executeScript("return window.innerWidth;")).intValue()).as("viewport width").isEqualTo(width);
    assertThat(((Number) js.executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).intValue())
        .as("horizontal overflow at " + width + " px").isLessThanOrEqualTo(0);
  }
}
