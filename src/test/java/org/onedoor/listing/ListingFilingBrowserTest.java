package org.onedoor.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Staff register what a business handed in on the abnormal operations list from Tasklist only (issue 14,
 * item 1): signed in to Tasklist, they follow 「打开经营异常案件」 from the case's task into a new tab (the
 * Tasklist session, no Basic prompt), and on the case page register an objection with a PDF (1280 px) or
 * a removal application with a photo (390 px, after the page names a missing field); the filing and its
 * document are listed, the document downloads, and the process moves on to the next task. Screenshots
 * target/screenshots/listing-filing-*.png; skipped where Chromium is not installed.
 */
@OnedoorSpringTest
@org.springframework.test.context.event.RecordApplicationEvents
class ListingFilingBrowserTest {

  @LocalServerPort int port;
  @Autowired AutowireCapableBeanFactory beans;
  AbnormalListingProcessTest listing;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(1280, 1000);
  final WebDriver browser = chromium.driver();
  final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  final TasklistPage tasklist = new TasklistPage(browser, wait);
  Path files;

  @BeforeEach
  void setUp() throws IOException {
    listing = new AbnormalListingProcessTest();
    beans.autowireBean(listing);
    listing.setUp();
    files = Files.createTempDirectory("listing-filing");
  }

  @AfterEach
  void tearDown() {
    if (listing != null) {
      listing.tearDown();
    }
  }

  record Listed(ProcessInstance instance, long id, String name) {}

  /** A ground-4 case listed on 2026-09-15 (R9: the business cannot be contacted); the clock then on 2026-09-29. */
  private Listed listed(String prefix) {
    AbnormalListingProcessTest.clock(2026, 9, 15, 10, 0);
    String name = prefix + System.nanoTime() % 10000;
    ProcessInstance instance = listing.listThroughTheProcess(listing.entity("enterprise", name), "4");
    AbnormalListingProcessTest.clock(2026, 9, 29, 10, 0);
    return new Listed(instance, listing.listingId(instance), name);
  }

  @Test
  void anInspectorRegistersTheBusinesssObjectionWithAPdfFromTheTasksLink() throws IOException {
    Listed c = listed("异议登记浏览器测试有限公司");
    // the business already applied for removal: 核实整改情况 waits for market's inspectors
    listing.filings.applyForRemoval(c.id(), LocalDate.of(2026, 9, 28), "4", "已办理住所变更登记", "zhangwei",
        AbnormalListingProcessTest.now());
    Path pdf = files.resolve("租赁合同.pdf");
    Files.write(pdf, ListingFilingControllerTest.PDF);

    signIn("lina");
    tasklist.clickTaskOf(c.name(), "核实整改情况");
    openCaseFromTheTask(c);
    assertThat(browser.findElement(By.id("uscc")).getText()).hasSize(18);
    assertThat(browser.findElement(By.id("authority")).getText()).isEqualTo("市场监管局");
    assertThat(browser.findElement(By.id("listed-on")).getText()).isEqualTo("2026年9月15日");
    assertThat(browser.findElement(By.id("ground")).getText()).contains("通过登记的住所或者经营场所无法联系");
    wait.until(d -> d.findElement(By.id("letters")).getText().contains("PDF"));
    assertThat(browser.findElement(By.id("removals")).getText()).contains("已办理住所变更登记", "张伟");

    setDate("objection-filed-on", "2026-09-29");
    browser.findElement(By.id("objection-content")).sendKeys("企业一直在登记住所经营，挂号信因门牌变更被退回");
    browser.findElement(By.id("objection-documents")).sendKeys(pdf.toString());
    ChineseBrowser.screenshot(browser, "listing-filing-objection-zh");
    browser.findElement(By.id("objection-submit")).click();
    wait.until(d -> d.findElement(By.id("message")).getText().contains("已登记异议"));
    wait.until(d -> d.findElement(By.id("objections")).getText().contains("租赁合同.pdf"));
    assertThat(browser.findElement(By.id("objections")).getText())
        .contains("挂号信因门牌变更被退回", "已登记，待受理审查", "李娜", "PDF 文档");
    ChineseBrowser.screenshot(browser, "listing-filing-objection-registered-zh");
    // the document downloads with the Tasklist session
    String href = browser.findElement(By.linkText("租赁合同.pdf")).getAttribute("href");
    assertThat(status(href)).isEqualTo(200);

    // the process moved on: 受理审查异议 is the chief's, next to the remedy check
    assertThat(listing.tasks.createTaskQuery().processInstanceId(c.instance().getId()).list())
        .extracting(t -> t.getTaskDefinitionKey()).containsExactlyInAnyOrder("VerifyRemedy", "AcceptObjection");
    assertThat(listing.listings.detail(c.id()).objections()).singleElement()
        .satisfies(o -> assertThat(o.enteredBy()).isEqualTo("lina"));
  }

