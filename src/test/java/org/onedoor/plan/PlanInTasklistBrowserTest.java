package org.onedoor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onedoor.BrowserExtension;
import org.onedoor.ChineseBrowser;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TasklistPage;
import org.onedoor.TestClock;
import org.onedoor.catalog.Catalog.ItemDraft;
import org.onedoor.catalog.Catalog.SubItemDraft;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.catalog.CatalogService;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A two-department sampling plan taken from draft to publication by people in the Chinese Tasklist
 * (1280 px, the start, review and revise forms also checked at 390 px), no REST and no administrator: chenjing starts it with the start form, returns it in
 * 科长审核 with a reason, revises it in 修改计划 seeing that reason, and approves it; wuhao's 部门会签
 * opens with an empty decision and the lead chief's review, and he signs it off. Skipped where
 * Chromium is not installed.
 */
@OnedoorSpringTest
class PlanInTasklistBrowserTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @LocalServerPort int port;
  @Autowired PlanService plans;
  @Autowired CatalogService catalog;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(1280, 1000);
  final WebDriver browser = chromium.driver();
  final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  final TasklistPage tasklist = new TasklistPage(browser, wait);

  @BeforeEach
  void setUp() {
    // a plan of December 2026, drafted on 1 September 2026 whatever today is
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2026, 9, 1, 10, 0).atZone(SHANGHAI).toInstant()));
    if (catalog.latestPublished().isEmpty() || catalog.departmentsOf(catalog.latestPublished().get().versionNo(),
        List.of("SP-M1", "SP-C1", "SP-F1")).size() < 3) {
      Version draft = catalog.versions().stream().filter(v -> !v.isPublished()).findFirst()
          .orElseGet(() -> catalog.createDraft("admin", "sampling-plan test", TestClock.now()));
      item(draft.versionNo(), "SP-M1", "market");
      item(draft.versionNo(), "SP-C1", "culture");
      item(draft.versionNo(), "SP-F1", "fire");
      catalog.publish(draft.versionNo(), "admin", TestClock.now());
    }
  }

  void item(int version, String code, String department) {
    catalog.putItem(version, code, new ItemDraft("QD-SP-" + department, "计划流程测试", code + " 检查", department,
        "测试依据", "一般", List.of("现场检查"), List.of(new SubItemDraft(code + "-01", "子项", List.of("内容")))));
  }

  @AfterEach
  void tearDown() {
    TestClock.reset();
  }

  @Test
  void aChiefDraftsReturnsRevisesAndApprovesATwoDepartmentPlanAndTheOtherChiefSignsItOff() throws IOException {
    String number = "BT-" + System.nanoTime() % 1_000_000_000L;

    // 发起流程 → 双随机抽查计划
    signIn("chenjing");
    tasklist.clickText("发起流程");
    tasklist.clickText("双随机抽查计划");
    type("计划编号", "input", number);
    type("计划名称", "input", "市场与文化联合抽查");
    type("年度", "input", "2026");
    choose("牵头部门", "市场监管局");
    type("市场监管局 抽查事项编码", "input", "SP-M1");
    type("文化和旅游局 抽查事项编码", "input", "SP-C1");
    setDate("第一批次开始日期", LocalDate.of(2026, 12, 1));
    setDate("第一批次结束日期", LocalDate.of(2026, 12, 31));
    setDate("抽取日期", LocalDate.of(2026, 12, 1));
    ChineseBrowser.screenshot(browser, "plan-start-form-filled");
    tasklist.fitsAPhone("plan-start-form-phone", "//div[contains(@class,'modal')]//button[normalize-space(.)='发起']");
    WebElement start = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//div[contains(@class,'modal')]//button[normalize-space(.)='发起']")));
    wait.until(d -> start.isEnabled());
    tasklist.click(start);
    wait.until(d -> plans.find(number).isPresent());
    assertThat(plans.get(number).departments()).extracting(Plans.DepartmentItems::department)
        .containsExactly("market", "culture");
    assertThat(plans.get(number).createdBy()).isEqualTo("chenjing");
    // Tasklist closes the start dialog once it has the server's answer (the plan exists a moment before);
    // reloading while it is open would open an empty one again
    wait.until(ExpectedConditions.invisibilityOfElementLocated(
        By.xpath("//div[contains(@class,'modal')]//button[normalize-space(.)='发起']")));

    // 科长审核: return with a reason; the task list shows the plan's number and name
    browser.navigate().refresh();
    tasklist.waitForText("待我认领");
    tasklist.clickText("待我认领");
    tasklist.clickTaskOf(number + " 市场与文化联合抽查", "科长审核");
    claim();
    tasklist.fitsAPhone("plan-review-form-phone", "//button[normalize-space(.)='完成']");
    tasklist.clickText("退回修改");
    type("理由", "textarea", "文化和旅游局的检查窗口请放到十二月下旬");
    completeForm();
    wait.until(d -> PlanLifecycle.RETURNED.equals(plans.get(number).status()));

    // 修改计划: the reason and who returned it, the plan's own fields, corrected in Tasklist
    browser.navigate().refresh();
    tasklist.waitForText("我的任务");
    tasklist.clickText("我的任务");
    tasklist.clickTaskOf(number, "修改计划");
    wait.until(d -> value("退回理由").equals("文化和旅游局的检查窗口请放到十二月下旬"));
    assertThat(value("退回人")).startsWith("陈静（市场监管局·科长审核");
    assertThat(value("文化和旅游局 抽查事项编码")).isEqualTo("SP-C1");
    ChineseBrowser.screenshot(browser, "plan-revise-form");
    tasklist.fitsAPhone("plan-revise-form-phone", "//button[normalize-space(.)='完成']");
    WebElement name = field("计划名称", "input");
    name.clear();
    name.sendKeys("市场与文化联合抽查（修改）");
    pause();
    setDate("第一批次开始日期", LocalDate.of(2026, 12, 15));
    setDate("抽取日期", LocalDate.of(2026, 12, 15));
    completeForm();
    wait.until(d -> PlanLifecycle.IN_REVIEW.equals(plans.get(number).status()));
    assertThat(plans.get(number).name()).isEqualTo("市场与文化联合抽查（修改）");
    assertThat(plans.get(number).batches().get(0).from()).isEqualTo(LocalDate.of(2026, 12, 15));

    // 科长审核 again: approve
    browser.navigate().refresh();
    tasklist.waitForText("待我认领");
    tasklist.clickText("待我认领");
    tasklist.clickTaskOf(number + " 市场与文化联合抽查（修改）", "科长审核");
    claim();
    tasklist.clickText("同意");
    type("理由", "textarea", "按意见修改完毕");
    completeForm();
    wait.until(d -> PlanLifecycle.IN_SIGN_OFF.equals(plans.get(number).status()));

    // 部门会签 by wuhao: empty decision, the lead chief's review shown
    browser.manage().deleteAllCookies();
    signIn("wuhao");
    tasklist.clickText("待我认领");
    tasklist.clickTaskOf(number, "部门会签");
    claim();
    wait.until(d -> value("牵头部门科长审核意见").startsWith("陈静（市场监管局科长）：同意"));
    assertThat(browser.findElements(By.xpath(
            "//label[starts-with(normalize-space(.),'本部门意见')]/ancestor::div[contains(@class,'fjs-form-field')][1]"
                + "//input[@type='radio']")))
        .hasSize(2).noneMatch(WebElement::isSelected);
    assertThat(value("理由")).isEmpty();
    assertThat(browser.getPageSource()).contains("会签部门：文化和旅游局");
    ChineseBrowser.screenshot(browser, "plan-sign-off-form");
    tasklist.clickText("同意");
    completeForm();

    // 发布计划 runs as a job (the job executor is off in tests)
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult().getId();
    wait.until(d -> management.createJobQuery().processInstanceId(instance).executable().count() > 0);
    for (Job job : management.createJobQuery().processInstanceId(instance).executable().list()) {
      management.executeJob(job.getId());
    }
    assertThat(plans.get(number).status()).isEqualTo(PlanLifecycle.PUBLISHED);
  }

  private void signIn(String user) {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/");
    tasklist.waitForText("用户名");
    browser.findElement(By.cssSelector("input[type=text]")).sendKeys(user);
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    tasklist.waitForText("我的任务");
  }

  private void claim() {
    tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//*[self::button or self::a][normalize-space(.)='认领']"))));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//button[normalize-space(.)='完成']")));
  }

  private void completeForm() {
    tasklist.complete();
  }

  private WebElement field(String label, String element) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//label[starts-with(normalize-space(.),'" + label + "')]/following::" + element + "[1]")));
  }

  /**
   * Types as a person would, at a person's pace: form-js keeps a text field's value a moment before
   * it takes it (debounced), and a form re-rendered meanwhile shows the value it had.
   */
  private void type(String label, String element, String text) {
    WebElement input = field(label, element);
    tasklist.click(input);
    input.sendKeys(text);
    pause();
    if (!String.valueOf(input.getDomProperty("value")).endsWith(text)) {
      input.sendKeys(text);
      pause();
    }
    assertThat(String.valueOf(input.getDomProperty("value"))).as(label).endsWith(text);
  }

  private static void pause() {
    try {
      Thread.sleep(600);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What a (possibly read-only) text field or area shows. */
  private String value(String label) {
    WebElement input = field(label, "*[self::input or self::textarea]");
    return String.valueOf(input.getDomProperty("value"));
  }

  /** form-js date fields use flatpickr: set the date through it, as a click in its calendar would. */
  private void setDate(String label, LocalDate date) {
    WebElement input = field(label, "input");
    ((JavascriptExecutor) browser).executeScript(
        "arguments[0]._flatpickr.setDate(arguments[1], true, 'Y-m-d');", input, date.toString());
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
