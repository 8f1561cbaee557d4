package org.onedoor.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.disclosure.Disclosures.AbnormalEntry;
import org.onedoor.disclosure.Disclosures.EntityRecords;
import org.onedoor.disclosure.Disclosures.EntitySummary;
import org.onedoor.disclosure.Disclosures.Page;
import org.onedoor.disclosure.Disclosures.PlanRecords;
import org.onedoor.disclosure.Disclosures.PublicPlan;
import org.onedoor.disclosure.Disclosures.PublicResult;
import org.onedoor.disclosure.PublicViews.BatchDraw;
import org.onedoor.disclosure.PublicViews.Choice;
import org.onedoor.disclosure.PublicViews.Format;
import org.onedoor.disclosure.PublicViews.Pager;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.Templates;
import org.onedoor.security.OrganisationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public site (R8): server-rendered Chinese HTML under {@code /public}, no login, no script.
 * Reads the disclosure projection only; the pages are JTE templates (src/main/jte/publicsite, one
 * layout, fragments for cards, rows, pager), rendered to UTF-8 bytes. A missing record is a 404 page, bad input a 400 page.
 */
@Controller
class PublicPages {


  private final PublicRecords records;
  private final OrganisationProperties organisation;
  private final Templates templates;
  private final Format format;

  PublicPages(PublicRecords records, OrganisationProperties organisation, CalendarProperties calendar,
      Templates templates) {
    this.records = records;
    this.organisation = organisation;
    this.templates = templates;
    this.format = new Format(calendar.zone());
  }

  @GetMapping({"/public", "/public/"})
  ResponseEntity<byte[]> home() {
    Page<PublicResult> latest = records.results(null, null, 0, 10);
    return ok(templates.utf8("publicsite/home.jte", "f", format, "latest", latest));
  }

  @GetMapping("/public/search")
  ResponseEntity<byte[]> search(@RequestParam(required = false) String q, @RequestParam(required = false) String page) {
    int[] p = records.paging(number("page", page), null);
    String text = records.normaliseQuery(q);
    Page<EntitySummary> found = text.isEmpty() ? null : records.search(text, p[0], p[1]);
    return ok(templates.utf8("publicsite/search.jte", "f", format, "text", text, "found", found,
        "pager", Pager.of("/public/search", Map.of("q", text), found)));
  }

  @GetMapping("/public/entities/{uscc}")
  ResponseEntity<byte[]> entity(@PathVariable String uscc, @RequestParam(required = false) String page) {
    int[] p = records.paging(number("page", page), null);
    Optional<EntityRecords> found = records.entity(uscc, p[0], p[1]);
    if (found.isEmpty()) {
      return notFound("没有统一社会信用代码为“" + uscc + "”的公示信息。");
    }
    EntityRecords e = found.get();
    return ok(templates.utf8("publicsite/entity.jte", "f", format, "e", e,
        "pager", Pager.of("/public/entities/" + PublicViews.segment(uscc), Map.of(), e.results())));
  }

  @GetMapping("/public/plans")
  ResponseEntity<byte[]> plans(@RequestParam(required = false) String year, @RequestParam(required = false) String page) {
    int[] p = records.paging(number("page", page), null);
    Integer y = number("year", year);
    Page<PublicPlan> plans = records.plans(y, p[0], p[1]);
    return ok(templates.utf8("publicsite/plans.jte", "f", format, "year", y, "plans", plans,
        "pager", Pager.of("/public/plans", y == null ? Map.of() : Map.of("year", y.toString()), plans)));
  }

  @GetMapping("/public/plans/{number}")
  ResponseEntity<byte[]> plan(@PathVariable String number, @RequestParam(required = false) String page) {
    int[] p = records.paging(number("page", page), null);
    Optional<PlanRecords> found = records.plan(number, p[0], p[1]);
    if (found.isEmpty()) {
      return notFound("没有编号为“" + number + "”的公示抽查计划。");
    }
    PlanRecords r = found.get();
    List<BatchDraw> batches = r.plan().batches().stream().map(b -> new BatchDraw(b,
        r.draws().stream().filter(x -> x.batch() == b.batch()).findFirst().orElse(null))).toList();
    return ok(templates.utf8("publicsite/plan.jte", "f", format, "r", r, "batches", batches,
        "pager", Pager.of("/public/plans/" + PublicViews.segment(number), Map.of(), r.results())));
  }

