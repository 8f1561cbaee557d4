package org.onedoor.oversight;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.oversight.OversightService.DepartmentFigures;
import org.onedoor.oversight.OversightService.Figures;
import org.onedoor.oversight.OversightService.MonthFigures;
import org.onedoor.security.OrganisationProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * The supervision dashboard page {@code /staff/oversight?year=&department=} (HTTP Basic, managers and
 * admins): the figures as cards with their targets, a table per department and the on-time publication
 * per month. Rendered on the server, no JavaScript; phone first (360 px).
 */
@Controller
class OversightPage {

  private static final String CSS = """
      *,*::before,*::after{box-sizing:border-box}
      body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
        font-size:16px;line-height:1.5;color:#1f2933;background:#f3f5f7}
      .bar{background:#b71c1c;color:#fff;padding:12px 16px}
      .bar h1{margin:0;font-size:1.3rem}
      .bar .sub{margin:2px 0 0;font-size:.9rem;opacity:.9}
      main{max-width:1100px;margin:0 auto;padding:10px}
      .card{background:#fff;border:1px solid #d9dee3;border-radius:6px;padding:12px 14px;margin-bottom:12px}
      h2{font-size:1.1rem;margin:0 0 8px}
      .filter{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}
      .filter label{display:flex;flex-direction:column;font-size:.85rem;color:#52606d}
      .filter input,.filter select,.filter button{font:inherit;min-height:44px;padding:6px;border:1px solid #9aa5b1;
        border-radius:4px;background:#fff;max-width:100%}
      .filter input{width:7em}
      .filter button{background:#b71c1c;color:#fff;border:0;padding:8px 20px;font-weight:600}
      .figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,220px),1fr));gap:10px;margin-bottom:12px}
      .figure{background:#fff;border:1px solid #d9dee3;border-radius:6px;padding:12px 14px}
      .figure h3{margin:0;font-size:.95rem;color:#52606d;font-weight:600}
      .figure .value{font-size:1.8rem;font-weight:700;margin:4px 0}
      .figure p{margin:0;font-size:.85rem;color:#52606d;overflow-wrap:anywhere}
      .met,.unmet,.nodata{display:inline-block;border-radius:3px;padding:0 6px;font-size:.85rem;font-weight:600}
      .met{background:#e3f4e4;color:#1b5e20}.unmet{background:#fdecea;color:#8a1c1c}.nodata{background:#eceff1;color:#52606d}
      .table-wrap{overflow-x:auto}
      table{border-collapse:collapse;width:100%;font-size:.95rem}
      th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e4e7eb;vertical-align:top}
      th{background:#f5f7fa;white-space:nowrap}
      td{overflow-wrap:anywhere}
      .notes{font-size:.85rem;color:#52606d;padding-left:1.2em;margin:0}
      a{color:#1565c0}
      @media (max-width:719px){
        table,thead,tbody,tr,th,td{display:block}
        thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        tr{border:1px solid #e4e7eb;border-radius:4px;margin-bottom:8px;padding:4px 0}
        td{border:0;padding:2px 8px}
        td[data-label]::before{content:attr(data-label) "：";color:#52606d;font-size:.85rem}
      }
      @media (min-width:720px){main{padding:20px}}
      """;

  private final OversightService oversight;
  private final OrganisationProperties organisation;

  OversightPage(OversightService oversight, OrganisationProperties organisation) {
    this.oversight = oversight;
    this.organisation = organisation;
  }

