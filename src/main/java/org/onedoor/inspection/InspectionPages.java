package org.onedoor.inspection;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.onedoor.calendar.CalendarProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.HtmlUtils;

/**
 * Staff pages of an inspection (HTTP Basic, see SecurityConfig), linked from task forms:
 * {@code /staff/inspections/{number}} — the detail rendered on the server (departments, every section as
 * a table, the audit trail), phone-friendly — and {@code /staff/inspections/{number}/evidence}, the
 * evidence page (static HTML and JS calling the evidence API).
 */
@Controller
class InspectionPages {

  private final InspectionDetails details;
  private final InspectionAccess access;
  private final DateTimeFormatter time;

  private final org.onedoor.platform.PersonNames names;

  InspectionPages(InspectionDetails details, InspectionAccess access, CalendarProperties calendar,
      org.onedoor.platform.PersonNames names) {
    this.names = names;
    this.details = details;
    this.access = access;
    ZoneId zone = calendar.zone();
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
  }

  @GetMapping("/staff/inspections/{number}/evidence")
  String evidence(@PathVariable String number, Authentication caller) {
    access.requireAccess(number, caller);
    return "forward:/staff/inspection/evidence.html";
  }

  @GetMapping("/staff/inspections/{number}")
  ResponseEntity<String> detail(@PathVariable String number, Authentication caller) {
    access.requireAccess(number, caller);
    InspectionDetails.StaffView view = details.page(number);
    InspectionDetails.Summary s = view.inspection();
    StringBuilder html = new StringBuilder(8192);
    String n = esc(s.number());
    html.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>检查 ").append(n).append(" · onedoor 双随机、一公开</title>")
        .append("<link rel=\"stylesheet\" href=\"/staff/inspection/inspection.css\"></head><body>")
        .append("<header class=\"bar\"><h1>检查 <span id=\"number\">").append(n).append("</span></h1>")
        .append("<p class=\"sub\">").append(esc(s.entityName() == null ? "（名录中无此对象）" : s.entityName()))
        .append("　").append(esc(s.uscc())).append("</p></header><main>");
    html.append("<section class=\"card\" aria-labelledby=\"basics\"><h2 id=\"basics\">基本情况</h2><dl class=\"facts\">")
        .append(fact("状态", "<strong id=\"status\">" + esc(s.statusLabel()) + "</strong>"))
        .append(fact("抽查计划", esc(s.planNumber()) + "（第 " + s.batch() + " 批）"))
        .append(fact("开启时间", esc(at(s.openedAt()))))
        .append(fact("完成时间", s.doneAt() == null ? "—" : esc(at(s.doneAt()))))
        .append("</dl><p class=\"links\"><a id=\"evidence-link\" href=\"/staff/inspections/").append(n)
        .append("/evidence\">证据材料（上传、查看）</a></p></section>");

    List<List<String>> departmentRows = view.departments().stream().map(d -> List.of(
        d.name() + "（" + d.code() + "）",
        d.flagged() ? "由科长办理：" + d.flagReason()
            : String.join("、", d.inspectors().stream().map(i -> (i.name() == null ? "" : i.name()) + " " + i.staffNumber()).toList()),
        d.result() == null ? "未记录" : d.result().code() + " " + d.result().label(),
        d.result() == null || d.result().remarks() == null ? "" : d.result().remarks())).toList();
    table(html, "departments", "参加部门与检查人员", new InspectionSection.Table(
        List.of("部门", "检查人员", "检查结果", "说明"), departmentRows));
    for (InspectionDetails.TitledTable t : view.tables()) {
      table(html, "section-" + t.key(), t.title(), t.table());
      links(html, t.key(), t.links());
    }
    List<List<String>> auditRows = view.audit().stream().map(e -> List.of(at(e.occurredAt()),
        details.departmentName(e.department()), actor(e), e.summary(), e.reason() == null ? "" : e.reason())).toList();
    table(html, "audit", "全过程记录", new InspectionSection.Table(List.of("时间", "部门", "操作人", "事项", "理由"), auditRows));
    html.append("</main></body></html>");
    return ResponseEntity.ok().contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
        .header("Cache-Control", "no-store").body(html.toString());
  }

  /** The actor with their own department(s), e.g. "wuhao（文化和旅游局）": never the record's department. */
  private String actor(InspectionAudit.Event e) {
    if (e.actor() == null) {
      return "";
    }
    if (e.actorDepartment() == null || e.actorDepartment().isBlank()) {
      return names.name(e.actor());
    }
    return names.name(e.actor()) + "（" + String.join("、", java.util.Arrays.stream(e.actorDepartment().split(","))
        .map(details::departmentName).toList()) + "）";
  }

  private String at(java.time.Instant instant) {
    return instant == null ? "" : time.format(instant);
  }

  private static String fact(String label, String valueHtml) {
    return "<div><dt>" + esc(label) + "</dt><dd>" + valueHtml + "</dd></div>";
  }

  /** A section's links, after its card; each opens in a new tab. */
  private static void links(StringBuilder html, String key, List<InspectionSection.Link> links) {
    if (links == null || links.isEmpty()) {
      return;
    }
    html.append("<p class=\"links\" id=\"links-").append(esc(key)).append("\">");
    for (int i = 0; i < links.size(); i++) {
      InspectionSection.Link link = links.get(i);
      html.append(i == 0 ? "" : " · ").append("<a href=\"").append(esc(link.href()))
          .append("\" target=\"_blank\" rel=\"noopener\">").append(esc(link.label())).append("</a>");
    }
    html.append("</p>");
  }

  private static void table(StringBuilder html, String id, String title, InspectionSection.Table table) {
    html.append("<section class=\"card\" id=\"").append(esc(id)).append("\" aria-labelledby=\"").append(esc(id))
        .append("-title\"><h2 id=\"").append(esc(id)).append("-title\">").append(esc(title)).append("</h2>");
    if (table == null || table.rows().isEmpty()) {
      html.append("<p class=\"none\">无</p></section>");
      return;
    }
    html.append("<div class=\"table-wrap\"><table><thead><tr>");
    for (String header : table.headers()) {
      html.append("<th scope=\"col\">").append(esc(header)).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    for (List<String> row : table.rows()) {
      html.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        String label = i < table.headers().size() ? table.headers().get(i) : "";
        html.append("<td data-label=\"").append(esc(label)).append("\">")
            .append(esc(row.get(i)).replace("\n", "<br>")).append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</tbody></table></div></section>");
  }

  private static String esc(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
  }
}
