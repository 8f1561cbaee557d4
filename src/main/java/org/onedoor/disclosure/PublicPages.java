package org.onedoor.disclosure;

import static org.onedoor.disclosure.PublicHtml.date;
import static org.onedoor.disclosure.PublicHtml.esc;
import static org.onedoor.disclosure.PublicHtml.segment;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.disclosure.Disclosures.AbnormalEntry;
import org.onedoor.disclosure.Disclosures.EntityRecords;
import org.onedoor.disclosure.Disclosures.EntitySummary;
import org.onedoor.disclosure.Disclosures.Page;
import org.onedoor.disclosure.Disclosures.PlanItem;
import org.onedoor.disclosure.Disclosures.PlanRecords;
import org.onedoor.disclosure.Disclosures.PublicDraw;
import org.onedoor.disclosure.Disclosures.PublicListing;
import org.onedoor.disclosure.Disclosures.PublicPlan;
import org.onedoor.disclosure.Disclosures.PublicResult;
import org.onedoor.platform.web.BadRequestException;
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
 * Reads the disclosure projection only. A missing record is a 404 page, bad input a 400 page.
 */
@Controller
class PublicPages {


  private final PublicRecords records;
  private final OrganisationProperties organisation;
  private final ZoneId zone;

  PublicPages(PublicRecords records, OrganisationProperties organisation, CalendarProperties calendar) {
    this.records = records;
    this.organisation = organisation;
    this.zone = calendar.zone();
  }

  @GetMapping({"/public", "/public/"})
  ResponseEntity<byte[]> home() {
    PublicHtml h = new PublicHtml(zone);
    h.raw("<h1>双随机、一公开 信息公示</h1>")
        .raw("<p>查询市场主体的双随机抽查检查结果、经营异常名录信息，以及各部门的抽查计划和抽取记录。</p>")
        .searchForm("", "/public/search", "企业名称或统一社会信用代码");
    h.raw("<h2>最新公示的检查结果</h2>");
    Page<PublicResult> latest = records.results(null, null, 0, 10);
    if (latest.items().isEmpty()) {
      h.raw("<p class=\"muted\">暂无公示的检查结果。</p>");
    }
    latest.items().forEach(r -> resultCard(h, r, true));
    h.raw("<p><a href=\"/public/results\">全部检查结果</a> · <a href=\"/public/plans\">抽查计划</a> · ")
        .raw("<a href=\"/public/abnormal-list\">经营异常名录</a></p>");
    return ok(h.page("首页"));
  }

  @GetMapping("/public/search")
  ResponseEntity<byte[]> search(@RequestParam(required = false) String q, @RequestParam(required = false) String page) {
    int[] p = records.paging(number("page", page), null);
    String text = records.normaliseQuery(q);
    PublicHtml h = new PublicHtml(zone);
    h.raw("<h1>查询</h1>").searchForm(text, "/public/search", "企业名称或统一社会信用代码");
    if (text.isEmpty()) {
      h.raw("<p>请输入企业名称的开头部分，或统一社会信用代码（全部 18 位或开头部分）。</p>");
      return ok(h.page("查询"));
    }
    Page<EntitySummary> found = records.search(text, p[0], p[1]);
    h.raw("<h2>“").text(text).raw("”的查询结果</h2>");
    if (found.items().isEmpty()) {
      h.raw("<p>未找到公示信息。名称请从开头输入，如“临江市”；统一社会信用代码请输入开头部分或全部 18 位。</p>");
    }
    h.raw("<ul class=\"hits\">");
    for (EntitySummary e : found.items()) {
      h.raw("<li class=\"card\"><h3><a href=\"/public/entities/").raw(esc(segment(e.uscc()))).raw("\">")
          .text(e.entityName()).raw("</a></h3><dl>")
          .row("统一社会信用代码", e.uscc()).row("公示检查结果", e.results() + " 条")
          .row("经营异常名录信息", e.listings() + " 条").row("最近公示", h.time(e.lastPublishedAt()))
          .raw("</dl></li>");
    }
    h.raw("</ul>");
    h.pager("/public/search", Map.of("q", text), found);
    return ok(h.page("“" + text + "”的查询结果"));
  }

