package org.onedoor.listing.letter;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.onedoor.listing.ListingDecided;
import org.onedoor.listing.ListingDecided.Kind;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;

/**
 * The official wording of the decision letters (行政决定书) of the abnormal operations list: one
 * title and body per decision kind, with the individual-business variants (标记经营异常状态,
 * 恢复正常记载状态) and the remedies clause every letter carries (R9: administrative reconsideration
 * within 60 days of receipt, administrative lawsuit within 6 months).
 */
public final class LetterWording {

  /** The R9 grounds as the 2014 rules (暂行办法 art. 4) word them, used when the event has no label. */
  static final Map<String, String> GROUNDS =
      Map.of(
          "1", "未按照《企业信息公示暂行条例》规定的期限公示年度报告",
          "2", "未在市场监督管理部门依法责令的期限内公示有关企业信息",
          "3", "公示企业信息隐瞒真实情况、弄虚作假",
          "4", "通过登记的住所或者经营场所无法联系");

  /** The R11 removal reasons (code 1–4, one per ground). */
  static final Map<String, String> REMOVAL_REASONS =
      Map.of(
          "1", "已补报未报年份的年度报告并公示",
          "2", "已履行即时信息公示义务",
          "3", "已更正其公示的信息",
          "4", "已依法办理住所或者经营场所变更登记，或者通过登记的住所或者经营场所可以重新取得联系");

  static final int MAX_FIELD = 4000;

  private LetterWording() {}

  /** The letter's title for a decision kind. */
  public static String title(Kind kind, boolean individualBusiness) {
    return switch (kind) {
      case LISTED -> individualBusiness ? "标记经营异常状态决定书" : "列入经营异常名录决定书";
      case OBJECTION_REJECTED -> individualBusiness ? "经营异常状态异议处理决定书" : "经营异常名录异议处理决定书";
      case REVOKED -> individualBusiness ? "撤销标记经营异常状态决定书" : "撤销列入经营异常名录决定书";
      case REMOVED -> individualBusiness ? "恢复正常记载状态决定书" : "移出经营异常名录决定书";
      case SERIOUS_LISTED -> "列入严重违法失信名单决定书";
    };
  }

  /** A date as letters write it: 2026年3月5日. */
  public static String chineseDate(LocalDate date) {
    return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
  }

  /** The remedies clause. */
  public static String remedies(boolean individualBusiness, LetterProperties settings) {
    String party = individualBusiness ? "你户" : "你单位";
    String reconsideration =
        settings.reconsiderationBody() == null ? "依法申请行政复议" : "向" + settings.reconsiderationBody() + "申请行政复议";
    String court = settings.court() == null ? "人民法院" : settings.court();
    return party + "如不服本决定，可以自收到本决定书之日起六十日内" + reconsideration
        + "，也可以在六个月内依法向" + court + "提起行政诉讼。";
  }

