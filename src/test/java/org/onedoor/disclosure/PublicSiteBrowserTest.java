package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onedoor.BrowserExtension;
import org.onedoor.ChineseBrowser;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.catalog.CatalogService;
import org.onedoor.plan.PlanService;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A member of the public in headless Chromium (zh-CN), at 360 px and at 1280 px: opens the home page,
 * searches a business by the beginning of its name, opens it, opens one of its result notices.
 * Nothing horizontal scrolls at 360 px. Screenshots in target/screenshots (public-*-360.png, -1280.png).
 */
@OnedoorSpringTest
class PublicSiteBrowserTest {

  @LocalServerPort int port;
  @Autowired PlanService plans;
  @Autowired CatalogService catalog;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate tx;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.startedByTest();
  final WebDriver browser = chromium.driver();

  @Test
  void aPhoneAndADesktopSearchABusinessAndOpenItsResult() throws IOException {
    PublicFixture f = new PublicFixture(plans, catalog, events, tx);
    Instant at = Instant.parse("2026-12-02T02:00:00Z");
    String plan = f.publishedPlan("2026年餐饮行业双随机联合抽查计划", at);
    String uscc = PublicFixture.uscc("9133010041");
    String name = "临江市浏览器测试" + PublicFixture.SEQUENCE.incrementAndGet() + "餐饮有限公司";
    f.drawn(plan, at, uscc);
    f.publish(f.result(plan, uscc, name, "market", "E", "发现问题经责令已改正", "已当场整改完毕", false,
        LocalDate.of(2026, 12, 3), at));
    f.publish(f.result(plan, uscc, name, "fire", "1", "未发现问题", null, false, LocalDate.of(2026, 12, 3), at));

    for (int width : new int[] {360, 1280}) {
      chromium.start(width, 900);
      ChineseBrowser.emulateViewport(browser, width, 900);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      browser.get("http://localhost:" + port + "/public");
      wait.until(ExpectedConditions.titleContains("首页"));
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("双随机、一公开 信息公示");
      assertThat(browser.findElement(By.cssSelector("label[for=q]")).getText()).isEqualTo("企业名称或统一社会信用代码");
      assertNoHorizontalScroll(width);
      ChineseBrowser.screenshot(browser, "public-home-" + width);

      browser.findElement(By.id("q")).sendKeys(name.substring(0, name.length() - 4));
      browser.findElement(By.cssSelector("form.search button")).click();
      wait.until(ExpectedConditions.titleContains("查询结果"));
      assertNoHorizontalScroll(width);
      ChineseBrowser.screenshot(browser, "public-search-" + width);

      browser.findElement(By.linkText(name)).click();
      wait.until(ExpectedConditions.titleContains(name));
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(name);
      assertThat(browser.findElement(By.tagName("main")).getText()).contains(uscc, "发现问题经责令已改正", "未发现问题",
          "市场监管局", "消防救援支队");
      assertNoHorizontalScroll(width);
      ChineseBrowser.screenshot(browser, "public-entity-" + width);

      browser.findElements(By.cssSelector("article.card h3 a")).get(0).click();
      wait.until(ExpectedConditions.titleContains("检查结果公示"));
      assertThat(browser.findElement(By.tagName("main")).getText()).contains("原始公示", uscc);
      assertNoHorizontalScroll(width);
      ChineseBrowser.screenshot(browser, "public-result-" + width);
    }
  }

  @Test
  void onAPhoneThePlanItemsShowTheirLegalBasisAndCheckMethods() throws IOException {
    PublicFixture f = new PublicFixture(plans, catalog, events, tx);
    String plan = f.publishedPlan("2026年抽查事项窄屏测试计划", Instant.parse("2026-12-02T02:00:00Z"));
    chromium.start(390, 900);
    ChineseBrowser.emulateViewport(browser, 390, 900);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get("http://localhost:" + port + "/public/plans/" + plan);
    wait.until(ExpectedConditions.titleContains("窄屏测试计划"));
    ChineseBrowser.screenshot(browser, "public-plan-items-390");
    assertNoHorizontalScroll(390);
    for (org.openqa.selenium.WebElement basis : browser.findElements(By.cssSelector("td[data-label=抽查依据]"))) {
      assertThat(basis.isDisplayed()).isTrue();
      assertThat(basis.getText()).contains("《");
      Number right = (Number) ((JavascriptExecutor) browser).executeScript(
          "return arguments[0].getBoundingClientRect().right;", basis);
      assertThat(right.doubleValue()).as("抽查依据 inside the screen").isLessThanOrEqualTo(390);
    }
    assertThat(browser.findElement(By.cssSelector("div.stack")).getText()).contains("现场检查、书面检查")
        .doesNotContain("on-site");
  }

  private void assertNoHorizontalScroll(int width) {
    Object viewport = ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
    assertThat(((Number) viewport).intValue()).as("viewport width").isEqualTo(width);
    Object scroll = ((JavascriptExecutor) browser).executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(((Number) scroll).intValue()).as("horizontal overflow at " + width + " px").isLessThanOrEqualTo(0);
  }
}