  @Test
  void theChiefRegistersARemovalApplicationWithAPhotoOnAPhone() throws IOException {
    Listed c = listed("移出登记浏览器测试有限公司");
    // an objection is with the chief: 受理审查异议
    listing.filings.fileObjection(c.id(), LocalDate.of(2026, 9, 28), "挂号信因门牌变更被退回", null, "lina",
        AbnormalListingProcessTest.now());
    Path png = files.resolve("新住所门牌.png");
    Files.write(png, ListingFilingControllerTest.PNG);

    signIn("chenjing");
    tasklist.clickTaskOf(c.name(), "受理审查异议");
    openCaseInThisTab(c);
    browser.manage().window().setSize(new Dimension(390, 844));
    assertThat(new Select(browser.findElement(By.id("removal-reason"))).getFirstSelectedOption().getText())
        .startsWith("4. 已依法办理住所或者经营场所变更登记");

    // without the remedy: refused, the page shows the server's reason naming the field
    setDate("removal-applied-on", "2026-09-29");
    browser.findElement(By.id("removal-documents")).sendKeys(png.toString());
    browser.findElement(By.id("removal-submit")).click();
    wait.until(d -> d.findElement(By.id("message")).isDisplayed()
        && d.findElement(By.id("message")).getText().contains("整改情况："));
    assertThat(listing.listings.detail(c.id()).removals()).isEmpty();

    browser.findElement(By.id("removal-remedy")).sendKeys("已办理住所变更登记，可通过新住所联系");
    browser.findElement(By.id("removal-submit")).click();
    wait.until(d -> d.findElement(By.id("message")).getText().contains("已登记移出申请"));
    wait.until(d -> d.findElement(By.id("removals")).getText().contains("新住所门牌.png"));
    assertThat(browser.findElement(By.id("removals")).getText()).contains("可通过新住所联系", "陈静", "PNG 图片");
    Object overflow = ((JavascriptExecutor) browser).executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(((Number) overflow).intValue()).as("the page fits the phone's width").isLessThanOrEqualTo(0);
    ((JavascriptExecutor) browser).executeScript("document.getElementById('removals').scrollIntoView();");
    ChineseBrowser.screenshot(browser, "listing-filing-removal-phone-zh");

    // the process moved on: 核实整改情况 (ground 4) next to the objection
    assertThat(listing.tasks.createTaskQuery().processInstanceId(c.instance().getId()).list())
        .extracting(t -> t.getTaskDefinitionKey()).containsExactlyInAnyOrder("AcceptObjection", "VerifyRemedy");
  }

  @Test
  void staffFindAListedCaseWithNoOpenTaskOnTheCaseList() throws IOException {
    Listed c = listed("案件列表浏览器测试有限公司");
    assertThat(listing.tasks.createTaskQuery().processInstanceId(c.instance().getId()).count())
        .as("a listed case waits for the business: no task links to it").isZero();

    signIn("lina");
    browser.get("http://localhost:" + port + "/staff/listings");
    wait.until(d -> d.findElement(By.id("summary")).getText().startsWith("共"));
    browser.findElement(By.id("q")).sendKeys(c.name().substring(0, 12).toUpperCase());
    new Select(browser.findElement(By.id("status"))).selectByVisibleText("已列入");
    browser.findElement(By.id("search-submit")).click();
    wait.until(d -> d.findElement(By.id("cases")).getText().contains(c.name()));
    String table = browser.findElement(By.id("cases")).getText();
    assertThat(table).contains("第 " + c.id() + " 号", "已列入", "2026年9月15日", "通过登记的住所或者经营场所无法联系");
    ChineseBrowser.screenshot(browser, "listing-case-list-zh");

    browser.findElement(By.linkText("第 " + c.id() + " 号")).click();
    wait.until(d -> d.findElement(By.id("name")).getText().equals(c.name()));
    assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("已列入");
  }

  private void signIn(String user) {
    tasklist.signIn("http://localhost:" + port, user);
    tasklist.waitForText("待我认领");
    tasklist.clickText("待我认领");
  }

  /** Follows the form's 「打开经营异常案件」 into its new tab and waits for the case. */
  private void openCaseFromTheTask(Listed c) {
    WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//div[contains(@class,'fjs-container')]//a[normalize-space(.)='打开经营异常案件']")));
    assertThat(link.getAttribute("target")).isEqualTo("_blank");
    assertThat(link.getAttribute("href")).endsWith("/staff/listings/" + c.id());
    String tasklistWindow = browser.getWindowHandle();
    tasklist.click(link);
    wait.until(d -> d.getWindowHandles().size() == 2);
    for (String handle : browser.getWindowHandles()) {
      if (!handle.equals(tasklistWindow)) {
        browser.switchTo().window(handle);
      }
    }
    wait.until(d -> d.findElement(By.id("name")).getText().equals(c.name()));
  }

  /** Follows the form's 「打开经营异常案件」 in the same tab (a tab switch stalls Chromium now and then). */
  private void openCaseInThisTab(Listed c) {
    WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//div[contains(@class,'fjs-container')]//a[normalize-space(.)='打开经营异常案件']")));
    assertThat(link.getAttribute("target")).isEqualTo("_blank");
    String href = link.getAttribute("href");
    assertThat(href).endsWith("/staff/listings/" + c.id());
    tasklist.load(href);
    wait.until(d -> d.findElement(By.id("name")).getText().equals(c.name()));
  }

  private void setDate(String id, String isoDate) {
    ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1];",
        id, isoDate);
  }

  private int status(String href) {
    Object status = ((JavascriptExecutor) browser).executeAsyncScript(
        "var done = arguments[arguments.length - 1];"
            + "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { done(r.status); },"
            + " function () { done(-1); });", href);
    return ((Number) status).intValue();
  }
}
