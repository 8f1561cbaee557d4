package org.onedoor.credit;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.directory.DirectoryEntity;
import org.onedoor.directory.EntityDirectory;
import org.onedoor.directory.Uscc;
import org.onedoor.inspection.InspectionSection.Link;
import org.onedoor.inspection.InspectionSection.Table;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The staff entity page {@code /staff/entities/{uscc}} (JTE template {@code staff/entity.jte}): the
 * business from the directory, its credit class and risk level in force and after the pending changes,
 * and every cause weighed with its rule, reason, old and new values and when it took effect (R13,
 * issue 15). Internal: staff holding a role, with HTTP Basic or the Tasklist sign-in (SecurityConfig);
 * linked from the inspection file. Never part of the public site.
 */
@Controller
class EntityPages {

  private final EntityDirectory directory;
  private final CreditFeedback feedback;
  private final CommitmentChecks commitments;
  private final DateTimeFormatter time;

  EntityPages(EntityDirectory directory, CreditFeedback feedback, CommitmentChecks commitments,
      CalendarProperties calendar) {
    this.directory = directory;
    this.feedback = feedback;
    this.commitments = commitments;
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(calendar.zone());
  }

  @GetMapping("/staff/entities/{uscc}")
  String page(@PathVariable String uscc, Model model, HttpServletResponse response) {
    String code = Uscc.normalise(uscc);
    DirectoryEntity e = directory.find(code)
        .orElseThrow(() -> new NotFoundException("uscc", "名录库中没有统一社会信用代码为 " + code + " 的检查对象"));
    CreditFeedback.EntityCredit credit = feedback.of(code).orElseThrow();
    List<CreditFeedback.Change> history = credit.history();
    String pendingNote = history.stream().filter(c -> CreditFeedback.PENDING.equals(c.status()))
        .map(c -> c.effectiveOn().toString()).findFirst().map(d -> "待 " + d + " 月度重算时生效").orElse(null);
    boolean pending = !credit.projected().equals(credit.inForce());
    model.addAttribute("e", new EntityCreditSummary(e.uscc(), e.name(), e.status(), e.type(), e.category(), e.region(),
            classLabel(credit.inForce().creditClass()), levelLabel(credit.inForce().riskLevel()),
            pending ? classLabel(credit.projected().creditClass()) : null,
            pending ? levelLabel(credit.projected().riskLevel()) : null, pending ? pendingNote : null))
        .addAttribute("history", new Table(
            List.of("提出时间", "来源", "事由", "连续未发现问题", "适用规则", "理由", "调整前", "调整后", "生效"),
            history.stream().map(this::row).toList()))
        .addAttribute("links", links(history))
        .addAttribute("commitment", e.commitment() ? "已作出信用承诺" : "未作出信用承诺");
    List<CommitmentChecks.Check> checks = commitments.of(code);
    model.addAttribute("checks", new Table(List.of("发现时间", "检查", "核查发现", "处置方式", "处置理由", "决定", "文书"),
            checks.stream().map(c -> List.of(at(c.foundAt()), c.inspectionNumber() + "\n" + c.facts(), c.findingLabel(),
                c.dispositionLabel() + (c.changeItems() == null ? "" : "\n应变更事项：" + c.changeItems()),
                c.dispositionReason() == null ? "" : c.dispositionReason(),
                c.decidedBy() == null ? "" : c.decidedBy() + " " + at(c.decidedAt()),
                c.noticeNumber() == null ? "" : c.noticeNumber())).toList()))
        .addAttribute("checkLinks", checks.stream().filter(c -> c.noticeNumber() != null)
            .map(c -> new Link(c.noticeNumber(), "/staff/entities/" + code + "/commitment-checks/" + c.id() + "/notice.pdf"))
            .toList());
    response.setHeader("Cache-Control", "no-store");
    return "staff/entity";
  }

  private List<String> row(CreditFeedback.Change c) {
    return List.of(at(c.proposedAt()), CreditFeedback.causeLabel(c.causeKind()),
        c.causeId() + (c.causeDetail() == null ? "" : "\n" + c.causeDetail()),
        c.cleanResults() == 0 ? "" : String.valueOf(c.cleanResults()),
        c.ruleId() == null ? "" : c.ruleId(), c.reason(),
        rating(c.before()), rating(c.after()), effect(c));
  }

  private String effect(CreditFeedback.Change c) {
    return switch (c.status()) {
      case CreditFeedback.PENDING -> "待生效：" + c.effectiveOn() + " 月度重算";
      case CreditFeedback.EFFECTIVE -> "已生效 " + at(c.effectiveAt()) + "\n" + effectiveBy(c.effectiveBy());
      case CreditFeedback.SUPERSEDED -> "未生效：被第 " + c.effectiveBy().substring("superseded:".length())
          + " 号（导入的分类结果）取代";
      default -> "不调整";
    };
  }

  private static String effectiveBy(String by) {
    if (by == null) {
      return "";
    }
    if (by.equals(CreditFeedback.IMMEDIATE)) {
      return "（立即生效）";
    }
    if (by.equals(CreditFeedback.IMPORT)) {
      return "（导入即生效）";
    }
    if (by.startsWith("recalculation:")) {
      return "（" + by.substring("recalculation:".length()) + " 月度重算）";
    }
    if (by.startsWith("with:")) {
      return "（随第 " + by.substring("with:".length()) + " 号调整一并生效）";
    }
    return by;
  }

  /** The inspection files and listing cases the causes came from, once each. */
  private static List<Link> links(List<CreditFeedback.Change> history) {
    List<Link> links = new ArrayList<>();
    for (CreditFeedback.Change c : history) {
      Link link = switch (c.causeKind()) {
        case CreditFeedback.RESULT, CreditFeedback.RECTIFICATION ->
            new Link("检查 " + c.causeId(), "/staff/inspections/" + c.causeId());
        case CreditFeedback.LISTING, CreditFeedback.REMOVAL ->
            new Link("经营异常案件 " + c.causeId(), "/staff/listings/" + c.causeId());
        default -> null;
      };
      if (link != null && !links.contains(link)) {
        links.add(link);
      }
    }
    return links;
  }

  static String rating(CreditFeedback.Rating r) {
    return classLabel(r.creditClass()) + "，" + levelLabel(r.riskLevel());
  }

  static String classLabel(String creditClass) {
    return creditClass + " 类";
  }

  static String levelLabel(String level) {
    return switch (level) {
      case "high" -> "高风险";
      case "medium" -> "中风险";
      case "low" -> "低风险";
      default -> level;
    };
  }

  private String at(Instant instant) {
    return instant == null ? "" : time.format(instant);
  }
}