  @GetMapping("/public/entities/{uscc}")
  ResponseEntity<byte[]> entity(@PathVariable String uscc, @RequestParam(required = false) String page) {
    int[] p = records.paging(number("page", page), null);
    Optional<EntityRecords> found = records.entity(uscc, p[0], p[1]);
    if (found.isEmpty()) {
      return notFound("没有统一社会信用代码为“" + uscc + "”的公示信息。");
    }
    EntityRecords e = found.get();
    PublicHtml h = new PublicHtml(zone);
    h.raw("<h1>").text(e.entity().entityName()).raw("</h1><dl class=\"card\">")
        .row("统一社会信用代码", e.entity().uscc()).row("最近公示", h.time(e.entity().lastPublishedAt())).raw("</dl>");
    h.raw("<h2 id=\"results\">双随机抽查检查结果</h2>");
    if (e.results().items().isEmpty()) {
      h.raw("<p class=\"muted\">暂无公示的检查结果。</p>");
    }
    e.results().items().forEach(r -> resultCard(h, r, false));
    h.pager("/public/entities/" + segment(uscc), Map.of(), e.results());
    h.raw("<h2 id=\"listings\">经营异常名录信息</h2>");
    if (e.listings().isEmpty()) {
      h.raw("<p class=\"muted\">暂无经营异常名录信息。</p>");
    }
    e.listings().forEach(l -> listingCard(h, l));
    return ok(h.page(e.entity().entityName()));
  }

  @GetMapping("/public/plans")
  ResponseEntity<byte[]> plans(@RequestParam(required = false) String year, @RequestParam(required = false) String page) {
    int[] p = records.paging(number("page", page), null);
    Integer y = number("year", year);
    Page<PublicPlan> plans = records.plans(y, p[0], p[1]);
    PublicHtml h = new PublicHtml(zone);
    h.raw("<h1>抽查计划</h1>")
        .raw("<form class=\"search\" method=\"get\" action=\"/public/plans\"><div class=\"field\"><label for=\"year\">年度</label>")
        .raw("<input id=\"year\" name=\"year\" inputmode=\"numeric\" maxlength=\"4\" value=\"").text(y == null ? "" : y)
        .raw("\"></div><button type=\"submit\">筛选</button></form>");
    if (plans.items().isEmpty()) {
      h.raw("<p class=\"muted\">暂无公示的抽查计划。</p>");
    }
    for (PublicPlan plan : plans.items()) {
      h.raw("<article class=\"card\"><h2 style=\"margin-top:0\"><a href=\"/public/plans/").raw(esc(segment(plan.planNumber())))
          .raw("\">").text(plan.name()).raw("</a>").raw(changeBadge(plan.changeKind(), plan.version())).raw("</h2><dl>")
          .row("计划编号", plan.planNumber()).row("抽查方式", plan.modeLabel()).row("牵头部门", plan.leadAuthority())
          .row("参与部门", String.join("、", plan.authorities())).row("抽取日期", date(plan.drawDate()))
          .row("公示时间", h.time(plan.publishedAt()))
          .row(plan.withdrawn() ? "撤回理由" : "更正理由", plan.changeReason()).raw("</dl></article>");
    }
    h.pager("/public/plans", y == null ? Map.of() : Map.of("year", y.toString()), plans);
    return ok(h.page("抽查计划"));
  }

