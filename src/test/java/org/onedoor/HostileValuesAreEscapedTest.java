package org.onedoor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onedoor.disclosure.Disclosures.AbnormalEntry;
import org.onedoor.disclosure.Disclosures.Batch;
import org.onedoor.disclosure.Disclosures.ChangeKind;
import org.onedoor.disclosure.Disclosures.DrawChange;
import org.onedoor.disclosure.Disclosures.EntityRecords;
import org.onedoor.disclosure.Disclosures.EntitySummary;
import org.onedoor.disclosure.Disclosures.Page;
import org.onedoor.disclosure.Disclosures.PlanItem;
import org.onedoor.disclosure.Disclosures.PlanRecords;
import org.onedoor.disclosure.Disclosures.PlanVersion;
import org.onedoor.disclosure.Disclosures.PublicDraw;
import org.onedoor.disclosure.Disclosures.PublicListing;
import org.onedoor.disclosure.Disclosures.PublicPlan;
import org.onedoor.disclosure.Disclosures.PublicResult;
import org.onedoor.disclosure.DrawPageHtml;
import org.onedoor.disclosure.DrawPublicRecords.DrawView;
import org.onedoor.disclosure.PublicViews.BatchDraw;
import org.onedoor.disclosure.PublicViews.Choice;
import org.onedoor.disclosure.PublicViews.Format;
import org.onedoor.disclosure.PublicViews.Pager;
import org.onedoor.inspection.InspectionDetails.Summary;
import org.onedoor.inspection.InspectionDetails.TitledTable;
import org.onedoor.inspection.InspectionSection.Link;
import org.onedoor.inspection.InspectionSection.Table;
import org.onedoor.notification.NotificationPageView;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.onedoor.platform.web.SafeHref;
import org.onedoor.platform.web.Templates;

/**
 * Issue 18: every page rendered from the JTE templates (public site, draw page, 404 and 400 pages, the
 * staff inspection file, the risk-warning pages) with hostile values in every field a person or an import can
 * fill — entity names, reasons, remarks, search text, draw beacons, links, notifications — comes out escaped: no value opens a
 * tag, adds an attribute or an event handler, closes the embedded record's script, or becomes a
 * {@code javascript:} link. The pages are written to target/hostile-pages for a look.
 */
class HostileValuesAreEscapedTest {

  static final String SCRIPT = "<script>alert(1)</script>";
  static final String IMG = "\"><img src=x onerror=alert(1)>";
  static final String SVG = "'><svg onload=alert(1)>";
  static final String JS = "javascript:alert(1)";
  /** One value carrying every attack, for fields where the page shows one value. */
  static final String ALL = SCRIPT + IMG + SVG;

  static final Instant AT = Instant.parse("2026-03-02T03:04:05Z");
  static final LocalDate DAY = LocalDate.of(2026, 3, 2);

  static Templates templates;
  static Format f;
  static final Map<String, String> pages = new LinkedHashMap<>();

