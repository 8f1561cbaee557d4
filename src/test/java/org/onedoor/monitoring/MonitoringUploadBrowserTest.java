package org.onedoor.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 15 item 3 in the browser: a market inspector signs in to Tasklist, opens 风险预警 in the same tab (the
 * session reaches the page and the upload API), finds 监测数据导入, uploads a CSV of cold-store readings for a drug
 * maker — one reading over the 8 ℃ limit, one with a value that is no number — watches the report reach 完成 with
 * the counts, the rejected row and the warning raised, and after a reload finds the warning at the top of the list
 * and the report still shown. On a desktop (1280 px) and a phone (390 px), nothing wider than the screen.
 * Screenshots: target/screenshots/monitoring-upload-{1280,390}.png and monitoring-upload-reloaded-{1280,390}.png.
 */
@OnedoorSpringTest
class MonitoringUploadBrowserTest {

  /** A day of its own: the list is filtered to it, whatever other tests put in the shared database. */
  static final Instant NOW = MonitoringFixture.at(2026, 6, 22, 10, 0);
  static final String LIST = "/staff/warnings?rule=DP-08&from=2026-06-22&to=2026-06-22";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @TempDir Path dir;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.startedByTest();
  final WebDriver browser = chromium.driver();

  @Test
  void aMarketInspectorUploadsReadingsAndSeesTheReportAndTheNewWarning() throws IOException {
    ClockUtil.setCurrentTime(java.util.Date.from(NOW));
    for (int width : new int[] {1280, 390}) {
      String name = "临江冷链上传测试制药有限公司" + width;
      String maker = MonitoringFixture.drugMaker(jdbc, name);
      Path csv = dir.resolve("冷库温度-" + width + ".csv");
      Files.writeString(csv, "来源,统一社会信用代码,指标,数值,测量时间\r\n"
          + "药品生产在线监测," + maker + ",冷库温度,5.2,2026-06-21 08:00\r\n"
          + "药品生产在线监测," + maker + ",冷库温度,9.4,2026-06-21 20:00\r\n"
          + "药品生产在线监测," + maker + ",冷库温度,很热,2026-06-21 22:00\r\n", StandardCharsets.UTF_8);

      chromium.start(width, 900);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      TasklistPage tasklist = new TasklistPage(browser, wait);
      String base = "http://localhost:" + port;
      tasklist.signIn(base, "zhangwei");
      ChineseBrowser.emulateViewport(browser, width, 900);

      tasklist.load(base + LIST);
      wait.until(ExpectedConditions.titleContains("风险预警"));
      WebElement card = browser.findElement(By.id("monitoring-upload"));
      assertThat(card.findElement(By.tagName("h2")).getText()).isEqualTo("监测数据导入");
      assertThat(card.getText()).contains("药品生产在线监测", "冷库温度（℃）", "CSV 或 XLSX，最大 50 MB、200,000 行");
      assertThat(browser.findElement(By.xpath("//label[@for='upload-charset']")).getText()).isEqualTo("文件编码");
      assertThat(browser.findElements(By.cssSelector("#upload-charset option")))
          .extracting(WebElement::getText).containsExactly("自动识别", "GBK（Excel 中文版另存的 CSV）");
      // the template comes with the Tasklist session: a UTF-8 CSV with a byte order mark
      assertThat(browser.findElement(By.id("upload-template")).getText()).isEqualTo("下载导入模板（CSV）");
      assertThat((String) js("var done = arguments[arguments.length - 1];"
          + "fetch(document.getElementById('upload-template').href).then(function (r) { return r.arrayBuffer(); })"
          + ".then(function (b) { var u = new Uint8Array(b); done(u[0] + ',' + u[1] + ',' + u[2] + ','"
          + " + new TextDecoder().decode(u.slice(3))); }, function (e) { done(String(e)); });", true))
          .startsWith("239,187,191,来源,统一社会信用代码,指标,数值,测量时间"); // WebDriver hands back \r\n as \n

      browser.findElement(By.id("upload-file")).sendKeys(csv.toAbsolutePath().toString());
      tasklist.click(browser.findElement(By.id("upload-submit")));

      wait.until(ExpectedConditions.textToBe(By.id("upload-status"), "完成"));
      assertThat(browser.findElement(By.id("upload-status-line")).getAttribute("role")).isEqualTo("status");
      assertThat(browser.findElement(By.id("upload-summary")).getText())
          .isEqualTo("导入完成：读入 3 行，存入 2 行，重复 0 行，拒绝 1 行，产生风险预警 1 条。");
      assertThat(text("upload-read")).isEqualTo("3 / 3 行");
      assertThat(text("upload-stored")).isEqualTo("2 行");
      assertThat(text("upload-duplicates")).isEqualTo("0 行");
      assertThat(text("upload-rejected")).isEqualTo("1 行");
      assertThat(text("upload-warnings")).isEqualTo("1 条");
      assertThat(browser.findElement(By.id("upload-bar")).getAttribute("value")).isEqualTo("100");
      List<WebElement> rejected = browser.findElements(By.cssSelector("#upload-rejection-rows tr"));
      assertThat(rejected).hasSize(1);
      List<WebElement> cells = rejected.get(0).findElements(By.tagName("td"));
      assertThat(cells).extracting(WebElement::getText).satisfiesExactly(
          row -> assertThat(row).endsWith("4"), // the header is row 1; on a phone the cell shows its column's name
          column -> assertThat(column).endsWith("数值"),
          reason -> assertThat(reason).contains("很热", "不是数值"));
      assertNothingWiderThanTheScreen(width);
      js("document.getElementById('upload-progress').scrollIntoView()", false);
      ChineseBrowser.screenshot(browser, "monitoring-upload-" + width);

      // the list again: the new warning is there, and the report of this tab's upload still shows
      tasklist.click(browser.findElement(By.id("upload-refresh")));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
          "//section[@id='warnings']//tr[contains(., '" + name + "')]")));
      WebElement warning = browser.findElement(By.xpath("//section[@id='warnings']//tr[contains(., '" + name + "')]"));
      assertThat(warning.getText()).contains(maker, "规则 DP-08", "冷库温度超过上限", "高", "待核查");
      wait.until(ExpectedConditions.textToBe(By.id("upload-status"), "完成"));
      assertThat(text("upload-warnings")).isEqualTo("1 条");
      assertNothingWiderThanTheScreen(width);
      ChineseBrowser.screenshot(browser, "monitoring-upload-reloaded-" + width);
    }
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private Object js(String script, boolean async) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    return async ? js.executeAsyncScript(script) : js.executeScript(script);
  }

  private void assertNothingWiderThanTheScreen(int width) {
    assertThat(((Number) js("return window.innerWidth;", false)).intValue()).as("viewport width").isEqualTo(width);
    assertThat(((Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
        false)).intValue()).as("horizontal overflow at " + width + " px").isLessThanOrEqualTo(0);
  }
}
