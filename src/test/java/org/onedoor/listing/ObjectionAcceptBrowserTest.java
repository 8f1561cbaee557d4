package org.onedoor.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onedoor.BrowserExtension;
import org.onedoor.ChineseBrowser;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TasklistPage;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 受理审查异议 in a Chinese browser (issue 14, defect 5): market's chief chenjing signs in to Tasklist,
 * claims the task and reads the business's objection and its evidence in the form, at 1280 px and on a
 * phone (390 px), then accepts it with a reason. Screenshots go to target/screenshots
 * (listing-objection-*.png); skipped where Chromium is not installed.
 */
@OnedoorSpringTest
@org.springframework.test.context.event.RecordApplicationEvents
class ObjectionAcceptBrowserTest {

  static final String OBJECTION = "企业一直在登记住所正常经营，挂号信因门牌变更被退回";
  static final String EVIDENCE = "房屋租赁合同、门牌变更通知、近三个月水电费单据";

  @LocalServerPort int port;
  @Autowired AutowireCapableBeanFactory beans;
  AbnormalListingProcessTest listing;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(1280, 1000);
  final WebDriver browser = chromium.driver();
  final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  final TasklistPage tasklist = new TasklistPage(browser, wait);

  @BeforeEach
  void setUp() {
    listing = new AbnormalListingProcessTest();
    beans.autowireBean(listing);
    listing.setUp();
  }

  @AfterEach
  void tearDown() {
    if (listing != null) {
      listing.tearDown();
    }
  }

  @Test
  void theChiefReadsTheObjectionAndItsEvidenceInTasklistAndAcceptsIt() throws IOException {
    AbnormalListingProcessTest.clock(2026, 9, 15, 10, 0);
    String name = "异议浏览器测试有限公司" + System.nanoTime() % 10000;
    String uscc = listing.entity("enterprise", name);
    ProcessInstance instance = listing.listThroughTheProcess(uscc, "4");
    long id = listing.listingId(instance);
    AbnormalListingProcessTest.clock(2026, 9, 29, 10, 0);
    listing.filings.fileObjection(id, LocalDate.of(2026, 9, 29), OBJECTION, EVIDENCE, "lina",
        AbnormalListingProcessTest.now());

    browser.get("http://localhost:" + port + "/camunda/app/tasklist/");
    tasklist.waitForText("用户名");
    browser.findElement(By.cssSelector("input[type=text]")).sendKeys("chenjing");
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    tasklist.waitForText("待我认领");
    tasklist.clickText("待我认领");
    tasklist.clickTaskOf(name, "受理审查异议");
    tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//*[self::button or self::a][normalize-space(.)='认领']"))));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//button[normalize-space(.)='完成']")));
    tasklist.waitForText("受理意见");
    wait.until(d -> formText().contains(EVIDENCE));
    assertThat(formText()).contains("异议内容", OBJECTION, "证据材料", EVIDENCE, uscc, name);
    ChineseBrowser.screenshot(browser, "listing-objection-accept-zh");

    browser.manage().window().setSize(new Dimension(390, 844));
    tasklist.waitForText("受理意见");
    assertThat(formText()).contains(OBJECTION, EVIDENCE);
    ChineseBrowser.screenshot(browser, "listing-objection-accept-phone-zh");
    Object overflow = ((JavascriptExecutor) browser).executeScript(
        "var f = document.querySelector('.fjs-container'); return f ? f.scrollWidth - f.clientWidth : -1;");
    assertThat(((Number) overflow).intValue()).as("the form fits the phone's width").isBetween(0, 2);
    browser.manage().window().setSize(new Dimension(1280, 1000));

    tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//label[normalize-space(.)='受理']"))));
    WebElement why = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//label[starts-with(normalize-space(.),'理由')]/following::textarea[1]")));
    tasklist.click(why);
    why.sendKeys("材料齐全，予以受理");
    tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//button[normalize-space(.)='完成']"))));
    wait.until(d -> "VerifyObjection".equals(listing.task(instance) == null ? null
        : listing.task(instance).getTaskDefinitionKey()));
    assertThat(listings().objection(listings().detail(id).objections().get(0).id()).status()).isEqualTo("ACCEPTED");
  }

  private Listings listings() {
    return listing.listings;
  }

  /** The form's text with the values of its fields (read-only text areas show their value, not text). */
  private String formText() {
    return (String) ((JavascriptExecutor) browser).executeScript("""
        var f = document.querySelector('.fjs-container');
        if (!f) { return document.body.innerText; }
        var values = Array.from(f.querySelectorAll('input, textarea')).map(function (e) { return e.value; });
        return f.innerText + '\\n' + values.join('\\n');""");
  }
}