  @GetMapping("/public/results")
  ResponseEntity<byte[]> results(@RequestParam(required = false) String department,
      @RequestParam(required = false) String page) {
    int[] p = records.paging(number("page", page), null);
    String dep = department == null || department.isBlank() ? null : department.strip();
    Page<PublicResult> results = records.results(dep, null, p[0], p[1]);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("department", dep);
    return ok(templates.utf8("publicsite/results.jte", "f", format, "departments", departments(dep),
        "results", results, "pager", Pager.of("/public/results", params, results)));
  }

  @GetMapping("/public/results/{id}")
  ResponseEntity<byte[]> result(@PathVariable String id) {
    long n;
    try {
      n = Long.parseLong(id);
    } catch (NumberFormatException e) {
      return notFound("没有编号为“" + id + "”的公示检查结果。");
    }
    List<PublicResult> versions = records.resultVersions(n);
    if (versions.isEmpty()) {
      return notFound("没有编号为“" + id + "”的公示检查结果。");
    }
    PublicResult current = versions.get(versions.size() - 1);
    boolean withdrawn = current.withdrawn();
    return ok(templates.utf8("publicsite/result.jte", "f", format, "shown", current.shown(withdrawn),
        "versions", versions, "withdrawn", withdrawn));
  }

  @GetMapping("/public/abnormal-list")
  ResponseEntity<byte[]> abnormalList(@RequestParam(required = false) String status,
      @RequestParam(required = false) String ground, @RequestParam(required = false) String department,
      @RequestParam(required = false) String year, @RequestParam(required = false) String q,
      @RequestParam(required = false) String page) {
    int[] p = records.paging(number("page", page), null);
    Integer y = number("year", year);
    String s = blank(status);
    String g = blank(ground);
    String d = blank(department);
    String text = records.normaliseQuery(q);
    Page<AbnormalEntry> entries = records.abnormalList(s, g, d, y, text, p[0], p[1]);
    List<Choice> statuses = new ArrayList<>();
    statuses.add(Choice.of("", "全部", s));
    PublicRecords.STATUSES.forEach((k, v) -> statuses.add(Choice.of(k, v, s)));
    List<Choice> grounds = new ArrayList<>();
    grounds.add(Choice.of("", "全部", g));
    GROUNDS.forEach((k, v) -> grounds.add(Choice.of(k, v, g)));
    Map<String, String> params = new LinkedHashMap<>();
    params.put("q", text);
    params.put("status", s);
    params.put("ground", g);
    params.put("department", d);
    params.put("year", y == null ? null : y.toString());
    return ok(templates.utf8("publicsite/abnormalList.jte", "f", format, "text", text, "statuses", statuses,
        "grounds", grounds, "departments", departments(d), "year", y, "entries", entries,
        "pager", Pager.of("/public/abnormal-list", params, entries)));
  }

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<byte[]> badRequest(BadRequestException e) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(PublicViews.HTML)
        .body(templates.utf8("publicsite/badRequest.jte", "errors", e.errors()));
  }

  // ---------------------------------------------------------------- pieces

  /** The grounds of a listing (市场主体经营异常名录管理办法), as the filter offers them. */
  private static final Map<String, String> GROUNDS = groundLabels();

  private static Map<String, String> groundLabels() {
    Map<String, String> grounds = new LinkedHashMap<>();
    grounds.put("1", "未按规定报送年度报告");
    grounds.put("2", "未在责令期限内公示有关企业信息");
    grounds.put("3", "公示企业信息隐瞒真实情况、弄虚作假");
    grounds.put("4", "通过登记的住所或者经营场所无法联系");
    return grounds;
  }

  private List<Choice> departments(String selected) {
    List<Choice> choices = new ArrayList<>();
    choices.add(Choice.of("", "全部", selected));
    organisation.departments().forEach(d -> choices.add(Choice.of(d.code(), d.name(), selected)));
    return choices;
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Integer number(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new BadRequestException(field, "应为整数");
    }
  }

  private ResponseEntity<byte[]> ok(byte[] page) {
    return ResponseEntity.ok().contentType(PublicViews.HTML).body(page);
  }

  private ResponseEntity<byte[]> notFound(String message) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(PublicViews.HTML)
        .body(templates.utf8("publicsite/notFound.jte", "message", message));
  }
}
