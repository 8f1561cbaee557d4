package org.onedoor.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.onedoor.BrowserExtension;
import org.onedoor.ChineseBrowser;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.inspection.InspectionFixtures;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An inspector on a phone-sized screen (360 px) opens the evidence page of an inspection, sees the
 * camera input and the limits, uploads a PNG and finds it listed with its SHA-256; then opens the
 * inspection page and finds it in the evidence section. Screenshots in target/screenshots.
 */
@OnedoorSpringTest
class EvidencePageBrowserTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @TempDir Path dir;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(360, 800);
  final WebDriver browser = chromium.driver();
  final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

  @Test
  void anInspectorUploadsAPhotoFromAPhoneAndSeesItListedWithItsSha256() throws Exception {
    String number = InspectionFixtures.open(jdbc, "BR", InspectionFixtures.entity(jdbc, "浏览器证据测试商店"));
    byte[] png = EvidenceControllerTest.png(0x00ff00);
    Path photo = dir.resolve("现场照片.png");
    Files.write(photo, png);

    browser.get("http://zhangwei:demo@localhost:" + port + "/staff/inspections/" + number + "/evidence");
    // headless Chromium starts no narrower than 500 px: resize to a phone's 360 px
    browser.manage().window().setSize(new Dimension(360, 800));
    wait.until(d -> ((Number) js("return window.innerWidth")).intValue() <= 360);
    wait.until(ExpectedConditions.titleContains("证据材料"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("limits"), "不超过 20 MB"));
    assertThat(browser.findElement(By.id("number")).getText()).isEqualTo(number);
    assertThat(browser.findElement(By.xpath("//label[@for='camera']")).getText()).isEqualTo("拍照上传");
    assertThat(browser.findElement(By.id("camera")).getAttribute("accept")).isEqualTo("image/*");
    assertThat(browser.findElement(By.id("camera")).getAttribute("capture")).isEqualTo("environment");
    assertThat(browser.findElement(By.id("empty")).getText()).isEqualTo("尚无证据材料。");
    ChineseBrowser.screenshot(browser, "evidence-empty-360");

    browser.findElement(By.id("file")).sendKeys(photo.toAbsolutePath().toString());
    browser.findElement(By.id("description")).sendKeys("营业执照未公示");
    browser.findElement(By.id("submit")).click();

    wait.until(ExpectedConditions.textToBe(By.id("count"), "1"));
    String sha256 = EvidenceControllerTest.sha256(png);
    var cells = browser.findElements(By.cssSelector("#evidence tbody tr:first-child td"));
    assertThat(cells.get(0).getText()).isEqualTo("现场照片.png");
    assertThat(cells.get(1).getText()).contains("PNG 图片");
    assertThat(cells.get(3).getText()).contains(sha256);
    assertThat(cells.get(4).getText()).contains("zhangwei");
    assertThat(cells.get(6).getText()).contains("营业执照未公示");
    assertThat(browser.findElement(By.id("message")).getText()).contains("已上传", sha256);
    assertThat(browser.findElement(By.id("progress")).getAttribute("value")).isEqualTo("100");
    assertThat(((Number) js("return window.innerWidth")).intValue()).isLessThanOrEqualTo(360);
    assertThat(((Number) js("return document.documentElement.scrollWidth")).intValue())
        .as("no horizontal scrolling at 360 px")
        .isLessThanOrEqualTo(((Number) js("return window.innerWidth")).intValue());
    ChineseBrowser.screenshot(browser, "evidence-uploaded-360");

    browser.findElement(By.id("detail-link")).click();
    wait.until(ExpectedConditions.titleContains("检查 " + number));
    assertThat(browser.findElement(By.id("section-evidence")).getText()).contains("现场照片.png", sha256);
    assertThat(browser.findElement(By.id("departments")).getText()).contains("市场监管局", "张伟 zhangwei");
    assertThat(((Number) js("return document.documentElement.scrollWidth")).intValue())
        .isLessThanOrEqualTo(((Number) js("return window.innerWidth")).intValue());
    ChineseBrowser.screenshot(browser, "inspection-detail-360");
  }

  private Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }
}
