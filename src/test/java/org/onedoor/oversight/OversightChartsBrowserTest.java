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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A manager (王芳, wangfang) reads the supervision dashboard's charts on a desktop (1280 px) and on a
 * phone (390 px): ECharts, loaded from the application's webjar (no other origin), draws the monthly
 * on-time publication as a line with its target, the departments as bars, the departments' risk-warning
 * rates as bars (only departments that received warnings) and the warnings and targeted inspections per
 * month, from the JSON API; each chart is an image with a summary of its data and links to its table.
 * Screenshots in target/screenshots (oversight-charts-1280.png, oversight-charts-390.png).
 */
@OnedoorSpringTest
class OversightChartsBrowserTest {

  private static final int YEAR = 2049;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate tx;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.startedByTest();
  final WebDriver browser = chromium.driver();

  @Test
  void aManagerSeesTheMonthlyLineAndTheDepartmentBarsBesideTheirTablesOnADesktopAndAPhone() throws IOException {
    OversightFixture fixture = new OversightFixture(jdbc);
    String shop = fixture.entity("图表监管指标测试商店");
    String plan = fixture.plan(YEAR, PlanLifecycle.DRAWN, List.of("market", "culture", "fire"));
    fixture.drawn(plan, YEAR, shop);
    fixture.inspection(plan, shop, Instant.parse("2049-03-10T02:00:00Z"), true, List.of("market", "culture", "fire"));
    // February: published two days after the result (on time); March: two months after (late)
    publish("market", "市场监管局", shop, LocalDate.of(YEAR, 2, 1), Instant.parse("2049-02-03T02:00:00Z"));
    publish("fire", "消防救援支队", shop, LocalDate.of(YEAR, 1, 4), Instant.parse("2049-03-12T02:00:00Z"));
    // the risk-warning loop, every warning checked (figures independent of today): market's two in March, one
    // on time and confirmed (its targeted inspection opened in March), one late and unfounded; culture's one in
    // April on time and handled; the other departments received none
    fixture.warning("market", "2049-03-01T02:00:00Z", "2049-03-08T02:00:00Z", "2049-03-05T02:00:00Z", "targeted",
        "DX2049-0001");
    fixture.warning("market", "2049-03-02T02:00:00Z", "2049-03-09T02:00:00Z", "2049-03-12T02:00:00Z", "unfounded", null);
    fixture.warning("culture", "2049-04-01T02:00:00Z", "2049-04-08T02:00:00Z", "2049-04-03T02:00:00Z", "handled", null);
    fixture.targetedInspection(shop, Instant.parse("2049-03-09T02:00:00Z"), "market");

    for (int width : new int[] {1280, 390}) {
      chromium.start(width, 900);
      ChineseBrowser.emulateViewport(browser, width, 900);
      browser.get("http://wangfang:demo@localhost:" + port + "/staff/oversight?year=" + YEAR);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      wait.until(b -> b.findElement(By.id("dashboard")).getAttribute("data-charts") != null);
      assertThat(browser.findElement(By.id("dashboard")).getAttribute("data-charts")).as("charts drawn from the API")
          .isEqualTo("drawn");

      WebElement months = browser.findElement(By.id("chart-months"));
      assertDrawn(months, width);
      assertThat(months.getAttribute("role")).isEqualTo("img");
      assertThat(months.getAttribute("aria-label"))
          .contains("2049 年按月按时公示率折线图", "目标 100%", "2月 100.0%", "3月 0.0%", "其余月份无数据");
      assertThat(seriesStrokes(months)).as("the on-time line and the dashed target line")
          .contains("#b71c1c", "#52606d");
      assertThat(describedBy(months)).contains("虚线为目标 100%");
      assertThat(browser.findElement(By.cssSelector("#chart-months-note a")).getAttribute("href")).endsWith("#months-table");
      List<WebElement> monthRows = browser.findElements(By.cssSelector("#months-table tbody tr"));
      assertThat(monthRows).hasSize(12);
      assertThat(monthRows.get(1).getText()).contains("2049-02", "100.0%（1 / 1）", "达标");
      assertThat(monthRows.get(2).getText()).contains("2049-03", "0.0%（0 / 1）", "未达标");
      assertThat(browser.findElement(By.cssSelector("#months-table caption a")).getAttribute("href"))
          .endsWith("#chart-months");

      WebElement departments = browser.findElement(By.id("chart-departments"));
      assertDrawn(departments, width);
      assertThat(departments.getAttribute("role")).isEqualTo("img");
      assertThat(departments.getAttribute("aria-label"))
          .contains("各部门指标条形图", "文化和旅游局 计划完成率 100.0%", "联合检查占比 100.0%", "市场监管局", "按时公示率 100.0%");
      assertThat(barFills(departments)).as("bars of the four rates")
          .contains("#b71c1c", "#1565c0", "#ef6c00");
      assertThat(browser.findElement(By.cssSelector("#chart-departments-note a")).getAttribute("href"))
          .endsWith("#departments-table");
      assertThat(browser.findElements(By.cssSelector("#departments-table tbody tr"))).hasSize(7);
      assertThat(browser.findElement(By.id("department-culture")).getText()).contains("文化和旅游局", "100.0%（1 / 1）");

      WebElement warnings = browser.findElement(By.id("chart-warnings"));
      assertDrawn(warnings, width);
      assertThat(warnings.getAttribute("role")).isEqualTo("img");
      assertThat(warnings.getAttribute("aria-label")).contains("2049 年各部门风险预警条形图",
          "市场监管局 收到预警 2 件，按期核查率 50.0%、转定向检查 50.0%、预警属实率 50.0%，定向检查 1 次",
          "文化和旅游局 收到预警 1 件，按期核查率 100.0%、转定向检查 0.0%、预警属实率 100.0%",
          "其余 5 个部门没有收到预警，不画");
      assertThat(barFills(warnings)).as("bars of the three rates").contains("#b71c1c", "#1565c0", "#2e7d32");
      assertThat(barSizes(warnings, "#1565c0")).as("转定向检查: legend, market's 50 % and culture's 0 % as a thin bar")
          .hasSize(3).allSatisfy(size -> assertThat(((Number) size).doubleValue()).isGreaterThanOrEqualTo(1.5));
      assertThat(svgText(warnings)).as("only departments with warnings, each with its count")
          .contains("市场监管局", "预警 2 件", "文化和旅游局", "预警 1 件", "按期核查率", "预警属实率")
          .doesNotContain("消防救援支队", "公安局");
      assertThat(describedBy(warnings)).contains("没有预警的部门不画");
      assertThat(browser.findElement(By.cssSelector("#chart-warnings-note a")).getAttribute("href"))
          .endsWith("#warnings-table");
      assertThat(browser.findElement(By.cssSelector("#warnings-table caption a")).getAttribute("href"))
          .endsWith("#chart-warnings");
      assertThat(browser.findElement(By.id("warnings-market")).getText()).contains("市场监管局", "50.0%（1 / 2）");
      // before the width check below: on a phone the tooltip once widened the page (see oversight.css)
      assertThat(tooltip(warnings, "#b71c1c")).as("pointing at culture's 100 % bar: each rate with its fraction")
          .contains("文化和旅游局", "收到预警 1 件，定向检查 0 次", "按期核查率 100.0%（1 / 1）", "转定向检查 0.0%（0 / 1）");

      WebElement warningMonths = browser.findElement(By.id("chart-warning-months"));
      assertDrawn(warningMonths, width);
      assertThat(warningMonths.getAttribute("aria-label")).contains("2049 年按月风险预警与定向检查柱状图",
          "全年收到预警 3 件，开启定向检查 1 次", "3月 预警 2 件、定向检查 1 次", "4月 预警 1 件、定向检查 0 次",
          "其余月份均为 0");
      assertThat(barFills(warningMonths)).as("warnings and targeted inspections").contains("#b71c1c", "#1565c0");
      List<WebElement> warningMonthRows = browser.findElements(By.cssSelector("#warning-months-table tbody tr"));
      assertThat(warningMonthRows).hasSize(12);
      assertThat(warningMonthRows.get(2).findElements(By.tagName("td"))).extracting(WebElement::getText)
          .containsExactly("2049-03", "2", "1");
      assertThat(browser.findElement(By.cssSelector("#warning-months-table caption a")).getAttribute("href"))
          .endsWith("#chart-warning-months");

      assertScriptsOnlyFromTheApplication();
      assertNothingWiderThanTheScreen(width);
      wholePageRedrawn(width, wait);
      assertDrawn(browser.findElement(By.id("chart-months")), width);
      ChineseBrowser.screenshot(browser, "oversight-charts-" + width);
    }
  }