  /**
   * Words the letter for a decision. Every missing or unprintable field is reported at once as a
   * {@link BadRequestException} naming the event's field; {@code printable} tells whether the
   * letter's font has a glyph for a code point.
   */
  public static LetterContent compose(ListingDecided d, LetterProperties settings, IntPredicate printable) {
    List<FieldError> errors = new ArrayList<>();
    if (d.kind() == null) {
      throw new BadRequestException("kind", "缺少决定种类");
    }
    String number = text(errors, "decisionNumber", d.decisionNumber(), 60, true, printable);
    String name = text(errors, "entityName", d.entityName(), 200, true, printable);
    String uscc = text(errors, "uscc", d.uscc(), 30, true, printable);
    String authority = text(errors, "authority", d.authority(), 100, true, printable);
    String facts = text(errors, "facts", d.facts(), MAX_FIELD, true, printable);
    String basis = text(errors, "legalBasis", d.legalBasis(), 1000, true, printable);
    String reason =
        text(errors, "reason", d.reason(), MAX_FIELD, d.kind() == Kind.OBJECTION_REJECTED, printable);
    String ground = text(errors, "groundLabel", d.groundLabel(), 200, false, printable);
    if (ground == null) {
      ground = d.ground() == null ? null : GROUNDS.get(d.ground().strip());
      if (ground == null) {
        errors.add(new FieldError("ground", "未知的列入事由：" + d.ground() + "（应为 1–4）"));
      }
    }
    String removalReason = null;
    if (d.kind() == Kind.REMOVED) {
      removalReason = d.reasonCode() == null ? null : REMOVAL_REASONS.get(d.reasonCode().strip());
      if (removalReason == null) {
        errors.add(new FieldError("reasonCode", "未知的移出原因：" + d.reasonCode() + "（应为 1–4）"));
      }
    }
    if (d.decidedOn() == null) {
      errors.add(new FieldError("decidedOn", "缺少决定日期"));
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }

    boolean individual = d.individualBusiness();
    String you = individual ? "你户" : "你单位";
    String listedPhrase = individual ? "被标记为经营异常状态" : "被列入经营异常名录";
    String listingDecision = individual ? "将" + you + "标记为经营异常状态的决定" : "将" + you + "列入经营异常名录的决定";
    List<String> paragraphs = new ArrayList<>();
    List<String> factLines = facts.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    switch (d.kind()) {
      case LISTED -> {
        addFacts(paragraphs, "经查，", factLines);
        paragraphs.add("本局认为，" + you + "的上述情形属于" + sentenceFree(ground) + "的情形。");
        addReason(paragraphs, reason);
        paragraphs.add("依据" + sentenceFree(basis) + "的规定，本局决定"
            + (individual ? "将你户标记为经营异常状态" : "将你单位列入经营异常名录") + "，并向社会公示。");
      }
      case OBJECTION_REJECTED -> {
        paragraphs.add(you + "对" + listedPhrase + "（事由：" + sentenceFree(ground) + "）提出异议。");
        addFacts(paragraphs, "经核实，", factLines);
        addReason(paragraphs, reason);
        paragraphs.add("依据" + sentenceFree(basis) + "的规定，本局决定对" + you + "的异议不予支持，维持"
            + listingDecision + "。");
      }
      case REVOKED -> {
        paragraphs.add(you + "对" + listedPhrase + "（事由：" + sentenceFree(ground) + "）提出异议。");
        addFacts(paragraphs, "经核实，", factLines);
        addReason(paragraphs, reason);
        paragraphs.add("依据" + sentenceFree(basis) + "的规定，本局决定撤销" + listingDecision
            + "，并将撤销情况向社会公示。");
      }
      case REMOVED -> {
        paragraphs.add(you + "因" + sentenceFree(ground) + listedPhrase + "。");
        addFacts(paragraphs, "经查，", factLines);
        addReason(paragraphs, reason);
        paragraphs.add("依据" + sentenceFree(basis) + "的规定，本局决定"
            + (individual ? "将你户恢复为正常记载状态" : "将你单位移出经营异常名录")
            + (individual ? "（恢复原因：" : "（移出原因：") + removalReason + "），并向社会公示。");
      }
      case SERIOUS_LISTED -> {
        paragraphs.add(you + "因" + sentenceFree(ground) + listedPhrase + "，届满三年仍未履行相关义务。");
        addFacts(paragraphs, "经查，", factLines);
        addReason(paragraphs, reason);
        paragraphs.add("依据" + sentenceFree(basis) + "的规定，本局决定将" + you + "列入严重违法失信名单，并向社会公示。");
      }
      default -> throw new IllegalStateException("unhandled kind " + d.kind());
    }
    List<String> particulars =
        List.of((individual ? "统一社会信用代码（注册号）：" : "统一社会信用代码：") + uscc);
    return new LetterContent(
        authority,
        title(d.kind(), individual),
        number,
        name + "：",
        particulars,
        paragraphs,
        remedies(individual, settings),
        chineseDate(d.decidedOn()));
  }

  private static void addFacts(List<String> paragraphs, String lead, List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      paragraphs.add(sentence((i == 0 ? lead : "") + lines.get(i)));
    }
  }

  private static void addReason(List<String> paragraphs, String reason) {
    if (reason != null) {
      List<String> lines = reason.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
      for (int i = 0; i < lines.size(); i++) {
        paragraphs.add(sentence((i == 0 ? "理由：" : "") + lines.get(i)));
      }
    }
  }

  /** Ends a paragraph with a full stop unless it ends with punctuation already. */
  static String sentence(String s) {
    return "。！？；：”）」".indexOf(s.charAt(s.length() - 1)) >= 0 ? s : s + "。";
  }

  /** A phrase to be embedded in a sentence: without a trailing full stop. */
  static String sentenceFree(String s) {
    String t = s.strip();
    while (!t.isEmpty() && "。；.".indexOf(t.charAt(t.length() - 1)) >= 0) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  /**
   * A text field: trimmed, line breaks normalised, other control characters removed; checked for
   * presence, length and whether the font can print every character.
   */
  static String text(
      List<FieldError> errors, String field, String value, int max, boolean required, IntPredicate printable) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(new FieldError(field, "不能为空"));
      }
      return null;
    }
    StringBuilder clean = new StringBuilder();
    value.strip().replace("\r\n", "\n").replace('\r', '\n').codePoints()
        .map(c -> c == '\t' ? ' ' : c)
        .filter(c -> c == '\n' || !Character.isISOControl(c))
        .forEach(clean::appendCodePoint);
    String s = clean.toString();
    if (s.codePointCount(0, s.length()) > max) {
      errors.add(new FieldError(field, "不能超过 " + max + " 个字"));
      return null;
    }
    int missing = s.codePoints().filter(c -> c != '\n' && !printable.test(c)).findFirst().orElse(-1);
    if (missing >= 0) {
      errors.add(new FieldError(field, "字符“" + Character.toString(missing) + "”（U+"
          + Integer.toHexString(missing).toUpperCase() + "）不在决定书字体中，无法印制"));
      return null;
    }
    return s;
  }
}
