package org.onedoor.listing;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.calendar.WorkingDayCalendar;
import org.onedoor.directory.DirectoryEntity;
import org.onedoor.directory.EntityDirectory;
import org.onedoor.directory.Uscc;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.platform.web.NotFoundException;
import org.onedoor.security.OrganisationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The abnormal operations list (经营异常名录, R9–R12): listing cases, their decisions, objections and
 * removal applications. Every deadline is computed here with the working-day calendar (working days)
 * or plain dates (calendar days), never mixed. Each decision is stored and published as a
 * {@link ListingDecided} inside the deciding transaction. Delegates of {@code abnormal-listing} and the
 * staff API call this service.
 */
@Service
public class Listings {

  public static final String PROCESS = "abnormal-listing";

  /** Where a listing case stands. */
  public enum Status {
    /** Registered, being verified, drafted, reviewed, approved. Active. */
    PROPOSED,
    /** On the list (an individual business: marked abnormal). Active. */
    LISTED,
    /** Transferred to the serious violations list after three years. Still active. */
    SERIOUS_LISTED,
    /** The chief refused to list. */
    NOT_LISTED,
    /** Revoked as wrongful after an objection (撤销). */
    REVOKED,
    /** Removed after the remedy (移出). */
    REMOVED,
    /** Ended without a decision, e.g. the entity was deregistered. */
    ENDED;

    boolean active() {
      return this == PROPOSED || this == LISTED || this == SERIOUS_LISTED;
    }
  }

  /** Objection window: calendar days from publication (R10). */
  public static final int OBJECTION_WINDOW_DAYS = 30;
  /** Accept or reject an objection within this many working days of its filing. */
  public static final int OBJECTION_ACCEPT_WORKING_DAYS = 5;
  /** Verify an accepted objection within this many working days of accepting it. */
  public static final int OBJECTION_VERIFY_WORKING_DAYS = 20;
  /** Decide to list within this many working days of the verification (R9). */
  public static final int DECISION_WORKING_DAYS = 10;
  /** Decide on removal within this many working days of the application or verification (R11). */
  public static final int REMOVAL_WORKING_DAYS = 5;
  /** A chief decides on the serious list within this many working days after the third anniversary. */
  public static final int SERIOUS_WORKING_DAYS = 10;
  /** Removal may be applied for within this many years of listing. */
  public static final int YEARS_ON_LIST = 3;

  static final Map<String, String> GROUNDS = Map.of(
      "1", "未按照规定期限公示年度报告",
      "2", "未在责令的期限内公示有关企业信息",
      "3", "公示企业信息隐瞒真实情况、弄虚作假",
      "4", "通过登记的住所或者经营场所无法联系");
  static final Map<String, String> INDIVIDUAL_GROUNDS = Map.of(
      "1", "未按照规定报送年度报告",
      "2", "未在责令的期限内公示有关信息",
      "3", "公示信息隐瞒真实情况、弄虚作假",
      "4", "通过登记的经营场所无法联系");
  static final Map<String, String> REMEDIES = Map.of(
      "1", "已补报未报年份的年度报告并公示",
      "2", "已履行即时信息公示义务",
      "3", "已更正其公示的信息",
      "4", "已依法办理住所或者经营场所变更登记，或者通过登记的住所或者经营场所可以重新取得联系");

  public static final String ABNORMAL = "abnormal";
  public static final String DEREGISTERED = "deregistered";
  private static final Set<String> GONE = Set.of("deregistered", "revoked", "moved_out");

  public record Listing(long id, String uscc, String entityName, boolean individualBusiness, String ground,
      String groundLabel, String department, String authority, String source, String sourceRef, String initiator,
      Status status, String facts, String legalBasis, LocalDate verifiedOn, String verification,
      LocalDate decisionDeadline, LocalDate listedOn, String decisionNumber, LocalDate objectionWindowEnds,
      LocalDate removalWindowEnds, LocalDate closedOn, String closeReason, String removalCode,
      String processInstanceId, Instant createdAt) {

    /** 列入经营异常名录, or for an individual business 标记为经营异常状态. */
    public String action() {
      return individualBusiness ? "标记为经营异常状态" : "列入经营异常名录";
    }
  }

  public record Decision(long id, long listingId, ListingDecided.Kind kind, String decisionNumber,
      LocalDate decidedOn, String decidedBy, String reasonCode, String reason) {}

  public record Objection(long id, long listingId, LocalDate filedOn, String content, String evidence,
      String status, String acceptReason, LocalDate acceptedOn, LocalDate verifyDeadline, String resultReason,
      LocalDate decidedOn, String enteredBy) {}

  public record Removal(long id, long listingId, LocalDate appliedOn, String reasonCode, String remedy,
      String status, LocalDate verifiedOn, String verification, LocalDate decisionDeadline, String reason,
      LocalDate decidedOn, String enteredBy) {}

  public record Step(String kind, String actor, Instant at, String summary, String reason) {}

  public record Detail(Listing listing, List<Decision> decisions, List<Objection> objections,
      List<Removal> removals, List<Step> steps, List<Referral> referrals) {}

  public record Page<T>(List<T> items, int page, int size, long total) {}

  /** What registering a case found: a new case, an already active one, or an entity that is gone. */
  public record Registration(long listingId, String outcome) {
    public static final String NEW = "new";
    public static final String ACTIVE = "active";
    public static final String GONE = "gone";
  }

  /** A new case as the caller (inspection, chief, sweep) gives it. */
  public record NewListing(String uscc, String entityName, String ground, String facts, String department,
      String source, String sourceRef, String initiator) {}

  private final JdbcClient jdbc;
  private final EntityDirectory directory;
  private final WorkingDayCalendar calendar;
  private final ZoneId zone;
  private final OrganisationProperties organisation;
  private final ListingProperties properties;
  private final ApplicationEventPublisher events;

  public Listings(JdbcClient jdbc, EntityDirectory directory, WorkingDayCalendar calendar,
      CalendarProperties calendarProperties, OrganisationProperties organisation, ListingProperties properties,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.calendar = calendar;
    this.zone = calendarProperties.zone();
    this.organisation = organisation;
    this.properties = properties;
    this.events = events;
  }

