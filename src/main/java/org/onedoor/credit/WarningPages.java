package org.onedoor.credit;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.credit.RiskWarningService.Warning;
import org.onedoor.credit.WarningViews.Choice;
import org.onedoor.credit.WarningViews.Fact;
import org.onedoor.platform.PersonNames;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.NotFoundException;
import org.onedoor.security.OrganisationProperties;
import org.onedoor.security.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Staff pages of risk warnings (issue 15 item 6), rendered from JTE templates:
 * {@code /staff/warnings} — a department's warnings, newest first, filtered by status, source, rule and day of
 * receipt, 20 a page — and {@code /staff/warnings/{id}} — one warning with its check, approval and targeted
 * inspection. Staff see their own departments' warnings, administrators every department's; anybody else 403.
 * A department asked to join a warning's targeted inspection (部门会签) may read that warning too.
 * Staff who may upload monitoring readings ({@link WarningUploads}: the source's department, administrators)
 * also find the card 监测数据导入 on the list (its script, static/staff/warnings/upload.js, calls the upload API).
 */
@Controller
class WarningPages {

  static final int PAGE_SIZE = 20;

  /**
   * Scripts and styles only from the application itself (the upload card's script is a static file: no inline
   * script, nothing from elsewhere); its calls go to this origin only.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private final RiskWarningService warnings;
  private final TargetedCountersign countersign;
  private final OrganisationProperties organisation;
  private final PersonNames names;
  private final ObjectProvider<WarningUploads> uploads;
  private final ZoneId zone;
  private final DateTimeFormatter time;

  WarningPages(RiskWarningService warnings, TargetedCountersign countersign, OrganisationProperties organisation,
      PersonNames names, CalendarProperties calendar, ObjectProvider<WarningUploads> uploads) {
    this.warnings = warnings;
    this.countersign = countersign;
    this.organisation = organisation;
    this.names = names;
    this.uploads = uploads;
    this.zone = calendar.zone();
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
  }

  /** The caller's departments, or null for an administrator (every department). */
  private List<String> departments(Authentication caller) {
    List<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    if (groups.contains(Role.CAMUNDA_ADMIN_GROUP)) {
      return null;
    }
    return organisation.departments().stream().map(OrganisationProperties.Department::code).filter(groups::contains)
        .toList();
  }

  @GetMapping("/staff/warnings")
  String list(@RequestParam(required = false) String department, @RequestParam(required = false) String status,
      @RequestParam(required = false) String source, @RequestParam(required = false) String rule,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "0") String page, Authentication caller, Model model, HttpServletResponse response) {
    List<String> mine = departments(caller);
    if (mine != null && mine.isEmpty()) {
      throw new AccessDeniedException("只有部门人员和系统管理员可以查看风险预警");
    }
    String dep = blank(department);
    if (dep != null && organisation.department(dep).isEmpty()) {
      dep = null;
    } else if (dep != null && mine != null && !mine.contains(dep)) {
      throw new AccessDeniedException("只能查看本部门的风险预警");
    }
    List<String> scope = dep != null ? List.of(dep) : mine;
    String error = null;
    LocalDate fromDay = null;
    LocalDate toDay = null;
    int pageNo = 0;
    RiskWarningService.Page result;
    try {
      fromDay = day(from, "from");
      toDay = day(to, "to");
      pageNo = number(page);
      result = warnings.list(new RiskWarningService.Filter(scope, blank(status), blank(source), blank(rule), fromDay,
          toDay), pageNo, PAGE_SIZE, zone);
    } catch (BadRequestException e) {
      error = String.join("；", e.errors().stream().map(x -> label(x.field()) + "：" + x.reason()).toList());
      result = new RiskWarningService.Page(List.of(), 0, PAGE_SIZE, 0);
      response.setStatus(400);
    }
    Instant now = ClockUtil.now().toInstant();
    List<WarningViews.Row> rows = new ArrayList<>();
    for (Warning w : result.items()) {
      boolean overdue = w.checkDueAt() != null && (w.checkedAt() == null ? now.isAfter(w.checkDueAt())
          : w.checkedAt().isAfter(w.checkDueAt()));
      rows.add(new WarningViews.Row(w.id(), time.format(w.receivedAt()), w.entityName(), w.uscc(),
          departmentName(w.department()), RiskWarningSection.source(w),
          RiskWarningService.LEVEL_LABELS.getOrDefault(w.level(), w.level()),
          RiskWarningService.STATUS_LABELS.getOrDefault(w.status(), w.status()),
          w.checkDueAt() == null ? "" : time.format(w.checkDueAt()), overdue,
          w.conclusion() == null ? "" : RiskWarningService.CONCLUSION_LABELS.getOrDefault(w.conclusion(), w.conclusion()),
          w.inspectionNumber()));
    }
    List<Choice> departments = new ArrayList<>();
    if (mine == null || mine.size() > 1) {
      departments.add(new Choice("", mine == null ? "全部部门" : "本人所在全部部门", dep == null));
    }
    for (OrganisationProperties.Department d : organisation.departments()) {
      if (mine == null || mine.contains(d.code())) {
        departments.add(new Choice(d.code(), d.name(), d.code().equals(dep)));
      }
    }
    int pages = (int) Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("department", dep);
    query.put("status", blank(status));
    query.put("source", blank(source));
    query.put("rule", blank(rule));
    query.put("from", blank(from));
    query.put("to", blank(to));
    String title = "风险预警 · " + (dep != null ? departmentName(dep)
        : mine == null ? "全部部门" : String.join("、", mine.stream().map(this::departmentName).toList()));
    model.addAttribute("view", new WarningViews.ListPage(title, departments,
        choices(RiskWarningService.STATUS_LABELS, blank(status), "全部状态"),
        choices(RiskWarningService.SOURCE_LABELS, blank(source), "全部来源"),
        choices(warnings.rules(scope).entrySet().stream().collect(java.util.stream.Collectors.toMap(
            Map.Entry::getKey, e -> e.getKey() + " " + e.getValue(), (a, b) -> a, java.util.TreeMap::new)),
            blank(rule), "全部规则"),
        fromDay == null ? "" : fromDay.toString(), toDay == null ? "" : toDay.toString(), error, rows, result.total(),
        pageNo, pages, pageNo > 0 ? link(query, pageNo - 1) : null, pageNo + 1 < pages ? link(query, pageNo + 1) : null,
        upload(caller)));
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    return "staff/warnings";
  }

  @GetMapping("/staff/warnings/{id:\\d+}")
  String detail(@PathVariable long id, Authentication caller, Model model, HttpServletResponse response) {
    Warning w = warnings.find(id).orElseThrow(() -> new NotFoundException("id", "没有编号为 " + id + " 的风险预警"));
    List<String> mine = departments(caller);
    if (mine != null && !mine.contains(w.department()) && !countersign.asked(w.id(), mine)) {
      throw new AccessDeniedException("只能查看本部门的风险预警，或请本部门会签定向检查的风险预警");
    }
    List<Fact> facts = List.of(
        new Fact("统一社会信用代码", w.uscc()),
        new Fact("部门", departmentName(w.department())),
        new Fact("来源", RiskWarningSection.source(w)),
        new Fact("预警等级", RiskWarningService.LEVEL_LABELS.getOrDefault(w.level(), w.level())),
        new Fact("收到时间", time.format(w.receivedAt())),
        new Fact("登记人", names.name(w.receivedBy())),
        new Fact("状态", RiskWarningService.STATUS_LABELS.getOrDefault(w.status(), w.status())),
        new Fact("核查期限", w.checkDueAt() == null ? "" : time.format(w.checkDueAt())));
    List<Fact> check = w.checkedAt() == null ? List.of() : List.of(
        new Fact("结论", RiskWarningService.CONCLUSION_LABELS.getOrDefault(w.conclusion(), w.conclusion())),
        new Fact("核查人", names.name(w.checkedBy())),
        new Fact("核查时间", time.format(w.checkedAt())
            + (w.checkDueAt() != null && w.checkedAt().isAfter(w.checkDueAt()) ? "（逾期）" : "（按期）")),
        new Fact("核查情况", w.findings()));
    List<Fact> decision = w.decidedAt() == null ? List.of() : List.of(
        new Fact("审批", "approved".equals(w.decision()) ? "批准开展定向检查" : "不批准"),
        new Fact("审批人", names.name(w.decidedBy())),
        new Fact("审批时间", time.format(w.decidedAt())),
        new Fact("检查事项", itemsText(w.inspectionItems())),
        new Fact("意见", w.decisionOpinion() == null ? "" : w.decisionOpinion()));
    List<Fact> countersigned = new ArrayList<>();
    for (TargetedCountersign.Countersign c : countersign.of(w.id())) {
      StringBuilder text = new StringBuilder(TargetedCountersign.STATUS_LABELS.getOrDefault(c.status(), c.status()));
      if (c.answeredAt() != null && !TargetedCountersign.LAPSED.equals(c.status())) {
        text.append("（").append(names.name(c.answeredBy())).append("，").append(time.format(c.answeredAt())).append("）");
      }
      if (TargetedCountersign.PENDING.equals(c.status())) {
        text.append("，会签期限 ").append(time.format(c.dueAt()));
      }
      text.append("；检查事项 ").append(String.join("、", c.items()));
      if (c.reason() != null) {
        text.append("；理由：").append(c.reason());
      }
      countersigned.add(new Fact(departmentName(c.department()), text.toString()));
    }
    model.addAttribute("view", new WarningViews.Detail(w.id(), "风险预警 #" + w.id(), w.entityName(), facts,
        w.description(), check, decision, countersigned, w.inspectionNumber()));
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    return "staff/warning";
  }

  /** The card 监测数据导入, for staff who may upload readings of some source (null for anyone else). */
  private WarningViews.Upload upload(Authentication caller) {
    WarningUploads offer = uploads.getIfAvailable();
    if (offer == null) {
      return null;
    }
    List<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    List<WarningUploads.Source> sources = offer.sourcesFor(caller.getName(), groups);
    if (sources.isEmpty()) {
      return null;
    }
    List<WarningViews.UploadSource> shown = sources.stream().map(s -> new WarningViews.UploadSource(s.name(), s.code(),
        departmentName(s.department()), String.join("、", s.indicators()))).toList();
    return new WarningViews.Upload(shown, offer.uploadPath(), offer.templatePath(), String.join("、", offer.columns()),
        offer.maxFileBytes() / (1024 * 1024) + " MB", String.format(java.util.Locale.ROOT, "%,d", offer.maxRows()),
        offer.maxFileBytes());
  }

  /** "市场监管局：RW-M1、RW-M2；文化和旅游局：RW-C1" from the stored "market:RW-M1,RW-M2;culture:RW-C1". */
  private String itemsText(String stored) {
    if (stored == null) {
      return "";
    }
    return String.join("；", org.onedoor.inspection.TargetedInspections.parseItems(stored).entrySet().stream()
        .map(e -> departmentName(e.getKey()) + "：" + String.join("、", e.getValue())).toList());
  }

  private String departmentName(String code) {
    return organisation.department(code).map(OrganisationProperties.Department::name).orElse(code);
  }

  private static List<Choice> choices(Map<String, String> labels, String selected, String all) {
    List<Choice> choices = new ArrayList<>();
    choices.add(new Choice("", all, selected == null));
    new java.util.TreeMap<>(labels).forEach((value, label) -> choices.add(new Choice(value, label, value.equals(selected))));
    return choices;
  }

  private static String link(Map<String, String> query, int page) {
    StringBuilder href = new StringBuilder("/staff/warnings?page=").append(page);
    query.forEach((k, v) -> {
      if (v != null) {
        href.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    });
    return href.toString();
  }

  private static String blank(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private static LocalDate day(String text, String field) {
    String t = blank(text);
    if (t == null) {
      return null;
    }
    try {
      return LocalDate.parse(t);
    } catch (DateTimeParseException e) {
      throw new BadRequestException(field, "应为 YYYY-MM-DD 格式的日期");
    }
  }

  private static int number(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new BadRequestException("page", "应为页码（从 0 开始）");
    }
  }

  private static String label(String field) {
    return switch (field) {
      case "status" -> "状态";
      case "source" -> "来源";
      case "rule" -> "规则";
      case "from" -> "开始日期";
      case "to" -> "结束日期";
      case "page" -> "页码";
      default -> field;
    };
  }
}