  @BeforeAll
  static void renderEveryPage() throws IOException {
    templates = new Templates(TemplateEngine.createPrecompiled(ContentType.Html));
    f = new Format(ZoneId.of("Asia/Shanghai"));
    PublicResult corrected = result(2, ChangeKind.CORRECTION);
    PublicResult withdrawn = result(3, ChangeKind.WITHDRAWAL);
    Page<PublicResult> results = new Page<>(List.of(result(1, ChangeKind.ORIGINAL), corrected, withdrawn), 1, 3, 9L, true);
    Pager pager = Pager.of("/public/search", Map.of("q", ALL), results);
    List<Choice> choices = List.of(Choice.of("", "全部", ALL), Choice.of(ALL, ALL, ALL));

    render("home", "publicsite/home.jte", "f", f, "latest", results);
    render("search", "publicsite/search.jte", "f", f, "text", ALL, "found",
        new Page<>(List.of(new EntitySummary(ALL, ALL, 2, 1, AT)), 1, 1, null, true), "pager", pager);
    render("search-empty", "publicsite/search.jte", "f", f, "text", "", "found", null, "pager", null);
    render("entity", "publicsite/entity.jte", "f", f, "e", new EntityRecords(new EntitySummary(ALL, ALL, 3, 2, AT), results,
        List.of(listing(ChangeKind.CORRECTION), listing(ChangeKind.WITHDRAWAL))), "pager", pager);
    render("plans", "publicsite/plans.jte", "f", f, "year", 2026, "plans",
        new Page<>(List.of(plan(ChangeKind.CORRECTION), plan(ChangeKind.WITHDRAWAL)), 0, 2, 2L, false), "pager", null);
    PublicPlan plan = plan(ChangeKind.CORRECTION);
    List<BatchDraw> batches = List.of(new BatchDraw(plan.batches().get(0), draw("DRAWN", ChangeKind.CORRECTION, false)),
        new BatchDraw(plan.batches().get(1), draw("COMMITTED", ChangeKind.WITHDRAWAL, null)),
        new BatchDraw(plan.batches().get(2), null));
    PlanVersion v1 = new PlanVersion(1, ChangeKind.ORIGINAL, null, AT, ALL, ALL, List.of());
    PlanVersion v2 = new PlanVersion(2, ChangeKind.CORRECTION, ALL, AT, ALL, ALL, List.of());
    render("plan", "publicsite/plan.jte", "f", f, "r", new PlanRecords(plan,
        List.of(new PlanItem("market", ALL, ALL, ALL, ALL, ALL, "on-site")), List.of(), results, List.of(v1, v2)),
        "batches", batches, "pager", pager);
    render("plan-withdrawn", "publicsite/plan.jte", "f", f, "r", new PlanRecords(plan(ChangeKind.WITHDRAWAL), List.of(),
        List.of(), new Page<>(List.of(), 0, 10, 0L, false), List.of(v1)), "batches", List.of(), "pager", null);
    render("results", "publicsite/results.jte", "f", f, "departments", choices, "results", results, "pager", pager);
    render("result", "publicsite/result.jte", "f", f, "shown", corrected, "versions", List.of(result(1, ChangeKind.ORIGINAL),
        corrected), "withdrawn", false);
    render("result-withdrawn", "publicsite/result.jte", "f", f, "shown", withdrawn.shown(true), "versions",
        List.of(result(1, ChangeKind.ORIGINAL), withdrawn), "withdrawn", true);
    render("abnormal-list", "publicsite/abnormalList.jte", "f", f, "text", ALL, "statuses", choices, "grounds", choices,
        "departments", choices, "year", 2026, "entries", new Page<>(List.of(new AbnormalEntry(7, ALL, ALL, false, "LISTED",
            ALL, ALL, ALL, DAY, DAY, ALL)), 0, 1, 1L, false), "pager", pager);
    render("bad-request", "publicsite/badRequest.jte", "errors", List.of(new FieldError(ALL, ALL)));
    render("not-found", "publicsite/notFound.jte", "message", "没有统一社会信用代码为“" + ALL + "”的公示信息。");

    DrawPageHtml drawPage = new DrawPageHtml(templates.engine(), ZoneId.of("Asia/Shanghai"));
    pages.put("draw", drawPage.render(drawView(true)));
    pages.put("draw-committed", drawPage.render(drawView(false)));
    pages.put("draw-not-found", drawPage.notFound(ALL));

    Summary summary = new Summary(ALL, ALL, 1, ALL, ALL, "OPEN", ALL, AT, null, ALL, ALL);
    Table table = new Table(List.of(ALL, "说明"), List.of(List.of(ALL, ALL + "\n" + ALL)));
    render("staff-inspection", "staff/inspection.jte", "s", summary, "openedAt", ALL, "doneAt", ALL, "departments", table,
        "sections", List.of(new TitledTable(ALL, ALL, table, List.of(new Link(ALL, JS), new Link(ALL, "//evil.example/x"),
            new Link(ALL, " JavaScript:alert(1)"), new Link(ALL, "/staff/listings/7")))), "audit", table);
    render("staff-entity", "staff/entity.jte", "e", new org.onedoor.credit.EntityCreditSummary(ALL, ALL, ALL, ALL, ALL,
        ALL, ALL, ALL, ALL, ALL, ALL), "history", table, "links", List.of(new Link(ALL, JS), new Link(ALL, "/staff/inspections/7")),
        "commitment", ALL, "checks", table, "checkLinks", List.of(new Link(ALL, "//evil.example/x")));

    // 我的提醒 (issue 17): task names and business names come from process variables
    render("staff-notifications", "staff/notifications.jte", "view", new NotificationPageView(ALL, 2, 3, List.of(
        new NotificationPageView.Entry(1, ALL, ALL, List.of(ALL, ALL), SafeHref.of(JS), ALL, ALL, false, true),
        new NotificationPageView.Entry(2, ALL, ALL, List.of(ALL), SafeHref.of("//evil.example/x"), ALL, ALL, true, false)),
        "/staff/notifications?page=1",
        // an administrator's list of failed messages: recipients, titles and errors are text from elsewhere
        List.of(new NotificationPageView.Failed(3, ALL, ALL, ALL, 8, ALL, ALL)), 1));
    // risk warnings (issue 15): the list and one warning
    List<org.onedoor.credit.WarningViews.Choice> choices2 = List.of(new org.onedoor.credit.WarningViews.Choice(ALL, ALL, true));
    render("staff-warnings", "staff/warnings.jte", "view", new org.onedoor.credit.WarningViews.ListPage(ALL, choices2,
        choices2, choices2, choices2, ALL, ALL, ALL, List.of(new org.onedoor.credit.WarningViews.Row(7, ALL, ALL, ALL, ALL,
            ALL, ALL, ALL, ALL, true, ALL, ALL)), 21, 0, 2, JS, "/staff/warnings?page=1&rule=" + ALL,
        // the upload card: sources, indicators and columns come from configuration, shown as text all the same
        new org.onedoor.credit.WarningViews.Upload(List.of(new org.onedoor.credit.WarningViews.UploadSource(ALL, ALL, ALL,
            ALL)), ALL, JS, ALL, ALL, ALL, 1)));
    render("staff-warning", "staff/warning.jte", "view", new org.onedoor.credit.WarningViews.Detail(7, ALL, ALL,
        List.of(new org.onedoor.credit.WarningViews.Fact(ALL, ALL)), ALL + "\n" + ALL,
        List.of(new org.onedoor.credit.WarningViews.Fact(ALL, ALL)), List.of(new org.onedoor.credit.WarningViews.Fact(ALL, ALL)),
        List.of(new org.onedoor.credit.WarningViews.Fact(ALL, ALL)), ALL));
    // a targeted inspection: no plan
    render("staff-inspection-targeted", "staff/inspection.jte", "s", new Summary(ALL, null, 0, ALL, ALL, "OPEN", ALL, AT,
        null, "targeted", ALL), "openedAt", ALL, "doneAt", ALL, "departments", table, "sections", List.of(), "audit", table);

    Path dir = Path.of("target", "hostile-pages");
    Files.createDirectories(dir);
    for (Map.Entry<String, String> page : pages.entrySet()) {
      Files.writeString(dir.resolve(page.getKey() + ".html"), page.getValue(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyPageShowsTheHostileValuesAsText() {
    assertThat(pages).hasSize(22);
    pages.forEach((name, html) -> {
      assertThat(html).as(name).startsWith("<!DOCTYPE html>");
      if (name.equals("search-empty")) {
        return;
      }
      assertThat(html).as(name)
          .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
          .contains("&lt;img src=x onerror=alert(1)&gt;")
          .doesNotContain("<script>alert", "<img", "<svg");
    });
  }

  /** Every tag of every page is one the templates write, and no attribute is an event handler. */
  @Test
  void noValueOpensATagOrAddsAnAttribute() {
    Set<String> written = Set.of("html", "head", "meta", "title", "style", "link", "body", "a", "header", "nav", "main",
        "footer", "div", "h1", "h2", "h3", "p", "br", "span", "strong", "code", "pre", "time", "ul", "ol", "li", "dl", "dt",
        "dd", "section", "article", "form", "label", "input", "select", "option", "button", "table", "caption", "thead",
        "tbody", "tr", "th", "td", "script", "progress");
    Pattern tag = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)((?:\\s+[^\\s=>]+(?:=\"[^\"]*\")?)*)\\s*/?>");
    Pattern attribute = Pattern.compile("\\s+([^\\s=>]+)(?:=\"[^\"]*\")?");
    pages.forEach((name, html) -> {
      Matcher m = tag.matcher(html);
      while (m.find()) {
        assertThat(written).as(name + ": " + m.group()).contains(m.group(1).toLowerCase());
        Matcher a = attribute.matcher(m.group(2));
        while (a.find()) {
          assertThat(a.group(1).toLowerCase()).as(name + ": " + m.group()).doesNotStartWith("on").matches("[a-z-]+");
        }
      }
      // every '<' starts a tag (or a comment-free doctype): none is left over from a value
      // (the verifier's own script aside: it is a static file of ours, the embedded record is checked below)
      assertThat(html.replaceAll("(?s)<script>.*?</script>", "").replaceAll("<!DOCTYPE html>", "")
          .replaceAll(tag.pattern(), "").replaceAll("</[a-z0-9]+>", ""))
          .as(name).doesNotContain("<");
    });
  }

  @Test
  void noValueBecomesAScriptLink() {
    Pattern href = Pattern.compile("href=\"([^\"]*)\"");
    pages.forEach((name, html) -> {
      Matcher m = href.matcher(html);
      while (m.find()) {
        assertThat(m.group(1)).as(name).matches("(/[^/].*|/|#.*|https?://.*)").doesNotContainIgnoringCase("javascript:");
      }
    });
    assertThat(pages.get("staff-inspection")).contains("href=\"/staff/listings/7\"").doesNotContain("//evil.example");
    // the warnings page's upload card is there, its template link made safe
    assertThat(pages.get("staff-warnings")).contains("id=\"monitoring-upload\"", "id=\"upload-template\" href=\"#\"");
    assertThat(SafeHref.of("JAVASCRIPT:alert(1)")).isEqualTo("#");
    assertThat(SafeHref.of("/\\evil.example")).isEqualTo("#");
    assertThat(SafeHref.of("https://www.gsxt.gov.cn/")).isEqualTo("https://www.gsxt.gov.cn/");
  }

  @Test
  void theDrawPageEmbedsTheRecordWithoutClosingItsScript() {
    String html = pages.get("draw");
    assertThat(html.split("</script>", -1)).hasSize(3);
    String embedded = html.substring(html.indexOf("id=\"draw-record\">") + 17, html.indexOf("</script>"));
    assertThat(embedded).doesNotContain("<").contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e");
    assertThat(pages.get("draw-committed").split("</script>", -1)).hasSize(2);
  }

  // ---------------------------------------------------------------- values

  static void render(String name, String template, Object... params) {
    pages.put(name, new String(templates.utf8(template, params), StandardCharsets.UTF_8));
  }

  static PublicResult result(int version, ChangeKind kind) {
    return new PublicResult(version, version, kind, ALL, true, ALL, ALL, ALL, ALL, ALL, "market", ALL, ALL, ALL, DAY,
        "1", ALL, ALL, DAY, DAY, AT);
  }

  static PublicListing listing(ChangeKind kind) {
    return new PublicListing(5, 2, kind, ALL, true, 5, "LIST", ALL, ALL, ALL, ALL, false, "1", ALL, "r", ALL, "market",
        ALL, DAY, ALL, DAY, DAY, AT);
  }

  static PublicPlan plan(ChangeKind kind) {
    return new PublicPlan(ALL, 2026, ALL, "joint", ALL, "market", ALL, List.of(ALL, ALL), DAY,
        List.of(new Batch(1, DAY, DAY), new Batch(2, DAY, DAY), new Batch(3, DAY, DAY)), 1, DAY, DAY, AT, ALL, 2, kind,
        ALL, AT);
  }

  static PublicDraw draw(String state, ChangeKind kind, Boolean matches) {
    return new PublicDraw(ALL, ALL, 1, state, ALL, ALL, AT, matches, AT, DAY, DAY, AT, 2, kind, ALL, AT);
  }

  static DrawView drawView(boolean drawn) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode record = json.createObjectNode().put("algorithm", ALL).put("commitment", ALL).put("populationHash", ALL)
        .put("frozenAt", ALL);
    if (drawn) {
      record.put("nonce", ALL).put("beacon", ALL).put("seed", ALL).put("drawnAt", ALL);
      ArrayNode strata = record.putArray("strata");
      ObjectNode stratum = strata.addObject().put("name", ALL).put("ratio", ALL);
      stratum.putArray("population").add(ALL).add(ALL);
      stratum.putArray("selected").add(ALL);
      strata.addObject().put("name", ALL).put("ratio", "0.1").putArray("population").add(ALL);
    }
    PublicDraw meta = draw(drawn ? "DRAWN" : "COMMITTED", ChangeKind.WITHDRAWAL, drawn ? false : null);
    return new DrawView(ALL, ALL, 1, record.toString(), record, meta, List.of(new DrawChange(1, ChangeKind.ORIGINAL, null, AT),
        new DrawChange(2, ChangeKind.CORRECTION, ALL, AT), new DrawChange(3, ChangeKind.WITHDRAWAL, ALL, AT)));
  }
}