  public LocalDate today(Instant now) {
    return now.atZone(zone).toLocalDate();
  }

  public ZoneId zone() {
    return zone;
  }

  public ListingProperties properties() {
    return properties;
  }

  // ------------------------------------------------------------------ registration

  /**
   * Validates and registers a case (every bad field at once). An entity already active on the list
   * for the same ground, or deregistered/revoked/moved out, gets no new case.
   *
   * <p>Only the registration authority ({@link ListingProperties#registrationAuthority()}) decides: a
   * joint inspection's finding (source {@code INSPECTION}) by any department starts the authority's
   * case or joins the one already open for the business and ground, and is kept as a finding of that
   * department, a referral (抄告) when it is another department's. A chief's or the API's request for
   * another department is refused (400 naming {@code department}).
   */
  @Transactional
  public Registration register(NewListing request, String processInstanceId, Instant now) {
    boolean fromInspection = "INSPECTION".equals(request.source());
    String finder = request.department() == null ? null : request.department().strip();
    NewListing decided = fromInspection
        ? new NewListing(request.uscc(), request.entityName(), request.ground(), request.facts(),
            properties.registrationAuthority(), request.source(), request.sourceRef(), request.initiator())
        : request;
    if (fromInspection && (finder == null || organisation.department(finder).isEmpty())) {
      throw new BadRequestException("department", "未知的部门：" + finder);
    }
    DirectoryEntity e = validate(decided);
    String uscc = e.uscc();
    String ground = request.ground().strip();
    Optional<Long> active = activeListing(uscc, ground);
    if (active.isPresent()) {
      if (fromInspection) {
        refer(active.get(), finder, request, true, now);
      }
      return new Registration(active.get(), Registration.ACTIVE);
    }
    if (GONE.contains(e.status())) {
      return new Registration(0, Registration.GONE);
    }
    boolean individual = "individual".equals(e.type());
    String name = request.entityName() == null || request.entityName().isBlank() ? e.name() : request.entityName().strip();
    long id = insert(uscc, name, individual, ground, decided.department(), request.source(), request.sourceRef(),
        request.initiator(), request.facts() == null ? null : request.facts().strip(),
        properties.legalBasis(ground, individual), processInstanceId, now);
    step(id, "REGISTERED", request.initiator(), now, "登记列异线索（" + label(ground, individual) + "）", null);
    if (fromInspection) {
      refer(id, finder, request, false, now);
    }
    return new Registration(id, Registration.NEW);
  }

  /** A joint inspection's finding reaches the case: a referral (抄告) when another department made it. */
  private void refer(long listingId, String department, NewListing request, boolean joined, Instant now) {
    boolean referral = !properties.registrationAuthority().equals(department);
    jdbc.sql("""
            INSERT INTO listing_referral (listing_id, department, referral, source_inspection, referred_by, referred_at, facts)
            VALUES (:l, :d, :r, :i, :by, :at, :f)
            """)
        .param("l", listingId).param("d", department).param("r", referral).param("i", request.sourceRef())
        .param("by", request.initiator()).param("at", Timestamp.from(now)).param("f", trim(request.facts(), 4000))
        .update();
    if (!referral && !joined) {
      return; // the authority's own finding registered the case (REGISTERED)
    }
    String inspection = request.sourceRef() == null ? "" : "（联合检查 " + request.sourceRef() + "）";
    step(listingId, referral ? "REFERRED" : "FOUND", request.initiator(), now, referral
        ? authority(department) + "抄告：通过登记的住所（经营场所）无法联系" + inspection
        : authority(department) + "检查发现：通过登记的住所（经营场所）无法联系" + inspection, null);
  }

  /** A finding of a joint inspection that reached a case. */
  public record Referral(long listingId, String department, String departmentName, boolean referral,
      String sourceInspection, String referredBy, Instant referredAt, String deciding, String decidingName,
      Status status, String decisionNumber) {}

  /** The findings of one inspection and the cases they reached, in order. */
  public List<Referral> referralsOf(String inspectionNumber) {
    return referralsWhere("r.source_inspection = :key", inspectionNumber);
  }

  /** The findings that reached a case. */
  public List<Referral> referrals(long listingId) {
    return referralsWhere("r.listing_id = :key", listingId);
  }

  private List<Referral> referralsWhere(String condition, Object key) {
    return jdbc.sql("""
            SELECT r.listing_id, r.department, r.referral, r.source_inspection, r.referred_by, r.referred_at,
                l.department AS deciding, l.status, l.decision_number
            FROM listing_referral r JOIN listing l ON l.id = r.listing_id
            WHERE\s""" + condition + " ORDER BY r.id")
        .param("key", key)
        .query((rs, n) -> new Referral(rs.getLong("listing_id"), rs.getString("department"),
            authority(rs.getString("department")), rs.getBoolean("referral"), rs.getString("source_inspection"),
            rs.getString("referred_by"), rs.getTimestamp("referred_at").toInstant(), rs.getString("deciding"),
            authority(rs.getString("deciding")), Status.valueOf(rs.getString("status")),
            rs.getString("decision_number")))
        .list();
  }

