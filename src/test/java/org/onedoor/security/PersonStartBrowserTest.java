package org.onedoor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onedoor.BrowserExtension;
import org.onedoor.ChineseBrowser;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TasklistPage;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With the engine API guard on, a chief still starts a people's process from Tasklist's start form
 * (发起流程 → 风险预警核查): the form submits only what it declares, the warning is registered in her
 * name. Skipped where Chromium is not installed.
 */
@OnedoorSpringTest
class PersonStartBrowserTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(1280, 900);
  final WebDriver browser = chromium.driver();
  final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  final TasklistPage tasklist = new TasklistPage(browser, wait);

  @Test
  void aChiefStartsARiskWarningFromTasklistsStartForm() throws IOException {
    String entity = "浏览器发起预警测试商行";
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/");
    tasklist.waitForText("用户名");
    browser.findElement(By.cssSelector("input[type=text]")).sendKeys("chenjing");
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    tasklist.waitForText("我的任务");

    tasklist.clickText("发起流程");
    tasklist.clickText("风险预警核查");
    type("统一社会信用代码", "input", "914403001922038216");
    type("市场主体名称", "input", entity);
    choose("核查部门", "市场监管局");
    tasklist.clickText("投诉举报");
    tasklist.clickText("中");
    type("预警内容", "textarea", "投诉：门店无证经营");
    ChineseBrowser.screenshot(browser, "person-start-form-filled");
    tasklist.click(wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//div[contains(@class,'modal')]//button[normalize-space(.)='发起']"))));

    wait.until(d -> jdbc.sql("SELECT COUNT(*) FROM credit_risk_warning WHERE entity_name = :n").param("n", entity)
        .query(Long.class).single() == 1);
    assertThat(jdbc.sql("SELECT received_by FROM credit_risk_warning WHERE entity_name = :n").param("n", entity)
        .query(String.class).single()).isEqualTo("chenjing");
  }

  private void type(String label, String element, String text) {
    WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//label[starts-with(normalize-space(.),'" + label + "')]/following::" + element + "[1]")));
    input.sendKeys(text);
  }

  /** A form-js select: open it under its label, pick the option. */
  private void choose(String label, String option) {
    WebElement field = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//label[starts-with(normalize-space(.),'" + label + "')]/ancestor::div[contains(@class,'fjs-form-field')][1]")));
    WebElement display = field.findElement(By.xpath(".//*[contains(@class,'fjs-select-display') or self::input]"));
    tasklist.click(display);
    tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//*[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)='" + option + "']"))));
  }
}
