package org.onedoor.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onedoor.BrowserExtension;
import org.onedoor.ChineseBrowser;
import org.onedoor.TasklistPage;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.catalog.Catalog.ItemDraft;
import org.onedoor.catalog.Catalog.SubItemDraft;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.catalog.CatalogService;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A demo inspector (zhangwei, market supervision, the lead department) in a Chinese browser signs in to
 * Tasklist, claims 提议检查时间 and proposes the visit; the other departments confirm (API); then he
 * claims 现场检查, answers each content line of the dynamic list, picks the check method, the result
 * and the follow-up in the Chinese form — once also on a phone-sized screen — and completes it.
 * Screenshots go to target/screenshots (joint-*.png); skipped where Chromium is not installed.
 */
@OnedoorSpringTest
class JointInspectionBrowserTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String USCC = "91330100JOINTWEB1X";
  static final String NAME = "联合检查浏览器测试企业";

  @LocalServerPort int port;
  @Autowired org.camunda.bpm.engine.ManagementService managementService;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired CatalogService catalog;
  @Autowired PlanService plans;
  @Autowired InspectionRecords records;
  @Autowired VisitCoordination visits;
  @Autowired JdbcClient jdbc;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(1280, 1000);
  final WebDriver browser = chromium.driver();
  final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  final TasklistPage tasklist = new TasklistPage(browser, wait);

  ProcessInstance open() {
    if (catalog.latestPublished().isEmpty() || catalog.departmentsOf(catalog.latestPublished().get().versionNo(),
        List.of("JI-M1", "JI-C1")).size() < 2) {
      Version draft = catalog.versions().stream().filter(v -> !v.isPublished()).findFirst()
          .orElseGet(() -> catalog.createDraft("admin", "joint-inspection browser test", TestClock.now()));
      item(draft.versionNo(), "JI-M1", "market", List.of("营业执照是否在醒目位置公示", "食品经营许可证是否在有效期内"));
      item(draft.versionNo(), "JI-C1", "culture", List.of("娱乐场所经营许可证是否有效"));
      item(draft.versionNo(), "JI-F1", "fire", List.of("疏散通道、安全出口是否畅通"));
      catalog.publish(draft.versionNo(), "admin", TestClock.now());
    }
    if (jdbc.sql("SELECT COUNT(*) FROM directory_entity WHERE uscc = :u").param("u", USCC).query(Integer.class)
        .single() == 0) {
      jdbc.sql("""
          INSERT INTO directory_entity (uscc, name, type, category, subcategory, unit, region, address,
              legal_representative, status, credit_class, risk_level, tags, commitment, created_at, updated_at)
          VALUES (:u, :n, 'enterprise', '住宿和餐饮业', '', '西湖区所', '西湖区', '杭州市西湖区文二路 2 号', '', 'active', 'B',
              'medium', '', FALSE, :t, :t)""")
          .param("u", USCC).param("n", NAME).param("t", Timestamp.from(TestClock.now())).update();
    }
    LocalDate today = TestClock.today();
    String plan = "JB-" + System.nanoTime() % 1_000_000_000L;
    plans.register(new PlanRequest(today.getYear(), plan, "联合检查浏览器测试计划", "untargeted", "market",
        List.of(new DepartmentItems("market", List.of("JI-M1")), new DepartmentItems("culture", List.of("JI-C1"))),
        PopulationFilter.any(), 2, false, List.of(new BatchWindow(today, today.plusDays(30))), today, false, false,
        null, Map.of()), "chenjing", "none", TestClock.now());
    String number = InspectionOpening.number(plan, 1);
    jdbc.sql("INSERT INTO inspection (number, plan_number, batch, uscc, status, opened_at) VALUES (:n, :p, 1, :u, 'OPEN', :t)")
        .param("n", number).param("p", plan).param("u", USCC).param("t", Timestamp.from(TestClock.now())).update();
    Map.of("market", List.of("zhangwei", "lina"), "culture", List.of("sunli", "zhoujie")).forEach((d, staff) ->
        staff.forEach(s -> jdbc.sql("INSERT INTO inspection_assignment (inspection_number, department, staff_number)"
            + " VALUES (:n, :d, :s)").param("n", number).param("d", d).param("s", s).update()));
    Map<String, Object> variables = new HashMap<>();
    variables.put("inspectionNumber", number);
    variables.put("planNumber", plan);
    variables.put("batch", 1);
    variables.put("uscc", USCC);
    variables.put("entityName", NAME);
    variables.put("departments", "market,culture");
    ProcessInstance started = runtime.createProcessInstanceByKey(InspectionOpening.PROCESS).businessKey(number)
        .setVariables(variables).execute();
    // the process continues asynchronously after its start event, as the job executor would take it on
    managementService.executeJob(managementService.createJobQuery().processInstanceId(started.getId()).singleResult()
        .getId());
    return started;
  }

  void item(int version, String code, String department, List<String> lines) {
    catalog.putItem(version, code, new ItemDraft("QD-JI-" + department, "联合检查测试", code + " 检查", department,
        "测试依据", "一般", List.of("现场检查"), List.of(new SubItemDraft(code + "-01", "子项", lines))));
  }

  @Test
  void inspectorProposesTheVisitAndRecordsTheOnSiteCheckInChineseTasklist() throws IOException {
    ProcessInstance instance = open();
    String number = instance.getBusinessKey();
    LocalDate visitDay = TestClock.today().plusDays(2);

    browser.get("http://localhost:" + port + "/camunda/app/tasklist/");
    tasklist.waitForText("用户名");
    browser.findElement(By.cssSelector("input[type=text]")).sendKeys("zhangwei");
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    tasklist.waitForText("待我认领");
    tasklist.clickText("待我认领");

    // 提议检查时间
    tasklist.clickTaskOf(NAME, "提议检查时间");
    claim();
    tasklist.waitForText("检查日期");
    tasklist.waitForText("批次时间");
    setDate("检查日期", visitDay);
    choose("检查时间（时:分）", "10:00");
    screenshot("joint-visit-propose-zh");
    assertThat(browser.getPageSource()).contains("提议检查时间", "检查日期", "检查时间（时:分）", "说明");
    completeForm();
    wait.until(d -> visits.current(number).isPresent());
    assertThat(visits.current(number).orElseThrow().proposedAt())
        .isEqualTo(visitDay.atTime(10, 0).atZone(SHANGHAI).toInstant());

    // culture confirms (its inspectors would do it in their own Tasklist)
    Task confirm = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("ConfirmVisit")
        .singleResult();
    identity.setAuthentication("sunli", identity.createGroupQuery().groupMember("sunli").list().stream()
        .map(Group::getId).toList());
    try {
      forms.submitTaskForm(confirm.getId(), Map.of("visitAnswer", "confirm"));
    } finally {
      identity.clearAuthentication();
    }

    // the visit day has come (records before it need a reason)
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(
        java.util.Date.from(visitDay.atTime(10, 30).atZone(SHANGHAI).toInstant()));

    // 现场检查
    browser.navigate().refresh();
    tasklist.waitForText("待我认领");
    tasklist.clickText("待我认领");
    tasklist.clickTaskOf(NAME, "现场检查");
    claim();
    // the content lines of the plan's catalogue version, as options of the three checklists
    tasklist.waitForText("第 1 条 营业执照是否在醒目位置公示");
    tasklist.waitForText("第 2 条 食品经营许可证是否在有效期内");
    // the form links the inspection file in a new tab, signed in with the Tasklist session (no Basic prompt)
    WebElement fileLink = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//div[contains(@class,'fjs-container')]//a[normalize-space(.)='检查详情']")));
    assertThat(fileLink.getAttribute("target")).isEqualTo("_blank");
    assertThat(fileLink.getAttribute("href")).endsWith("/staff/inspections/" + number);
    assertThat(browser.findElement(By.xpath("//div[contains(@class,'fjs-container')]//a[starts-with(normalize-space(.),'证据材料')]"))
        .getAttribute("target")).isEqualTo("_blank");
    String tasklistWindow = browser.getWindowHandle();
    tasklist.click(fileLink);
    wait.until(d -> d.getWindowHandles().size() == 2);
    for (String handle : browser.getWindowHandles()) {
      if (!handle.equals(tasklistWindow)) {
        browser.switchTo().window(handle);
      }
    }
    wait.until(d -> d.getPageSource().contains("全过程记录"));
    assertThat(browser.findElement(By.id("number")).getText()).isEqualTo(number);
    assertThat(browser.getPageSource()).contains(NAME, "参加部门与检查人员");
    screenshot("joint-file-from-form-zh");
    browser.close();
    browser.switchTo().window(tasklistWindow);

    // the form on a phone-sized screen
    browser.manage().window().setSize(new Dimension(390, 844));
    tasklist.waitForText("问题描述");
    ((JavascriptExecutor) browser).executeScript(
        "document.querySelector('.fjs-container').scrollIntoView({block: 'start'});");
    screenshot("joint-on-site-phone-zh");
    Object overflow = ((JavascriptExecutor) browser).executeScript(
        "var f = document.querySelector('.fjs-container'); return f ? f.scrollWidth - f.clientWidth : -1;");
    assertThat(((Number) overflow).intValue()).as("the form fits the phone's width").isBetween(0, 2);
    browser.manage().window().setSize(new Dimension(1280, 1000));

    // both lines "符合": the first of each line's three options (符合, 发现问题, 不适用)
    for (String line : List.of("第 1 条 营业执照是否在醒目位置公示", "第 2 条 食品经营许可证是否在有效期内")) {
      List<WebElement> options = browser.findElements(By.xpath("//label[contains(normalize-space(.),'" + line + "')]"));
      assertThat(options).hasSize(3);
      tasklist.click(options.get(0));
    }
    tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//label[normalize-space(.)='现场检查']"))));
    choose("检查结果", "1 未发现问题");
    tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//label[normalize-space(.)='无']"))));
    screenshot("joint-on-site-filled-zh");
    String page = browser.getPageSource();
    assertThat(page).contains("现场检查", "地址", "杭州市西湖区文二路 2 号", "行业", "住宿和餐饮业", "检查内容",
        "每条只选一种情况", "符合", "发现问题", "不适用", "问题描述", "检查方式", "书面检查",
        "检查结果", "后续处理措施", "责令限期改正并复查", "说明");
    completeForm();

    wait.until(d -> records.find(number, "market").isPresent());
    InspectionRecords.Record record = records.get(number, "market");
    assertThat(record.recordedBy()).isEqualTo("zhangwei");
    assertThat(record.resultCode()).isEqualTo("1");
    assertThat(record.methods()).containsExactly("on-site");
    assertThat(record.followUps()).containsExactly("none");
    assertThat(record.lines()).extracting(InspectionRecords.Line::answer).containsExactly("conforms", "conforms");
    screenshot("joint-after-complete-zh");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("CoSignRecord")
        .taskCandidateUser("lina").count()).isEqualTo(1);
  }

  private void claim() throws IOException {
    WebElement claim = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//*[self::button or self::a][normalize-space(.)='认领']")));
    tasklist.click(claim);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//button[normalize-space(.)='完成']")));
  }

  private void completeForm() {
    tasklist.complete();
  }

  /** form-js date fields use flatpickr: set the date through it, as a click in its calendar would. */
  private void setDate(String label, LocalDate date) {
    WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//label[starts-with(normalize-space(.),'" + label + "')]/following::input[1]")));
    ((JavascriptExecutor) browser).executeScript(
        "arguments[0]._flatpickr.setDate(arguments[1], true, 'Y-m-d'); arguments[0]._flatpickr.close();"
            + " arguments[0].blur();", input, date.toString());
  }

  /**
   * A form-js select: open it under its label, pick the option. Under load the first click can land while
   * the form re-renders (the list then never opens): try again, up to three times.
   */
  private void choose(String label, String option) {
    By item = By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)='" + option + "']");
    for (int attempt = 1; ; attempt++) {
      WebElement field = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
          "//label[starts-with(normalize-space(.),'" + label + "')]/ancestor::div[contains(@class,'fjs-form-field')][1]")));
      WebElement display = field.findElement(By.xpath(".//*[contains(@class,'fjs-select-display') or self::input]"));
      tasklist.click(display);
      try {
        WebElement found = new WebDriverWait(browser, Duration.ofSeconds(10))
            .until(ExpectedConditions.presenceOfElementLocated(item));
        tasklist.click(found);
        return;
      } catch (org.openqa.selenium.TimeoutException notOpened) {
        if (attempt == 3) {
          throw notOpened;
        }
      }
    }
  }

  private void screenshot(String name) throws IOException {
    ChineseBrowser.screenshot(browser, name);
  }
}