  @GetMapping("/public/plans/{number}")
  ResponseEntity<byte[]> plan(@PathVariable String number, @RequestParam(required = false) String page) {
    int[] p = records.paging(number("page", page), null);
    Optional<PlanRecords> found = records.plan(number, p[0], p[1]);
    if (found.isEmpty()) {
      return notFound("没有编号为“" + number + "”的公示抽查计划。");
    }
    PlanRecords r = found.get();
    PublicPlan plan = r.plan();
    PublicHtml h = new PublicHtml(zone);
    h.raw("<h1>").text(plan.name()).raw(changeBadge(plan.changeKind(), plan.version())).raw("</h1>");
    if (plan.withdrawn()) {
      h.raw("<p class=\"card\"><strong>该抽查计划已于 ").text(h.time(plan.changedAt())).raw(" 撤回。</strong>撤回理由：")
          .text(plan.changeReason()).raw("<br><span class=\"muted\">以下为撤回前公示的内容，仅供查阅。</span></p>");
    }
    h.raw("<dl class=\"card\">")
        .row("计划编号", plan.planNumber()).row("年度", plan.year()).row("抽查方式", plan.modeLabel())
        .row("牵头部门", plan.leadAuthority()).row("参与部门", String.join("、", plan.authorities()))
        .row("抽取日期", date(plan.drawDate())).row("抽查事项清单版本", plan.catalogVersion())
        .row("备注", plan.remarks())
        .row("公示时间", h.time(plan.publishedAt())).row("公示期限", date(plan.deadline()))
        .row("版本", plan.version() > 1 ? "第 " + plan.version() + " 版" : null);
    if (plan.changeKind() == Disclosures.ChangeKind.CORRECTION) {
      h.row("更正时间", h.time(plan.changedAt())).row("更正原因", plan.changeReason());
    }
    h.raw("</dl>");
    h.raw("<h2>检查批次与抽取承诺值</h2>");
    for (Disclosures.Batch b : plan.batches()) {
      PublicDraw d = r.draws().stream().filter(x -> x.batch() == b.batch()).findFirst().orElse(null);
      h.raw("<article class=\"card\"><h3>第 ").text(b.batch()).raw(" 批：").text(date(b.from())).raw(" 至 ")
          .text(date(b.to()));
      if (d != null) {
        h.raw("<span class=\"badge").raw(d.drawn() ? "" : " warn").raw("\">").text(d.stateLabel()).raw("</span>")
            .raw(d.withdrawn() ? "<span class=\"badge gone\">已撤回</span>"
                : d.changeKind() == Disclosures.ChangeKind.CORRECTION ? "<span class=\"badge warn\">有更正说明</span>" : "");
      }
      h.raw("</h3>");
      if (d == null) {
        h.raw("<p class=\"muted\">尚未公布本批次的抽取承诺值。</p></article>");
        continue;
      }
      drawSummary(h, d);
      h.raw("<p><a href=\"/public/draws/").raw(esc(segment(d.drawId()))).raw("\">")
          .raw(d.drawn() ? "查看并核验第 " : "查看第 ").text(d.batch()).raw(" 批抽取记录（").text(d.drawId()).raw("）</a> · ")
          .raw("<a href=\"/public/api/draws/").raw(esc(segment(d.drawId()))).raw("\">JSON</a></p></article>");
    }
    h.raw("<h2>抽查事项</h2><div class=\"table stack\"><table><caption class=\"muted\">本计划抽查的事项</caption>")
        .raw("<thead><tr><th scope=\"col\">实施部门</th><th scope=\"col\">事项编码</th><th scope=\"col\">抽查事项</th>")
        .raw("<th scope=\"col\">检查方式</th><th scope=\"col\">抽查依据</th></tr></thead><tbody>");
    for (PlanItem item : r.items()) {
      // on a phone each item is a card of labelled lines (data-label), so 抽查依据 is never scrolled away
      h.raw("<tr><td data-label=\"实施部门\">").text(item.authority()).raw("</td><td data-label=\"事项编码\">")
          .text(item.itemCode()).raw("</td><td data-label=\"抽查事项\">").text(item.itemName())
          .raw("</td><td data-label=\"检查方式\">").text(DisclosureProjection.methodLabels(item.methods()))
          .raw("</td><td data-label=\"抽查依据\">").text(item.legalBasis()).raw("</td></tr>");
    }
    h.raw("</tbody></table></div>");
    if (r.versions().size() > 1) {
      h.raw("<h2>公示记录变更</h2><ol>");
      for (Disclosures.PlanVersion v : r.versions()) {
        h.raw("<li>版本 ").text(v.version()).raw(" · ").text(h.time(v.publishedAt())).raw(" · ")
            .text(v.changeKind().label());
        if (v.changeReason() != null) {
          h.raw(v.changeKind() == Disclosures.ChangeKind.WITHDRAWAL ? " · 撤回原因：" : " · 更正原因：")
              .text(v.changeReason());
        }
        h.raw(" · 计划名称：").text(v.name()).raw("</li>");
      }
      h.raw("</ol>");
    }
    h.raw("<h2>检查结果</h2>");
    if (r.results().items().isEmpty()) {
      h.raw("<p class=\"muted\">暂无公示的检查结果。</p>");
    }
    r.results().items().forEach(res -> resultCard(h, res, true));
    h.pager("/public/plans/" + segment(number), Map.of(), r.results());
    return ok(h.page(plan.name()));
  }

