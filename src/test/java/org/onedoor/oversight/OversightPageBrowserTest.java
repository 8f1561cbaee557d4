package org.onedoor.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onedoor.BrowserExtension;
import org.onedoor.ChineseBrowser;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.inspection.ResultApproved;
import org.onedoor.plan.PlanLifecycle;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A manager opens the supervision dashboard on a phone (360 px) and on a desktop (1280 px): the Chinese
 * headings, the figures with their targets, the warning charts of a year without warnings (they say so,
 * no zero bars), nothing wider than the screen. Screenshots in
 * target/screenshots (oversight-360.png, oversight-1280.png).
 */
@OnedoorSpringTest
class OversightPageBrowserTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate tx;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.startedByTest();
  final WebDriver browser = chromium.driver();

  @Test
  void aManagerReadsTheDashboardOnAPhoneAndOnADesktop() throws IOException {
    OversightFixture fixture = new OversightFixture(jdbc);
    String shop = fixture.entity("浏览器监管指标测试商店");
    String plan = fixture.plan(2047, PlanLifecycle.DRAWN, List.of("market", "culture", "fire"));
    fixture.drawn(plan, 2047, shop);
    fixture.inspection(plan, shop, Instant.parse("2047-03-10T02:00:00Z"), true, List.of("market", "culture", "fire"));
    tx.executeWithoutResult(s -> events.publishEvent(new ResultApproved(plan, "监管指标测试计划", OversightFixture.number("OVT"),
        "监管指标测试任务", "不定向抽查", "market", "市场监管局", "浏览器监管指标测试商店", shop, LocalDate.of(2047, 1, 4),
        "1", "未发现问题", null, false, Instant.parse("2047-03-12T02:00:00Z"))));

    for (int width : new int[] {360, 1280}) {
      chromium.start(width, 900);
      ChineseBrowser.emulateViewport(browser, width, 900);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      browser.get("http://wangfang:demo@localhost:" + port + "/staff/oversight?year=2047");
      wait.until(ExpectedConditions.titleContains("监管工作指标"));
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("监管工作指标");
      assertThat(browser.findElements(By.tagName("h2"))).extracting(WebDriver -> WebDriver.getText())
          .contains("主要指标", "各部门指标", "风险预警与定向检查", "按月风险预警与定向检查", "按月按时公示率", "指标口径");
      assertThat(browser.findElement(By.id("scope")).getText()).contains("2047 年", "全部部门");
      assertThat(browser.findElement(By.id("figure-joint-share")).getText())
          .contains("联合检查占比", "100.0%", "联合检查 1 / 开启的检查 1", "达标");
      assertThat(browser.findElement(By.id("figure-on-time")).getText()).contains("按时公示率", "0.0%", "未达标");
      assertThat(browser.findElement(By.id("figure-plan-completion")).getText()).contains("100.0%");
      assertThat(browser.findElement(By.id("figure-visits-saved")).getText()).contains("2");
      assertThat(browser.findElement(By.id("figure-follow-up")).getText()).contains("无数据");
      assertThat(browser.findElement(By.id("department-culture")).getText()).contains("文化和旅游局");
      assertThat(browser.findElement(By.id("department-culture")).isDisplayed()).isTrue();
      assertThat(browser.findElement(By.id("months")).getText()).contains("2047-03", "2047-01", "无数据");
      // a year without risk warnings: the warning charts say so instead of drawing zero rates
      wait.until(b -> b.findElement(By.id("dashboard")).getAttribute("data-charts") != null);
      assertThat(browser.findElement(By.id("dashboard")).getAttribute("data-charts")).isEqualTo("drawn");
      assertThat(browser.findElement(By.id("chart-warnings")).getAttribute("aria-label"))
          .contains("2047 年各部门风险预警条形图", "本年度没有收到风险预警");
      assertThat(browser.findElement(By.id("chart-warnings")).getText()).contains("2047 年没有收到风险预警");
      assertThat(browser.findElement(By.id("chart-warning-months")).getAttribute("aria-label"))
          .contains("全年收到预警 0 件，开启定向检查 0 次");
      assertThat(browser.findElement(By.id("warnings-culture")).getText()).contains("文化和旅游局", "无数据");
      assertNothingWiderThanTheScreen(width);
      ChineseBrowser.screenshot(browser, "oversight-" + width);
    }
  }

  private void assertNothingWiderThanTheScreen(int width) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    assertThat(((Number) js.executeScript("return window.innerWidth;")).intValue()).as("viewport width").isEqualTo(width);
    assertThat(((Number) js.executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).intValue())
        .as("horizontal overflow at " + width + " px").isLessThanOrEqualTo(0);
    Object wide = js.executeScript("return Array.from(document.querySelectorAll('body *'))"
        + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)"
        + ".map(e => e.tagName + (e.id ? '#' + e.id : '')).slice(0, 5);");
    assertThat((List<?>) wide).as("elements wider than the screen at " + width + " px").isEmpty();
  }
}