  /** Checks a new case (every bad field at once, 400) and returns its entity from the directory. */
  public DirectoryEntity validate(NewListing request) {
    List<FieldError> errors = new ArrayList<>();
    String uscc = Uscc.normalise(request.uscc());
    Optional<String> usccProblem = Uscc.problem(uscc);
    usccProblem.ifPresent(p -> errors.add(new FieldError("uscc", p)));
    Optional<DirectoryEntity> entity = usccProblem.isPresent() ? Optional.empty() : directory.find(uscc);
    if (usccProblem.isEmpty() && entity.isEmpty()) {
      errors.add(new FieldError("uscc", "检查对象名录库中没有该统一社会信用代码"));
    }
    if (request.ground() == null || !GROUNDS.containsKey(request.ground().strip())) {
      errors.add(new FieldError("ground", "列入事由应为 1–4（1 未公示年度报告，2 未按责令期限公示信息，3 公示信息弄虚作假，4 无法联系）"));
    }
    if (request.department() == null || organisation.department(request.department()).isEmpty()) {
      errors.add(new FieldError("department", "未知的部门：" + request.department()));
    } else if (!properties.registrationAuthority().equals(request.department().strip())) {
      errors.add(new FieldError("department", "列入经营异常名录只能由登记机关（"
          + authority(properties.registrationAuthority()) + "）作出；其他部门发现无法联系的，抄告登记机关"));
    }
    if (request.facts() != null && request.facts().length() > 4000) {
      errors.add(new FieldError("facts", "事实最多 4000 字"));
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    return entity.orElseThrow();
  }

  long insert(String uscc, String name, boolean individual, String ground, String department, String source,
      String sourceRef, String initiator, String facts, String legalBasis, String processInstanceId, Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO listing (uscc, entity_name, individual_business, ground, department, source, source_ref,
                initiator, status, active_key, facts, legal_basis, process_instance_id, created_at, updated_at)
            VALUES (:uscc, :name, :individual, :ground, :department, :source, :sourceRef, :initiator, 'PROPOSED',
                :activeKey, :facts, :legalBasis, :pid, :at, :at)
            """)
        .param("uscc", uscc).param("name", trim(name, 200)).param("individual", individual).param("ground", ground)
        .param("department", department).param("source", source == null ? "CHIEF" : source)
        .param("sourceRef", sourceRef).param("initiator", initiator).param("activeKey", uscc + "|" + ground)
        .param("facts", facts).param("legalBasis", legalBasis).param("pid", processInstanceId)
        .param("at", Timestamp.from(now))
        .update(key, "id");
    return key.getKey().longValue();
  }

  Optional<Long> activeListing(String uscc, String ground) {
    return jdbc.sql("SELECT id FROM listing WHERE active_key = :k").param("k", uscc + "|" + ground)
        .query(Long.class).optional();
  }

  void attachProcess(long id, String processInstanceId) {
    jdbc.sql("UPDATE listing SET process_instance_id = :p WHERE id = :id").param("p", processInstanceId)
        .param("id", id).update();
  }

  // ------------------------------------------------------------------ before the decision

  /** 核实情况: the verification (e.g. a registered letter not signed for); returns the decision deadline. */
  @Transactional
  public LocalDate recordVerification(long id, LocalDate verifiedOn, String verification, String actor, Instant now) {
    Listing l = proposed(id);
    List<FieldError> errors = new ArrayList<>();
    if (verifiedOn == null) {
      errors.add(new FieldError("verifiedOn", "请填写核实日期"));
    } else if (verifiedOn.isAfter(today(now))) {
      errors.add(new FieldError("verifiedOn", "核实日期不能晚于今天"));
    }
    requireText(errors, "verification", verification, 2000);
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    LocalDate deadline = calendar.plusWorkingDays(verifiedOn, DECISION_WORKING_DAYS);
    jdbc.sql("UPDATE listing SET verified_on = :v, verification = :t, decision_deadline = :d, updated_at = :at WHERE id = :id")
        .param("v", Date.valueOf(verifiedOn)).param("t", verification.strip()).param("d", Date.valueOf(deadline))
        .param("at", Timestamp.from(now)).param("id", id).update();
    step(l.id(), "VERIFIED", actor, now, "核实情况（" + verifiedOn + "），决定期限 " + deadline, verification.strip());
    return deadline;
  }

  /** 拟定决定: the facts and the legal basis the letter will state. */
  @Transactional
  public void draft(long id, String facts, String legalBasis, String actor, Instant now) {
    proposed(id);
    List<FieldError> errors = new ArrayList<>();
    requireText(errors, "facts", facts, 4000);
    requireText(errors, "legalBasis", legalBasis, 1000);
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    jdbc.sql("UPDATE listing SET facts = :f, legal_basis = :b, updated_at = :at WHERE id = :id")
        .param("f", facts.strip()).param("b", legalBasis.strip()).param("at", Timestamp.from(now)).param("id", id)
        .update();
    step(id, "DRAFTED", actor, now, "拟定决定", null);
  }

  /** 法制审核 (first review): approve, or return with the opinion. Returns whether it was approved. */
  @Transactional
  public boolean review(long id, String decision, String opinion, String actor, Instant now) {
    proposed(id);
    boolean approve = decideOneOf(decision, opinion, Set.of("approve", "return"));
    step(id, approve ? "REVIEW_APPROVED" : "REVIEW_RETURNED", actor, now, approve ? "法制审核通过" : "法制审核退回", opinion);
    return approve;
  }

  /**
   * 审批 by the chief: {@code approve}, {@code return} (to the drafter, with the opinion) or {@code refuse}
   * (not listed, with the reasons; the case closes).
   */
  @Transactional
  public String approve(long id, String decision, String opinion, String actor, Instant now) {
    proposed(id);
    boolean approve = decideOneOf(decision, opinion, Set.of("approve", "return", "refuse"));
    switch (decision) {
      case "approve" -> step(id, "APPROVED", actor, now, "批准", opinion);
      case "return" -> step(id, "APPROVAL_RETURNED", actor, now, "退回修改", opinion);
      default -> {
        close(id, Status.NOT_LISTED, opinion.strip(), null, now);
        step(id, "REFUSED", actor, now, "不予列入", opinion);
      }
    }
    return approve ? "approve" : decision;
  }

  /** 催办: the approval is close to its deadline. */
  @Transactional
  public void escalate(long id, Instant now) {
    Listing l = get(id);
    step(id, "ESCALATED", "system", now, "列入决定将于 " + l.decisionDeadline() + " 到期，已催办", null);
  }

  // ------------------------------------------------------------------ the decision

  /**
   * Lists the entity (an individual business: marks it abnormal): the decision with its number, the
   * entity's status, and the {@code LISTED} event. Only a PROPOSED case can be listed (409).
   */
  @Transactional
  public Listing list(long id, String decidedBy, Instant now) {
    Listing l = get(id);
    if (l.status() != Status.PROPOSED) {
      throw new ConflictException("该案件状态为 " + l.status() + "，不能再次作出列入决定");
    }
    LocalDate today = today(now);
    String number = nextDecisionNumber(l.department(), today.getYear());
    jdbc.sql("UPDATE listing SET status = 'LISTED', listed_on = :d, decision_number = :n, updated_at = :at WHERE id = :id")
        .param("d", Date.valueOf(today)).param("n", number).param("at", Timestamp.from(now)).param("id", id).update();
    directory.changeStatus(l.uscc(), ABNORMAL, l.action() + "：" + l.groundLabel(), "listing:" + id, now);
    Listing listed = get(id);
    decide(listed, ListingDecided.Kind.LISTED, number, today, decidedBy, null, null, now);
    step(id, "LISTED", decidedBy, now, l.action() + "，决定书 " + number, null);
    return listed;
  }

  // ------------------------------------------------------------------ objection (R10)

  /** Records an objection the business filed; outside the 30 calendar days → 400 naming the window. */
  @Transactional
  public Objection fileObjection(long id, LocalDate filedOn, String content, String evidence, String actor, Instant now) {
    Listing l = get(id);
    if (l.status() != Status.LISTED) {
      throw new ConflictException("该案件状态为 " + l.status() + "，不能再提出异议");
    }
    List<FieldError> errors = new ArrayList<>();
    if (filedOn == null) {
      errors.add(new FieldError("filedOn", "请填写异议提出日期"));
    } else if (filedOn.isAfter(today(now))) {
      errors.add(new FieldError("filedOn", "提出日期不能晚于今天"));
    } else if (filedOn.isBefore(l.listedOn()) || filedOn.isAfter(l.objectionWindowEnds())) {
      errors.add(new FieldError("filedOn", "异议应自公示之日起 " + OBJECTION_WINDOW_DAYS + " 日内提出（"
          + l.listedOn() + " 至 " + l.objectionWindowEnds() + "），" + filedOn + " 不在期限内"));
    }
    requireText(errors, "content", content, 4000);
    if (evidence != null && evidence.length() > 2000) {
      errors.add(new FieldError("evidence", "证据说明最多 2000 字"));
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO listing_objection (listing_id, filed_on, content, evidence, status, entered_by, created_at)
            VALUES (:l, :f, :c, :e, 'FILED', :by, :at)
            """)
        .param("l", id).param("f", Date.valueOf(filedOn)).param("c", content.strip()).param("e", evidence)
        .param("by", actor).param("at", Timestamp.from(now)).update(key, "id");
    long objectionId = key.getKey().longValue();
    step(id, "OBJECTION_FILED", actor, now, "登记异议（提出日期 " + filedOn + "）", null);
    return objection(objectionId);
  }