  /**
   * Makes the viewport as tall as the page (the screenshot shows every chart): a window resize, after
   * which the charts draw themselves again.
   */
  private void wholePageRedrawn(int width, WebDriverWait wait) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript("document.getElementById('dashboard').setAttribute('data-charts', 'resizing');");
    int height = ((Number) js.executeScript("return document.documentElement.scrollHeight;")).intValue();
    ChineseBrowser.emulateViewport(browser, width, height);
    wait.until(b -> "drawn".equals(b.findElement(By.id("dashboard")).getAttribute("data-charts")));
  }

  private void publish(String department, String authority, String uscc, LocalDate completedOn, Instant at) {
    ResultApproved event = new ResultApproved(OversightFixture.number("OVC"), "监管指标测试计划",
        OversightFixture.number("OVT"), "监管指标测试任务", "不定向抽查", department, authority, "图表监管指标测试商店", uscc,
        completedOn, "1", "未发现问题", null, false, at);
    tx.executeWithoutResult(s -> events.publishEvent(event));
  }

  /** ECharts' SVG renderer drew into the chart: an svg of non-zero size, within the chart and the screen. */
  private void assertDrawn(WebElement chart, int width) {
    WebElement svg = chart.findElement(By.tagName("svg"));
    assertThat(svg.getSize().getWidth()).as(chart.getAttribute("id") + " width").isGreaterThan(200)
        .isLessThanOrEqualTo(width);
    assertThat(svg.getSize().getHeight()).as(chart.getAttribute("id") + " height").isGreaterThan(200);
    assertThat(chart.findElements(By.cssSelector("svg path"))).as(chart.getAttribute("id") + " paths").hasSizeGreaterThan(5);
    assertThat(chart.findElements(By.cssSelector("svg text"))).as(chart.getAttribute("id") + " labels").isNotEmpty();
  }

  @SuppressWarnings("unchecked")
  private List<Object> seriesStrokes(WebElement chart) {
    return (List<Object>) ((JavascriptExecutor) browser).executeScript("return Array.from(arguments[0]"
        + ".querySelectorAll('svg path[stroke]')).filter(p => p.getAttribute('fill') === 'none')"
        + ".map(p => p.getAttribute('stroke').toLowerCase());", chart);
  }

  @SuppressWarnings("unchecked")
  private List<Object> barFills(WebElement chart) {
    return (List<Object>) ((JavascriptExecutor) browser).executeScript("return Array.from(arguments[0]"
        + ".querySelectorAll('svg path[fill]')).map(p => p.getAttribute('fill').toLowerCase());", chart);
  }

  /**
   * Points at the middle of the chart's largest bar of {@code color} (as a finger or mouse would: ECharts is
   * given the point, not the data index) and returns the tooltip's text.
   */
  private String tooltip(WebElement chart, String color) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript("const chart = arguments[0]; const box = chart.getBoundingClientRect();"
        + "const bar = Array.from(chart.querySelectorAll('svg path[fill]'))"
        + ".filter(p => p.getAttribute('fill').toLowerCase() === arguments[1]).map(p => p.getBoundingClientRect())"
        + ".sort((a, b) => b.width * b.height - a.width * a.height)[0];"
        + "echarts.getInstanceByDom(chart).dispatchAction({ type: 'showTip',"
        + " x: bar.left + bar.width / 2 - box.left, y: bar.top + bar.height / 2 - box.top });", chart, color);
    return (String) new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> js.executeScript(
        "const tips = Array.from(arguments[0].querySelectorAll('div')).filter(d => d.innerText.includes('收到预警'));"
        + "return tips.length ? tips[tips.length - 1].innerText : null;", chart));
  }

  /** The smaller side of every shape filled with {@code color}: a drawn bar is at least a thin line. */
  @SuppressWarnings("unchecked")
  private List<Object> barSizes(WebElement chart, String color) {
    return (List<Object>) ((JavascriptExecutor) browser).executeScript("return Array.from(arguments[0]"
        + ".querySelectorAll('svg path[fill]')).filter(p => p.getAttribute('fill').toLowerCase() === arguments[1])"
        + ".map(p => { const b = p.getBBox(); return Math.min(b.width, b.height); });", chart, color);
  }

  /** The chart's texts run together: a label the chart wraps (a long department name) reads whole. */
  private String svgText(WebElement chart) {
    return (String) ((JavascriptExecutor) browser).executeScript("return Array.from(arguments[0]"
        + ".querySelectorAll('svg text')).map(t => t.textContent).join('');", chart);
  }

  private String describedBy(WebElement chart) {
    return browser.findElement(By.id(chart.getAttribute("aria-describedby"))).getText();
  }

  private void assertScriptsOnlyFromTheApplication() {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    @SuppressWarnings("unchecked")
    List<Object> scripts = (List<Object>) js.executeScript(
        "return Array.from(document.scripts).map(s => s.src ? new URL(s.src).pathname + '@' + new URL(s.src).host : 'inline');");
    assertThat(scripts).containsExactly("/webjars/echarts/5.3.1/dist/echarts.min.js@localhost:" + port,
        "/staff/oversight/charts.js@localhost:" + port);
    assertThat(js.executeScript("return typeof echarts === 'object' && echarts.version;")).isEqualTo("5.3.1");
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
