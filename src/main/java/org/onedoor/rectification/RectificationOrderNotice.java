package org.onedoor.rectification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.onedoor.inspection.InspectionFacts;
import org.onedoor.listing.letter.LetterContent;
import org.onedoor.listing.letter.LetterRenderer;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * 责令改正通知书: the rectification order as a PDF, laid out like the decision letters of the abnormal list
 * (through their public {@link LetterRenderer}: A4, embedded subset font, Chinese line breaking). Rendered
 * on request from the stored order — the order number, the items, the period and its kind, the
 * deadline, the ordering department and the business — so it always shows the current deadline
 * (after an approved extension the new one, with the original named).
 */
@Service
public class RectificationOrderNotice {

  static final String TITLE = "责令改正通知书";

  private final Rectifications rectifications;
  private final InspectionFacts facts;
  private final LetterRenderer renderer;

  public RectificationOrderNotice(Rectifications rectifications, InspectionFacts facts, LetterRenderer renderer) {
    this.rectifications = rectifications;
    this.facts = facts;
    this.renderer = renderer;
  }

  /** The order of the department's latest rectification; 404 without one, 409 before the order is issued. */
  public Rectifications.Rectification order(String inspectionNumber, String department) {
    List<Rectifications.Rectification> all = rectifications.list(inspectionNumber).stream()
        .filter(r -> r.department().equals(department)).toList();
    if (all.isEmpty()) {
      throw new NotFoundException("department", "检查 " + inspectionNumber + " 没有 " + department + " 的责令改正");
    }
    Rectifications.Rectification r = all.get(all.size() - 1);
    if (r.orderNumber() == null || r.orderedAt() == null) {
      throw new ConflictException("责令改正通知书尚未下达");
    }
    return r;
  }

  /** What the notice says. */
  public LetterContent content(Rectifications.Rectification r) {
    InspectionFacts.Facts f = facts.facts(r.inspectionNumber());
    Map<String, String> business = facts.business(f.uscc());
    String authority = facts.departmentName(r.department());
    String name = business.get("name").isEmpty() ? f.uscc() : business.get("name");
    List<String> particulars = new ArrayList<>();
    particulars.add("统一社会信用代码：" + f.uscc());
    if (!business.get("address").isEmpty()) {
      particulars.add("住所（经营场所）：" + business.get("address"));
    }
    LocalDate ordered = rectifications.today(r.orderedAt());
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add("经查，本机关在“双随机、一公开”联合检查（检查编号 " + r.inspectionNumber() + "）中发现你单位存在下列问题，应予改正：");
    for (String item : r.orderItems().strip().split("\\R+")) {
      if (!item.isBlank()) {
        paragraphs.add(item.strip());
      }
    }
    String period = r.period() == null ? "" : "（整改期限 " + r.period() + "，自本通知书下达之日的次日起算）";
    paragraphs.add("现责令你单位于" + chinese(r.deadline()) + "前改正上述问题" + period + "。");
    r.extensions().stream().filter(e -> "APPROVED".equals(e.status())).findFirst().ifPresent(e ->
        paragraphs.add("经你单位申请，本机关已批准延期，整改期限由" + chinese(e.originalDeadline()) + "延至"
            + chinese(e.requestedDeadline()) + "。"));
    paragraphs.add("请于整改期限届满前将整改情况书面报告本机关；确有困难需要延期的，应当在期限届满前提出书面申请。"
        + "逾期不改正的，本机关将依法处理。");
    String remedies = "你单位如不服本通知，可以自收到本通知书之日起六十日内依法申请行政复议，也可以在六个月内依法向人民法院提起行政诉讼。";
    return new LetterContent(authority, TITLE, r.orderNumber(), name + "：", particulars, paragraphs, remedies,
        chinese(ordered));
  }

  /** The notice as a PDF, dated at the order. */
  public byte[] pdf(String inspectionNumber, String department) {
    Rectifications.Rectification r = order(inspectionNumber, department);
    return render(r, r.orderedAt());
  }

  byte[] render(Rectifications.Rectification r, Instant at) {
    return renderer.render(content(r), at);
  }

  static String chinese(LocalDate date) {
    return date == null ? "" : date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
  }
}