  /** 受理审查: accept or reject (不予受理) the objection; reasons in writing either way. */
  @Transactional
  public Objection acceptObjection(long objectionId, String decision, String reason, String actor, Instant now) {
    Objection o = objection(objectionId);
    requireObjectionStatus(o, "FILED");
    requireReasons(decision, reason, Set.of("accept", "reject"));
    LocalDate today = today(now);
    if ("accept".equals(decision)) {
      LocalDate verifyBy = calendar.plusWorkingDays(today, OBJECTION_VERIFY_WORKING_DAYS);
      jdbc.sql("UPDATE listing_objection SET status = 'ACCEPTED', accept_reason = :r, accepted_on = :d, verify_deadline = :v WHERE id = :id")
          .param("r", reason.strip()).param("d", Date.valueOf(today)).param("v", Date.valueOf(verifyBy))
          .param("id", objectionId).update();
      step(o.listingId(), "OBJECTION_ACCEPTED", actor, now, "受理异议，核实期限 " + verifyBy, reason);
    } else {
      jdbc.sql("UPDATE listing_objection SET status = 'NOT_ACCEPTED', accept_reason = :r, result_reason = :r, decided_on = :d WHERE id = :id")
          .param("r", reason.strip()).param("d", Date.valueOf(today)).param("id", objectionId).update();
      step(o.listingId(), "OBJECTION_NOT_ACCEPTED", actor, now, "不予受理异议", reason);
    }
    return objection(objectionId);
  }

  /** 核实异议: upheld (the listing was wrongful) or rejected, with the reasons. */
  @Transactional
  public Objection verifyObjection(long objectionId, String result, String reason, String actor, Instant now) {
    Objection o = objection(objectionId);
    requireObjectionStatus(o, "ACCEPTED");
    requireReasons(result, reason, Set.of("upheld", "rejected"));
    jdbc.sql("UPDATE listing_objection SET status = :s, result_reason = :r, decided_on = :d WHERE id = :id")
        .param("s", "upheld".equals(result) ? "UPHELD" : "REJECTED").param("r", reason.strip())
        .param("d", Date.valueOf(today(now))).param("id", objectionId).update();
    step(o.listingId(), "OBJECTION_VERIFIED", actor, now, "upheld".equals(result) ? "异议成立" : "异议不成立", reason);
    return objection(objectionId);
  }

  /** 告知异议结果: a rejected objection (not accepted, or not upheld) — stays listed. */
  @Transactional
  public Decision objectionRejected(long objectionId, String decidedBy, Instant now) {
    Objection o = objection(objectionId);
    if (!Set.of("NOT_ACCEPTED", "REJECTED").contains(o.status())) {
      throw new ConflictException("异议状态为 " + o.status() + "，不是被驳回的异议");
    }
    Listing l = get(o.listingId());
    LocalDate today = today(now);
    return decide(l, ListingDecided.Kind.OBJECTION_REJECTED, nextDecisionNumber(l.department(), today.getYear()),
        today, decidedBy, null, o.resultReason(), now);
  }

  /** 撤销列入: an upheld objection revokes the listing. A second revocation → 409. */
  @Transactional
  public Decision revoke(long id, long objectionId, String decidedBy, Instant now) {
    Listing l = get(id);
    if (l.status() != Status.LISTED) {
      throw new ConflictException("该案件状态为 " + l.status() + "，不能撤销");
    }
    Objection o = objection(objectionId);
    requireObjectionStatus(o, "UPHELD");
    close(id, Status.REVOKED, o.resultReason(), null, now);
    restoreEntityStatus(l, "撤销" + l.action() + "（异议成立）", now);
    LocalDate today = today(now);
    Decision d = decide(get(id), ListingDecided.Kind.REVOKED, nextDecisionNumber(l.department(), today.getYear()),
        today, decidedBy, null, o.resultReason(), now);
    step(id, "REVOKED", decidedBy, now, "撤销" + l.action() + "，决定书 " + d.decisionNumber(), o.resultReason());
    return d;
  }

