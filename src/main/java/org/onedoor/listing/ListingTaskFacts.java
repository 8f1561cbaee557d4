package org.onedoor.listing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.onedoor.calendar.Workdays;
import org.springframework.stereotype.Service;

/**
 * What a decision form of {@code abnormal-listing} shows, read from our tables when the task is
 * created (a form can only read variables, and a completion cannot write these: they are read-only
 * fields of the forms). Every value is display text in Chinese; dates are Beijing dates
 * ("2026年12月21日"), never an ISO instant.
 */
@Service
public class ListingTaskFacts {

  /** The display variables, set task-local on the task. */
  public static final String DEADLINE_TEXT = "decisionDeadlineText";
  /** Empty, or how a deadline in a year without the State Council notice was counted ({@link Workdays#deadlineNote}). */
  public static final String DEADLINE_NOTE = "decisionDeadlineNote";
  public static final String RETURN_OPINION = "returnOpinion";
  public static final String LEGAL_REVIEW_OPINION = "legalReviewOpinion";
  public static final String OBJECTION_CONTENT = "objectionContent";
  public static final String OBJECTION_EVIDENCE = "objectionEvidence";
  public static final String OBJECTION_ACCEPT_OPINION = "objectionAcceptOpinion";
  public static final String REMOVAL_REMEDY = "removalRemedy";
  public static final String REMEDY_VERIFICATION = "remedyVerification";
  public static final String REFERRALS_TEXT = "referralsText";

  private static final Set<String> RETURNS = Set.of("REVIEW_RETURNED", "APPROVAL_RETURNED");

  private final Listings listings;
  private final IdentityService identity;
  private final ListingDocuments documents;
  private final Workdays workdays;

  public ListingTaskFacts(Listings listings, IdentityService identity, ListingDocuments documents,
      Workdays workdays) {
    this.listings = listings;
    this.identity = identity;
    this.documents = documents;
    this.workdays = workdays;
  }

  /** 2026年12月21日 */
  public static String chineseDate(LocalDate day) {
    return day == null ? "" : day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
  }

  /**
   * The facts the task {@code taskKey} of case {@code listingId} shows; {@code objectionId} and
   * {@code removalId} name the objection or removal being handled (found through our tables by the
   * caller), or are null.
   */
  public Map<String, Object> forTask(String taskKey, long listingId, Long objectionId, Long removalId) {
    Listings.Detail detail = listings.detail(listingId);
    Listings.Listing l = detail.listing();
    Map<String, Object> facts = new LinkedHashMap<>();
    switch (taskKey) {
      case "RecordVerification" -> facts.put(REFERRALS_TEXT, referrals(listingId));
      case "DraftDecision" -> {
        putDeadline(facts, l.decisionDeadline());
        facts.put(RETURN_OPINION, returnOpinion(detail.steps()));
        facts.put(REFERRALS_TEXT, referrals(listingId));
      }
      case "LegalReview" -> putDeadline(facts, l.decisionDeadline());
      case "ApproveListing" -> {
        putDeadline(facts, l.decisionDeadline());
        facts.put(LEGAL_REVIEW_OPINION, latest(detail.steps(), Set.of("REVIEW_APPROVED")));
      }
      case "AcceptObjection", "VerifyObjection" -> {
        Listings.Objection o = objectionId == null ? null : listings.objection(objectionId);
        facts.put(OBJECTION_CONTENT, o == null ? "" : o.content());
        facts.put(OBJECTION_EVIDENCE, o == null ? "（未提交证据）" : evidence(o.evidence(), documents.ofObjection(o.id())));
        if ("VerifyObjection".equals(taskKey)) {
          facts.put(OBJECTION_ACCEPT_OPINION, latest(detail.steps(), Set.of("OBJECTION_ACCEPTED")));
        }
      }
      case "VerifyRemedy", "DecideRemoval" -> {
        Listings.Removal r = removalId == null ? null : listings.removal(removalId);
        facts.put(REMOVAL_REMEDY, r == null || r.remedy() == null ? ""
            : r.remedy() + attached(documents.ofRemoval(r.id()), "证明材料"));
        if ("DecideRemoval".equals(taskKey)) {
          facts.put(REMEDY_VERIFICATION, r == null || r.verification() == null
              ? "（该列入事由无需核实整改情况）"
              : (r.verifiedOn() == null ? "" : chineseDate(r.verifiedOn()) + "核实：") + r.verification());
        }
      }
      default -> { }
    }
    return facts;
  }