  @GetMapping("/public/results")
  ResponseEntity<byte[]> results(@RequestParam(required = false) String department,
      @RequestParam(required = false) String page) {
    int[] p = records.paging(number("page", page), null);
    String dep = department == null || department.isBlank() ? null : department.strip();
    Page<PublicResult> results = records.results(dep, null, p[0], p[1]);
    PublicHtml h = new PublicHtml(zone);
    h.raw("<h1>检查结果</h1><form class=\"search\" method=\"get\" action=\"/public/results\">")
        .raw("<div class=\"field\"><label for=\"department\">检查机关</label>").raw(departmentSelect(dep))
        .raw("</div><button type=\"submit\">筛选</button></form>");
    if (results.items().isEmpty()) {
      h.raw("<p class=\"muted\">暂无公示的检查结果。</p>");
    }
    results.items().forEach(r -> resultCard(h, r, true));
    Map<String, String> params = new LinkedHashMap<>();
    params.put("department", dep);
    h.pager("/public/results", params, results);
    return ok(h.page("检查结果"));
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
    PublicHtml h = new PublicHtml(zone);
    h.raw("<h1>检查结果公示</h1>");
    resultCard(h, current.shown(withdrawn), true);
    h.raw("<h2>公示记录变更</h2><ol>");
    for (PublicResult v : versions) {
      h.raw("<li>").text(h.time(v.publishedAt())).raw(" · ").text(v.changeKind().label());
      if (v.changeReason() != null) {
        h.raw("：").text(v.changeReason());
      }
      if (!withdrawn && v.changeKind() != Disclosures.ChangeKind.WITHDRAWAL) {
        h.raw(" · 检查结果：").text(v.resultLabel());
      }
      h.raw("</li>");
    }
    h.raw("</ol>");
    return ok(h.page("检查结果公示"));
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
    PublicHtml h = new PublicHtml(zone);
    h.raw("<h1>经营异常名录</h1><form class=\"search\" method=\"get\" action=\"/public/abnormal-list\">")
        .raw("<div class=\"field\"><label for=\"q\">企业名称或统一社会信用代码</label>")
        .raw("<input id=\"q\" name=\"q\" type=\"search\" maxlength=\"50\" value=\"").text(text).raw("\"></div>")
        .raw("<div class=\"field\"><label for=\"status\">状态</label><select id=\"status\" name=\"status\">")
        .raw(option("", "全部", s));
    PublicRecords.STATUSES.forEach((k, v) -> h.raw(option(k, v, s)));
    h.raw("</select></div><div class=\"field\"><label for=\"ground\">列入事由</label><select id=\"ground\" name=\"ground\">")
        .raw(option("", "全部", g)).raw(option("1", "未按规定报送年度报告", g))
        .raw(option("2", "未在责令期限内公示有关企业信息", g)).raw(option("3", "公示企业信息隐瞒真实情况、弄虚作假", g))
        .raw(option("4", "通过登记的住所或者经营场所无法联系", g)).raw("</select></div>")
        .raw("<div class=\"field\"><label for=\"department\">作出决定机关</label>").raw(departmentSelect(d)).raw("</div>")
        .raw("<div class=\"field\"><label for=\"year\">列入年度</label><input id=\"year\" name=\"year\" inputmode=\"numeric\"")
        .raw(" maxlength=\"4\" value=\"").text(y == null ? "" : y).raw("\"></div><button type=\"submit\">筛选</button></form>");
    if (entries.items().isEmpty()) {
      h.raw("<p class=\"muted\">没有符合条件的经营异常名录信息。</p>");
    }
    for (AbnormalEntry e : entries.items()) {
      h.raw("<article class=\"card\"><h2 style=\"margin-top:0\"><a href=\"/public/entities/").raw(esc(segment(e.uscc())))
          .raw("#listings\">").text(e.entityName()).raw("</a><span class=\"badge\">").text(e.statusLabel())
          .raw("</span></h2><dl>")
          .row("统一社会信用代码", e.uscc()).row("列入事由", e.groundLabel()).row("列入日期", date(e.listedOn()))
          .row("最近决定日期", date(e.changedOn())).row("决定书文号", e.decisionNumber()).row("作出决定机关", e.authority())
          .raw("</dl></article>");
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("q", text);
    params.put("status", s);
    params.put("ground", g);
    params.put("department", d);
    params.put("year", y == null ? null : y.toString());
    h.pager("/public/abnormal-list", params, entries);
    return ok(h.page("经营异常名录"));
  }

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<byte[]> badRequest(BadRequestException e) {
    PublicHtml h = new PublicHtml(zone);
    h.raw("<h1>输入有误</h1><ul>");
    e.errors().forEach(err -> h.raw("<li>").text(err.field()).raw("：").text(err.reason()).raw("</li>"));
    h.raw("</ul><p><a href=\"/public\">返回首页</a></p>");
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(PublicHtml.HTML).body(PublicHtml.utf8(h.page("输入有误")));
  }

  // ---------------------------------------------------------------- pieces

  private void resultCard(PublicHtml h, PublicResult r, boolean showEntity) {
    h.raw("<article class=\"card\"><h3><a href=\"/public/results/").text(r.id()).raw("\">")
        .text(r.taskName() == null ? r.taskNumber() : r.taskName()).raw("</a>");
    if (r.withdrawn()) {
      h.raw("<span class=\"badge gone\">已撤回</span>");
    } else if (r.version() > 1) {
      h.raw("<span class=\"badge warn\">已更正</span>");
    }
    h.raw("</h3>");
    if (r.withdrawn()) {
      h.raw("<p>该检查结果已于 ").text(h.time(r.publishedAt())).raw(" 撤回。撤回理由：").text(r.changeReason()).raw("</p>");
    }
    h.raw("<dl>").row("抽查计划", r.planName() + "（" + r.planNumber() + "）").row("任务编号", r.taskNumber())
        .row("检查类型", r.inspectionType()).row("检查机关", r.authority());
    if (showEntity) {
      h.raw("<dt>检查对象</dt><dd><a href=\"/public/entities/").raw(esc(segment(r.uscc()))).raw("\">")
          .text(r.entityName()).raw("</a></dd>");
    }
    h.row("统一社会信用代码", r.uscc()).row("检查完成日期", date(r.completedOn())).row("检查结果", r.resultLabel())
        .row("备注", r.remarks());
    if (!r.withdrawn() && r.version() > 1) {
      h.row("更正理由", r.changeReason());
    }
    h.row(r.withdrawn() ? "撤回时间" : "公示时间", h.time(r.publishedAt())).row("应公示期限", date(r.deadline())).raw("</dl></article>");
  }

  /** The public state of a draw on its plan's page: commitment, and once drawn the record; changes. */
  private void drawSummary(PublicHtml h, PublicDraw d) {
    if (d.withdrawn()) {
      h.raw("<p><strong>该抽取记录已于 ").text(h.time(d.changedAt())).raw(" 撤回。</strong>撤回原因：")
          .text(d.changeReason()).raw("</p>");
    }
    h.raw("<dl>").row("抽取承诺值", d.commitment()).row("承诺值公布时间", h.time(d.committedAt()));
    if (d.drawn()) {
      h.row("抽取时间", h.time(d.drawnAt()));
      if (Boolean.TRUE.equals(d.commitmentMatches())) {
        h.row("与抽取前公布的承诺值", "一致");
      } else if (Boolean.FALSE.equals(d.commitmentMatches())) {
        h.row("与抽取前公布的承诺值", "不一致：抽取记录中的承诺值与抽取前公布的承诺值不同，详见抽取记录");
      }
    } else {
      h.row("说明", "抽取前只公开承诺值（随机数的 SHA-256），随机数在抽取后公开，可据此核验抽取未被事后改变。");
    }
    if (d.changeKind() == Disclosures.ChangeKind.CORRECTION) {
      h.row("更正说明", d.changeReason()).row("更正时间", h.time(d.changedAt()));
    }
    h.raw("</dl>");
  }

  /** 已撤回 or 已更正 after a heading, or nothing for a record as first published. */
  static String changeBadge(Disclosures.ChangeKind kind, int version) {
    if (kind == Disclosures.ChangeKind.WITHDRAWAL) {
      return "<span class=\"badge gone\">已撤回</span>";
    }
    return version > 1 ? "<span class=\"badge warn\">已更正</span>" : "";
  }

  private void listingCard(PublicHtml h, PublicListing l) {
    PublicListing shown = l.shown(l.withdrawn());
    h.raw("<article class=\"card\"><h3>").text(shown.decisionLabel());
    if (l.withdrawn()) {
      h.raw("<span class=\"badge gone\">已撤回</span>");
    } else if (l.version() > 1) {
      h.raw("<span class=\"badge warn\">已更正</span>");
    }
    h.raw("</h3>");
    if (l.withdrawn()) {
      h.raw("<p>该决定的公示已于 ").text(h.time(l.publishedAt())).raw(" 撤回。撤回理由：").text(l.changeReason()).raw("</p>");
    }
    h.raw("<dl>").row("决定书文号", shown.decisionNumber()).row("作出决定日期", date(shown.decidedOn()))
        .row("作出决定机关", shown.authority()).row("列入事由", shown.groundLabel()).row("移出原因", shown.reasonLabel())
        .row("依据", shown.legalBasis());
    if (!l.withdrawn() && l.version() > 1) {
      h.row("更正理由", l.changeReason());
    }
    h.row(l.withdrawn() ? "撤回时间" : "公示时间", h.time(l.publishedAt())).raw("</dl></article>");
  }

  private String departmentSelect(String selected) {
    StringBuilder s = new StringBuilder("<select id=\"department\" name=\"department\">").append(option("", "全部", selected));
    organisation.departments().forEach(d -> s.append(option(d.code(), d.name(), selected)));
    return s.append("</select>").toString();
  }

  private static String option(String value, String label, String selected) {
    boolean on = value.equals(selected == null ? "" : selected);
    return "<option value=\"" + esc(value) + "\"" + (on ? " selected" : "") + ">" + esc(label) + "</option>";
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

  private ResponseEntity<byte[]> ok(String html) {
    return ResponseEntity.ok().contentType(PublicHtml.HTML).body(PublicHtml.utf8(html));
  }

  private ResponseEntity<byte[]> notFound(String message) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(PublicHtml.HTML)
        .body(PublicHtml.utf8(PublicHtml.notFoundPage(zone, message)));
  }
}