  // ------------------------------------------------------------------ removal (R11)

  /**
   * Records a removal application with the remedy for the ground; outside the three years → 400.
   * Grounds 1–2: the decision is due 5 working days after the application; 3–4 after verification.
   */
  @Transactional
  public Removal applyForRemoval(long id, LocalDate appliedOn, String reasonCode, String remedy, String actor, Instant now) {
    Listing l = get(id);
    if (l.status() != Status.LISTED) {
      throw new ConflictException("该案件状态为 " + l.status() + "，不能申请移出");
    }
    List<FieldError> errors = new ArrayList<>();
    String code = reasonCode == null || reasonCode.isBlank() ? l.ground() : reasonCode.strip();
    if (!code.equals(l.ground())) {
      errors.add(new FieldError("reasonCode", "移出原因应对应列入事由 " + l.ground() + "（" + REMEDIES.get(l.ground()) + "）"));
    }
    if (appliedOn == null) {
      errors.add(new FieldError("appliedOn", "请填写申请日期"));
    } else if (appliedOn.isAfter(today(now))) {
      errors.add(new FieldError("appliedOn", "申请日期不能晚于今天"));
    } else if (appliedOn.isBefore(l.listedOn()) || appliedOn.isAfter(l.removalWindowEnds())) {
      errors.add(new FieldError("appliedOn", "移出申请应自列入之日起 " + YEARS_ON_LIST + " 年内提出（" + l.listedOn()
          + " 至 " + l.removalWindowEnds() + "），" + appliedOn + " 不在期限内"));
    }
    requireText(errors, "remedy", remedy, 2000);
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    LocalDate deadline = needsVerification(l.ground()) ? null : calendar.plusWorkingDays(appliedOn, REMOVAL_WORKING_DAYS);
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO listing_removal (listing_id, applied_on, reason_code, remedy, status, decision_deadline, entered_by, created_at)
            VALUES (:l, :a, :c, :r, 'APPLIED', :d, :by, :at)
            """)
        .param("l", id).param("a", Date.valueOf(appliedOn)).param("c", code).param("r", remedy.strip())
        .param("d", deadline == null ? null : Date.valueOf(deadline)).param("by", actor)
        .param("at", Timestamp.from(now)).update(key, "id");
    step(id, "REMOVAL_APPLIED", actor, now, "登记移出申请（申请日期 " + appliedOn + "）", null);
    return removal(key.getKey().longValue());
  }

  /** Grounds 3 and 4 need the remedy verified before the removal decision. */
  public static boolean needsVerification(String ground) {
    return "3".equals(ground) || "4".equals(ground);
  }

  /** 核实整改情况 (grounds 3–4): the removal decision is due 5 working days after this verification. */
  @Transactional
  public Removal verifyRemedy(long removalId, String verification, String actor, Instant now) {
    Removal r = removal(removalId);
    requireRemovalStatus(r, "APPLIED");
    List<FieldError> errors = new ArrayList<>();
    requireText(errors, "verification", verification, 2000);
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    LocalDate today = today(now);
    LocalDate deadline = calendar.plusWorkingDays(today, REMOVAL_WORKING_DAYS);
    jdbc.sql("UPDATE listing_removal SET status = 'VERIFIED', verified_on = :v, verification = :t, decision_deadline = :d WHERE id = :id")
        .param("v", Date.valueOf(today)).param("t", verification.strip()).param("d", Date.valueOf(deadline))
        .param("id", removalId).update();
    step(r.listingId(), "REMEDY_VERIFIED", actor, now, "核实整改情况，移出决定期限 " + deadline, verification);
    return removal(removalId);
  }

  /** 移出审批: remove, or refuse with the reasons (the entity stays listed and may apply again). */
  @Transactional
  public boolean decideRemoval(long removalId, String decision, String reason, String actor, Instant now) {
    Removal r = removal(removalId);
    if (!Set.of("APPLIED", "VERIFIED").contains(r.status())) {
      throw new ConflictException("移出申请状态为 " + r.status() + "，不能再次决定");
    }
    if (needsVerification(get(r.listingId()).ground()) && !"VERIFIED".equals(r.status())) {
      throw new ConflictException("列入事由 3、4 须先核实整改情况");
    }
    boolean remove = decideOneOf(decision, reason, Set.of("remove", "refuse"));
    jdbc.sql("UPDATE listing_removal SET status = :s, reason = :r, decided_on = :d WHERE id = :id")
        .param("s", remove ? "APPROVED" : "REFUSED").param("r", reason == null ? null : reason.strip())
        .param("d", Date.valueOf(today(now))).param("id", removalId).update();
    step(r.listingId(), remove ? "REMOVAL_APPROVED" : "REMOVAL_REFUSED", actor, now, remove ? "同意移出" : "不予移出", reason);
    return remove;
  }

  /** 移出: the REMOVED decision with its reason code. A second removal → 409. */
  @Transactional
  public Decision remove(long id, long removalId, String decidedBy, Instant now) {
    Listing l = get(id);
    if (l.status() != Status.LISTED) {
      throw new ConflictException("该案件状态为 " + l.status() + "，不能移出");
    }
    Removal r = removal(removalId);
    requireRemovalStatus(r, "APPROVED");
    close(id, Status.REMOVED, REMEDIES.get(r.reasonCode()), r.reasonCode(), now);
    restoreEntityStatus(l, "移出（" + REMEDIES.get(r.reasonCode()) + "）", now);
    LocalDate today = today(now);
    Decision d = decide(get(id), ListingDecided.Kind.REMOVED, nextDecisionNumber(l.department(), today.getYear()),
        today, decidedBy, r.reasonCode(), REMEDIES.get(r.reasonCode()) + (r.reason() == null ? "" : "。" + r.reason()),
        removalFacts(l, r), properties.removalLegalBasis(l.ground(), l.individualBusiness()), now);
    step(id, "REMOVED", decidedBy, now, "移出，决定书 " + d.decisionNumber(), null);
    return d;
  }

  /** What the removal letter finds: the application and the remedy, and the verification when there was one. */
  static String removalFacts(Listing l, Removal r) {
    String you = l.individualBusiness() ? "你户" : "你单位";
    StringBuilder facts = new StringBuilder(you).append("于").append(r.appliedOn().getYear()).append("年")
        .append(r.appliedOn().getMonthValue()).append("月").append(r.appliedOn().getDayOfMonth()).append("日申请")
        .append(l.individualBusiness() ? "恢复正常记载状态" : "移出经营异常名录");
    if (r.remedy() != null && !r.remedy().isBlank()) {
      facts.append("，称").append(r.remedy().strip().replaceAll("[。；.\\s]+$", ""));
    }
    facts.append("。");
    if (r.verification() != null && !r.verification().isBlank()) {
      facts.append("\n经核实，").append(r.verification().strip());
    }
    return facts.toString();
  }

  // ------------------------------------------------------------------ three years (R12)

  /** The third anniversary of the listing (calendar years). */
  public LocalDate thirdAnniversary(Listing l) {
    return l.listedOn().plusYears(YEARS_ON_LIST);
  }

  /** The reminder day: {@code reminderDaysBefore} calendar days before the third anniversary. */
  public LocalDate reminderDay(Listing l) {
    return thirdAnniversary(l).minusDays(properties.reminderDaysBefore());
  }

  @Transactional
  public void remind(long id, String note, String actor, Instant now) {
    Listing l = get(id);
    step(id, "THREE_YEAR_REMINDER", actor, now, "三年期满提醒（期满日 " + thirdAnniversary(l) + "）", note);
  }

  /** A chief's decision on the serious list: {@code list} or {@code keep} (with the reasons). */
  @Transactional
  public boolean decideSerious(long id, String decision, String reason, String actor, Instant now) {
    get(id);
    boolean list = decideOneOf(decision, reason, Set.of("list", "keep"));
    step(id, list ? "SERIOUS_APPROVED" : "SERIOUS_NOT_LISTED", actor, now,
        list ? "决定列入严重违法失信名单" : "决定不列入严重违法失信名单", reason);
    return list;
  }

  /** Puts a listing of three years on the serious violations list. */
  @Transactional
  public Decision seriousList(long id, String decidedBy, Instant now) {
    Listing l = get(id);
    if (l.status() != Status.LISTED) {
      throw new ConflictException("该案件状态为 " + l.status() + "，不能列入严重违法失信名单");
    }
    jdbc.sql("UPDATE listing SET status = 'SERIOUS_LISTED', updated_at = :at WHERE id = :id")
        .param("at", Timestamp.from(now)).param("id", id).update();
    LocalDate today = today(now);
    Decision d = decide(get(id), ListingDecided.Kind.SERIOUS_LISTED, nextDecisionNumber(l.department(), today.getYear()),
        today, decidedBy, null, "列入经营异常名录届满 " + YEARS_ON_LIST + " 年仍未履行相关义务", now);
    step(id, "SERIOUS_LISTED", decidedBy, now, "列入严重违法失信名单，决定书 " + d.decisionNumber(), null);
    return d;
  }

  // ------------------------------------------------------------------ ending

  /** The entity was deregistered: an open case ends without a decision. */
  @Transactional
  public void endForDeregistration(long id, Instant now) {
    Listing l = get(id);
    if (l.status() != Status.PROPOSED && l.status() != Status.LISTED) {
      return;
    }
    close(id, Status.ENDED, "主体已注销，终止办理", null, now);
    step(id, "ENDED", "system", now, "主体已注销，终止办理", null);
  }

  /** Open cases (PROPOSED or LISTED) of an entity. */
  public List<Listing> openCases(String uscc) {
    return jdbc.sql(SELECT + " WHERE uscc = :u AND status IN ('PROPOSED', 'LISTED') ORDER BY id")
        .param("u", uscc).query(this::map).list();
  }

  private void close(long id, Status status, String reason, String removalCode, Instant now) {
    jdbc.sql("""
            UPDATE listing SET status = :s, active_key = NULL, closed_on = :d, close_reason = :r, removal_code = :c,
                updated_at = :at WHERE id = :id
            """)
        .param("s", status.name()).param("d", Date.valueOf(today(now))).param("r", trim(reason, 2000))
        .param("c", removalCode).param("at", Timestamp.from(now)).param("id", id).update();
  }

  /** Back to 存续 unless the entity is still listed on another ground. */
  private void restoreEntityStatus(Listing l, String reason, Instant now) {
    int stillListed = jdbc.sql("SELECT COUNT(*) FROM listing WHERE uscc = :u AND status IN ('LISTED', 'SERIOUS_LISTED')")
        .param("u", l.uscc()).query(Integer.class).single();
    if (stillListed == 0) {
      directory.find(l.uscc()).filter(e -> ABNORMAL.equals(e.status()))
          .ifPresent(e -> directory.changeStatus(l.uscc(), "active", reason, "listing:" + l.id(), now));
    }
  }

  // ------------------------------------------------------------------ decisions and numbers

  private Decision decide(Listing l, ListingDecided.Kind kind, String number, LocalDate decidedOn, String decidedBy,
      String reasonCode, String reason, Instant now) {
    return decide(l, kind, number, decidedOn, decidedBy, reasonCode, reason, l.facts(), l.legalBasis(), now);
  }

  /** A decision whose letter states its own facts and legal basis (a removal: the remedy, not the listing). */
  private Decision decide(Listing l, ListingDecided.Kind kind, String number, LocalDate decidedOn, String decidedBy,
      String reasonCode, String reason, String facts, String legalBasis, Instant now) {
    String by = decidedBy == null ? "system" : decidedBy;
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO listing_decision (listing_id, kind, decision_number, decided_on, decided_by, reason_code, reason, created_at)
            VALUES (:l, :k, :n, :d, :by, :c, :r, :at)
            """)
        .param("l", l.id()).param("k", kind.name()).param("n", number).param("d", Date.valueOf(decidedOn))
        .param("by", by).param("c", reasonCode).param("r", trim(reason, 2000)).param("at", Timestamp.from(now))
        .update(key, "id");
    events.publishEvent(new ListingDecided(l.id(), kind, number, l.uscc(), l.entityName(), l.individualBusiness(),
        l.ground(), l.groundLabel(), reasonCode, l.department(), l.authority(), decidedOn, decidedOn, facts,
        legalBasis, reason, now));
    return new Decision(key.getKey().longValue(), l.id(), kind, number, decidedOn, by, reasonCode, reason);
  }

  /** The next decision number of a department and year, e.g. 市场监管局异〔2026〕17号. */
  String nextDecisionNumber(String department, int year) {
    int updated = jdbc.sql("UPDATE listing_decision_counter SET last_number = last_number + 1 WHERE department = :d AND decision_year = :y")
        .param("d", department).param("y", year).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO listing_decision_counter (department, decision_year, last_number) VALUES (:d, :y, 1)")
          .param("d", department).param("y", year).update();
    }
    int n = jdbc.sql("SELECT last_number FROM listing_decision_counter WHERE department = :d AND decision_year = :y")
        .param("d", department).param("y", year).query(Integer.class).single();
    return authority(department) + "异〔" + year + "〕" + n + "号";
  }

  String authority(String department) {
    return organisation.department(department).map(OrganisationProperties.Department::name).orElse(department);
  }

  static String label(String ground, boolean individual) {
    return (individual ? INDIVIDUAL_GROUNDS : GROUNDS).get(ground);
  }

  // ------------------------------------------------------------------ queries

  private static final String SELECT = """
      SELECT id, uscc, entity_name, individual_business, ground, department, source, source_ref, initiator, status,
          facts, legal_basis, verified_on, verification, decision_deadline, listed_on, decision_number, closed_on,
          close_reason, removal_code, process_instance_id, created_at FROM listing""";

  public Optional<Listing> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(this::map).optional();
  }

  public Listing get(long id) {
    return find(id).orElseThrow(() -> new NotFoundException("id", "没有编号为 " + id + " 的列异案件"));
  }

  private Listing proposed(long id) {
    Listing l = get(id);
    if (l.status() != Status.PROPOSED) {
      throw new ConflictException("该案件状态为 " + l.status() + "，已作出决定");
    }
    return l;
  }

  public Detail detail(long id) {
    Listing l = get(id);
    List<Decision> decisions = jdbc.sql("""
            SELECT id, listing_id, kind, decision_number, decided_on, decided_by, reason_code, reason
            FROM listing_decision WHERE listing_id = :l ORDER BY id""").param("l", id)
        .query((rs, n) -> new Decision(rs.getLong("id"), rs.getLong("listing_id"),
            ListingDecided.Kind.valueOf(rs.getString("kind")), rs.getString("decision_number"),
            rs.getDate("decided_on").toLocalDate(), rs.getString("decided_by"), rs.getString("reason_code"),
            rs.getString("reason"))).list();
    List<Objection> objections = jdbc.sql(OBJECTION + " WHERE listing_id = :l ORDER BY id").param("l", id)
        .query(Listings::mapObjection).list();
    List<Removal> removals = jdbc.sql(REMOVAL + " WHERE listing_id = :l ORDER BY id").param("l", id)
        .query(Listings::mapRemoval).list();
    List<Step> steps = jdbc.sql("SELECT kind, actor, occurred_at, summary, reason FROM listing_step WHERE listing_id = :l ORDER BY id")
        .param("l", id).query((rs, n) -> new Step(rs.getString("kind"), rs.getString("actor"),
            rs.getTimestamp("occurred_at").toInstant(), rs.getString("summary"), rs.getString("reason"))).list();
    return new Detail(l, decisions, objections, removals, steps, referrals(id));
  }

  public Page<Listing> search(String status, String ground, String uscc, int page, int size) {
    return search(status, ground, uscc, null, page, size);
  }

  /**
   * Cases, newest first; {@code query} finds a business by its name (any part, case-insensitive) or
   * its whole USCC, as a person types either into one box.
   */
  public Page<Listing> search(String status, String ground, String uscc, String query, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (query != null && !query.isBlank()) {
      String q = query.strip();
      if (q.length() > 100) {
        throw new BadRequestException("q", "查询内容不能超过 100 个字");
      }
      where.append(" AND (LOWER(entity_name) LIKE :q ESCAPE '\\' OR uscc = :qUscc)");
      params.put("q", "%" + q.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
          .replace("_", "\\_") + "%");
      params.put("qUscc", Uscc.normalise(q));
    }
    if (status != null && !status.isBlank()) {
      try {
        params.put("status", Status.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT)).name());
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("status", "状态应为 " + java.util.Arrays.toString(Status.values()) + " 之一");
      }
      where.append(" AND status = :status");
    }
    if (ground != null && !ground.isBlank()) {
      if (!GROUNDS.containsKey(ground.strip())) {
        throw new BadRequestException("ground", "列入事由应为 1–4");
      }
      where.append(" AND ground = :ground");
      params.put("ground", ground.strip());
    }
    if (uscc != null && !uscc.isBlank()) {
      where.append(" AND uscc = :uscc");
      params.put("uscc", Uscc.normalise(uscc));
    }
    long total = jdbc.sql("SELECT COUNT(*) FROM listing" + where).params(params).query(Long.class).single();
    List<Listing> items = total == 0 ? List.of() : jdbc.sql(SELECT + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
        .params(params).param("limit", size).param("offset", (long) page * size).query(this::map).list();
    return new Page<>(items, page, size, total);
  }

  /** Every listing case of an entity, newest first. */
  public List<Listing> history(String uscc) {
    return jdbc.sql(SELECT + " WHERE uscc = :u ORDER BY id DESC").param("u", uscc).query(this::map).list();
  }

  private static final String OBJECTION = """
      SELECT id, listing_id, filed_on, content, evidence, status, accept_reason, accepted_on, verify_deadline,
          result_reason, decided_on, entered_by FROM listing_objection""";
  private static final String REMOVAL = """
      SELECT id, listing_id, applied_on, reason_code, remedy, status, verified_on, verification, decision_deadline,
          reason, decided_on, entered_by FROM listing_removal""";

  /**
   * The case a process instance of {@code abnormal-listing} decides, from our own table (the instance
   * is stored with its case), never from a variable a completion could write.
   */
  public long caseOf(String processInstanceId) {
    return findCaseOf(processInstanceId).orElseThrow(() -> new NotFoundException("listingId", "流程 " + processInstanceId + " 没有对应的列异案件"));
  }

  public Optional<Long> findCaseOf(String processInstanceId) {
    return jdbc.sql("SELECT id FROM listing WHERE process_instance_id = :p ORDER BY id DESC")
        .param("p", processInstanceId).query(Long.class).list().stream().findFirst();
  }

  /** An objection filed against the given case only (the id comes from a variable). */
  public long objectionOf(long listingId, Object objectionId) {
    long id = ((Number) objectionId).longValue();
    if (objection(id).listingId() != listingId) {
      throw new BadRequestException("objectionId", "异议 " + id + " 不属于本案件");
    }
    return id;
  }

  /** A removal application of the given case only (the id comes from a variable). */
  public long removalOf(long listingId, Object removalId) {
    long id = ((Number) removalId).longValue();
    if (removal(id).listingId() != listingId) {
      throw new BadRequestException("removalId", "移出申请 " + id + " 不属于本案件");
    }
    return id;
  }

  public Objection objection(long id) {
    return jdbc.sql(OBJECTION + " WHERE id = :id").param("id", id).query(Listings::mapObjection).optional()
        .orElseThrow(() -> new NotFoundException("objectionId", "没有编号为 " + id + " 的异议"));
  }

  public Removal removal(long id) {
    return jdbc.sql(REMOVAL + " WHERE id = :id").param("id", id).query(Listings::mapRemoval).optional()
        .orElseThrow(() -> new NotFoundException("removalId", "没有编号为 " + id + " 的移出申请"));
  }

  private Listing map(ResultSet rs, int n) throws SQLException {
    boolean individual = rs.getBoolean("individual_business");
    String ground = rs.getString("ground");
    LocalDate listedOn = date(rs, "listed_on");
    return new Listing(rs.getLong("id"), rs.getString("uscc"), rs.getString("entity_name"), individual, ground,
        label(ground, individual), rs.getString("department"), authority(rs.getString("department")),
        rs.getString("source"), rs.getString("source_ref"), rs.getString("initiator"),
        Status.valueOf(rs.getString("status")), rs.getString("facts"), rs.getString("legal_basis"),
        date(rs, "verified_on"), rs.getString("verification"), date(rs, "decision_deadline"), listedOn,
        rs.getString("decision_number"),
        listedOn == null ? null : calendar.plusCalendarDays(listedOn, OBJECTION_WINDOW_DAYS),
        listedOn == null ? null : listedOn.plusYears(YEARS_ON_LIST),
        date(rs, "closed_on"), rs.getString("close_reason"), rs.getString("removal_code"),
        rs.getString("process_instance_id"), rs.getTimestamp("created_at").toInstant());
  }

  private static Objection mapObjection(ResultSet rs, int n) throws SQLException {
    return new Objection(rs.getLong("id"), rs.getLong("listing_id"), date(rs, "filed_on"), rs.getString("content"),
        rs.getString("evidence"), rs.getString("status"), rs.getString("accept_reason"), date(rs, "accepted_on"),
        date(rs, "verify_deadline"), rs.getString("result_reason"), date(rs, "decided_on"), rs.getString("entered_by"));
  }

  private static Removal mapRemoval(ResultSet rs, int n) throws SQLException {
    return new Removal(rs.getLong("id"), rs.getLong("listing_id"), date(rs, "applied_on"), rs.getString("reason_code"),
        rs.getString("remedy"), rs.getString("status"), date(rs, "verified_on"), rs.getString("verification"),
        date(rs, "decision_deadline"), rs.getString("reason"), date(rs, "decided_on"), rs.getString("entered_by"));
  }

  private static LocalDate date(ResultSet rs, String column) throws SQLException {
    Date d = rs.getDate(column);
    return d == null ? null : d.toLocalDate();
  }

  // ------------------------------------------------------------------ validation helpers

  void step(long id, String kind, String actor, Instant now, String summary, String reason) {
    jdbc.sql("INSERT INTO listing_step (listing_id, kind, actor, occurred_at, summary, reason) VALUES (:l, :k, :a, :at, :s, :r)")
        .param("l", id).param("k", kind).param("a", actor == null ? "system" : actor).param("at", Timestamp.from(now))
        .param("s", trim(summary, 2000)).param("r", trim(reason, 2000)).update();
  }

  /** A decision among {@code allowed}; the first is the positive one, every other needs the reasons. */
  private static boolean decideOneOf(String decision, String reason, Set<String> allowed) {
    List<FieldError> errors = new ArrayList<>();
    if (decision == null || !allowed.contains(decision)) {
      errors.add(new FieldError("decision", "请选择意见（" + String.join("/", new java.util.TreeSet<>(allowed)) + "）"));
    }
    boolean positive = "approve".equals(decision) || "remove".equals(decision) || "list".equals(decision);
    if (decision != null && allowed.contains(decision) && !positive && (reason == null || reason.isBlank())) {
      errors.add(new FieldError("opinion", "须书面说明理由"));
    }
    if (reason != null && reason.length() > 2000) {
      errors.add(new FieldError("opinion", "理由最多 2000 字"));
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    return positive;
  }

  /** Objection decisions always need written reasons (R10). */
  private static void requireReasons(String decision, String reason, Set<String> allowed) {
    List<FieldError> errors = new ArrayList<>();
    if (decision == null || !allowed.contains(decision)) {
      errors.add(new FieldError("decision", "请选择意见（" + String.join("/", new java.util.TreeSet<>(allowed)) + "）"));
    }
    requireText(errors, "opinion", reason, 2000);
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
  }

  private static void requireText(List<FieldError> errors, String field, String value, int max) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "必填"));
    } else if (value.length() > max) {
      errors.add(new FieldError(field, "最多 " + max + " 字"));
    }
  }

  private static void requireObjectionStatus(Objection o, String status) {
    if (!status.equals(o.status())) {
      throw new ConflictException("异议状态为 " + o.status() + "，不能执行该操作");
    }
  }

  private static void requireRemovalStatus(Removal r, String status) {
    if (!status.equals(r.status())) {
      throw new ConflictException("移出申请状态为 " + r.status() + "，不能执行该操作");
    }
  }

  static String trim(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