  @GetMapping("/staff/oversight")
  ResponseEntity<String> page(@RequestParam(required = false) String year,
      @RequestParam(required = false) String department, Authentication caller) {
    OversightAccess.requireManager(caller);
    LocalDate today = oversight.today(ClockUtil.now().toInstant());
    Figures f = oversight.figures(oversight.year(year, today), oversight.department(department), today);
    DepartmentFigures t = f.total();
    StringBuilder html = new StringBuilder(16384);
    html.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>监管工作指标 ").append(f.year()).append(" · onedoor 双随机、一公开</title>")
        .append("<style>").append(CSS).append("</style></head><body>")
        .append("<header class=\"bar\"><h1>监管工作指标</h1><p class=\"sub\" id=\"scope\">").append(f.year())
        .append(" 年 · ").append(esc(t.name())).append(" · 截至 ").append(f.asOf()).append("</p></header><main>");

    html.append("<form class=\"card filter\" method=\"get\" action=\"/staff/oversight\" aria-label=\"选择年度和部门\">")
        .append("<label>年度<input type=\"number\" name=\"year\" min=\"").append(OversightService.MIN_YEAR)
        .append("\" max=\"").append(OversightService.MAX_YEAR).append("\" value=\"").append(f.year()).append("\"></label>")
        .append("<label>部门<select name=\"department\"><option value=\"\">全部部门</option>");
    for (OrganisationProperties.Department d : organisation.departments()) {
      html.append("<option value=\"").append(esc(d.code())).append('"')
          .append(d.code().equals(f.department()) ? " selected" : "").append('>').append(esc(d.name())).append("</option>");
    }
    html.append("</select></label><button type=\"submit\">查看</button></form>");

    html.append("<section aria-labelledby=\"figures-title\"><h2 id=\"figures-title\">主要指标</h2><div class=\"figures\">");
    figure(html, "plan-completion", "计划完成率", t.planCompletion().display(),
        "检查全部办结的计划 " + t.planCompletion().numerator() + " / 已发布计划 " + t.planCompletion().denominator(), null);
    figure(html, "on-time", "按时公示率", t.onTimePublication().display(),
        "按期公示 " + t.onTimePublication().numerator() + " / 已公示 " + t.onTimePublication().denominator(),
        target("目标 100%", t.onTimeMet()));
    figure(html, "follow-up", "后续处置完成率", t.followUpCompletion().display(),
        "已复查 " + t.followUpCompletion().numerator() + " / 到期的责令改正 " + t.followUpCompletion().denominator(), null);
    figure(html, "joint-share", "联合检查占比", t.jointShare().display(),
        "联合检查 " + t.jointShare().numerator() + " / 开启的检查 " + t.jointShare().denominator(),
        target("目标 ≥ " + Figure.percent(f.jointShareTarget()), t.jointShareMet()));
    figure(html, "visits-saved", "联合检查减少上门次数", String.valueOf(t.visitsSaved()),
        "联合检查替代的各部门单独上门次数", null);
    figure(html, "per-entity", "每户年均检查次数", t.inspectionsPerEntity().display(),
        "检查 " + t.inspectionsPerEntity().inspections() + " 次 / 对象 " + t.inspectionsPerEntity().entities()
            + " 户；单户最多 " + t.inspectionsPerEntity().highest() + " 次", null);
    html.append("</div></section>");

    html.append("<section class=\"card\" id=\"departments\" aria-labelledby=\"departments-title\">")
        .append("<h2 id=\"departments-title\">各部门指标</h2><div class=\"table-wrap\"><table><thead><tr>");
    List<String> headers = List.of("部门", "计划完成率", "按时公示率", "后续处置完成率", "联合检查占比", "减少上门次数",
        "每户检查次数");
    headers.forEach(h -> html.append("<th scope=\"col\">").append(h).append("</th>"));
    html.append("</tr></thead><tbody>");
    for (DepartmentFigures d : f.departments()) {
      html.append("<tr id=\"department-").append(esc(d.code())).append("\">");
      cell(html, headers.get(0), esc(d.name()));
      cell(html, headers.get(1), rate(d.planCompletion()));
      cell(html, headers.get(2), rate(d.onTimePublication()) + rowBadge(d.onTimeMet()));
      cell(html, headers.get(3), rate(d.followUpCompletion()));
      cell(html, headers.get(4), rate(d.jointShare()) + rowBadge(d.jointShareMet()));
      cell(html, headers.get(5), String.valueOf(d.visitsSaved()));
      OversightService.EntityLoad load = d.inspectionsPerEntity();
      cell(html, headers.get(6), esc(load.display()) + (load.entities() == 0 ? ""
          : "（" + load.inspections() + " / " + load.entities() + "，最多 " + load.highest() + "）"));
      html.append("</tr>");
    }
    html.append("</tbody></table></div></section>");

    html.append("<section class=\"card\" id=\"months\" aria-labelledby=\"months-title\">")
        .append("<h2 id=\"months-title\">按月按时公示率</h2><div class=\"table-wrap\"><table><thead><tr>")
        .append("<th scope=\"col\">月份</th><th scope=\"col\">按时公示率</th><th scope=\"col\">目标 100%</th></tr></thead><tbody>");
    for (MonthFigures m : f.months()) {
      html.append("<tr>");
      cell(html, "月份", m.month());
      cell(html, "按时公示率", rate(m.onTimePublication()));
      cell(html, "目标 100%", badge(m.onTimeMet()));
      html.append("</tr>");
    }
    html.append("</tbody></table></div>");
    if (!f.departmentMonths().isEmpty()) {
      html.append("<h2 id=\"department-months-title\">各部门按月按时公示</h2><div class=\"table-wrap\"><table><thead><tr>")
          .append("<th scope=\"col\">月份</th><th scope=\"col\">部门</th><th scope=\"col\">按时公示率</th>")
          .append("<th scope=\"col\">目标 100%</th></tr></thead><tbody>");
      for (MonthFigures m : f.departmentMonths()) {
        html.append("<tr>");
        cell(html, "月份", m.month());
        cell(html, "部门", esc(m.departmentName()));
        cell(html, "按时公示率", rate(m.onTimePublication()));
        cell(html, "目标 100%", badge(m.onTimeMet()));
        html.append("</tr>");
      }
      html.append("</tbody></table></div>");
    }
    html.append("</section>");

    html.append("<section class=\"card\" aria-labelledby=\"notes-title\"><h2 id=\"notes-title\">指标口径</h2><ul class=\"notes\">")
        .append("<li>计划完成率：本年度已发布的抽查计划中，各批次均已开启检查且抽中对象的检查全部办结的计划所占比例。</li>")
        .append("<li>按时公示率：按公示月份统计，首次公示在期限（20 个工作日）内的比例，目标 100%。</li>")
        .append("<li>后续处置完成率：整改期限在本年度且已届满（或已复查）的责令改正中，已复查（已改正或移送）的比例。</li>")
        .append("<li>联合检查占比：本年度开启的检查中，2 个及以上部门参加的检查所占比例，目标不低于 ")
        .append(Figure.percent(f.jointShareTarget())).append("。</li>")
        .append("<li>分母为 0 时显示“无数据”。各部门数字按参加部门计，加总可能多于全部部门合计。</li>")
        .append("</ul></section>");
    html.append("</main></body></html>");
    return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
        .header("Cache-Control", "no-store").body(html.toString());
  }