  /** The deadline as a Beijing date and, for a year without the State Council notice, the note saying so. */
  private void putDeadline(Map<String, Object> facts, LocalDate day) {
    facts.put(DEADLINE_TEXT, deadline(day));
    facts.put(DEADLINE_NOTE, deadlineNote(day));
  }

  /** Empty, or the note a form shows under a deadline on {@code day}. */
  public String deadlineNote(LocalDate day) {
    return day == null ? "" : workdays.deadlineNote(day);
  }

  /**
   * The evidence as the business described it and the documents handed in with it (names, types, sizes);
   * the files themselves are on the case's staff page.
   */
  static String evidence(String description, List<ListingDocuments.Document> files) {
    String text = description == null || description.isBlank() ? "" : description.strip();
    if (files.isEmpty()) {
      return text.isEmpty() ? "（未提交证据）" : text;
    }
    return (text.isEmpty() ? "" : text + "\n") + "证据材料 " + files.size() + " 个：" + ListingDocuments.names(files)
        + "（在经营异常案件页面查看）";
  }

  private static String attached(List<ListingDocuments.Document> files, String what) {
    return files.isEmpty() ? "" : "\n" + what + " " + files.size() + " 个：" + ListingDocuments.names(files)
        + "（在经营异常案件页面查看）";
  }

  private String deadline(LocalDate day) {
    return day == null ? "" : chineseDate(day) + "（北京时间当日 24 时前）";
  }

  /** The last return's opinion, if the last word on the draft was a return; else empty. */
  private String returnOpinion(List<Listings.Step> steps) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      Listings.Step s = steps.get(i);
      if (RETURNS.contains(s.kind())) {
        return s.summary() + "（" + person(s.actor()) + "，" + chineseDate(day(s.at())) + "）：" + s.reason();
      }
      if ("DRAFTED".equals(s.kind())) {
        return "";
      }
    }
    return "";
  }

  private String latest(List<Listings.Step> steps, Set<String> kinds) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      Listings.Step s = steps.get(i);
      if (kinds.contains(s.kind())) {
        String reason = s.reason() == null || s.reason().isBlank() ? "（无意见）" : s.reason();
        return s.summary() + "（" + person(s.actor()) + "，" + chineseDate(day(s.at())) + "）：" + reason;
      }
    }
    return "";
  }

  /** The findings and referrals that reached a case, one a line. */
  public String referrals(long listingId) {
    StringBuilder text = new StringBuilder();
    for (Listings.Referral r : listings.referrals(listingId)) {
      if (!text.isEmpty()) {
        text.append("\n");
      }
      text.append(r.departmentName()).append(r.referral() ? "抄告" : "检查发现").append("（")
          .append(chineseDate(day(r.referredAt()))).append("，").append(person(r.referredBy()))
          .append(r.sourceInspection() == null ? "" : "，联合检查 " + r.sourceInspection()).append("）");
    }
    return text.isEmpty() ? "无" : text.toString();
  }

  private LocalDate day(Instant at) {
    ZoneId zone = listings.zone();
    return at.atZone(zone).toLocalDate();
  }

  /** A person's name from the identity service, or the id when unknown. */
  String person(String userId) {
    if (userId == null || userId.isBlank() || "system".equals(userId)) {
      return "系统";
    }
    User u = identity.createUserQuery().userId(userId).singleResult();
    if (u == null) {
      return userId;
    }
    String name = ((u.getLastName() == null ? "" : u.getLastName()) + (u.getFirstName() == null ? "" : u.getFirstName())).strip();
    return name.isEmpty() ? userId : name;
  }
}