  private static void figure(StringBuilder html, String id, String title, String value, String detail, String target) {
    html.append("<div class=\"figure\" id=\"figure-").append(id).append("\"><h3>").append(esc(title)).append("</h3>")
        .append("<div class=\"value\">").append(esc(value)).append("</div><p>").append(esc(detail)).append("</p>");
    if (target != null) {
      html.append("<p>").append(target).append("</p>");
    }
    html.append("</div>");
  }

  private static String target(String label, Boolean met) {
    return esc(label) + " " + badge(met);
  }

  private static String badge(Boolean met) {
    if (met == null) {
      return "<span class=\"nodata\">无数据</span>";
    }
    return met ? "<span class=\"met\">达标</span>" : "<span class=\"unmet\">未达标</span>";
  }

  /** In a table the rate already says 无数据: a badge only when the target is met or missed. */
  private static String rowBadge(Boolean met) {
    return met == null ? "" : " " + badge(met);
  }

  private static String rate(Figure f) {
    return esc(f.display()) + (f.denominator() == 0 ? "" : "（" + f.numerator() + " / " + f.denominator() + "）");
  }

  private static void cell(StringBuilder html, String label, String valueHtml) {
    html.append("<td data-label=\"").append(esc(label)).append("\">").append(valueHtml).append("</td>");
  }

  private static String esc(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
  }
}
