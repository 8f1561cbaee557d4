package org.onedoor.disclosure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.calendar.WorkingDayCalendar;
import org.onedoor.disclosure.Disclosures.AbnormalEntry;
import org.onedoor.disclosure.Disclosures.Batch;
import org.onedoor.disclosure.Disclosures.ChangeKind;
import org.onedoor.disclosure.Disclosures.Correction;
import org.onedoor.disclosure.Disclosures.EntityRecords;
import org.onedoor.disclosure.Disclosures.EntitySummary;
import org.onedoor.disclosure.Disclosures.Page;
import org.onedoor.disclosure.Disclosures.PlanItem;
import org.onedoor.disclosure.Disclosures.PlanRecords;
import org.onedoor.disclosure.Disclosures.PublicDraw;
import org.onedoor.disclosure.Disclosures.PublicListing;
import org.onedoor.disclosure.Disclosures.PublicPlan;
import org.onedoor.disclosure.Disclosures.PublicResult;
import org.onedoor.inspection.ResultApproved;
import org.onedoor.listing.ListingDecided;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.platform.web.NotFoundException;
import org.onedoor.security.OrganisationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The disclosure projection (R8): writes what became publishable into the {@code public_*} tables
 * and reads them back for the public site. The public side reads these tables only, never the
 * engine's or another feature's internal tables. Writes join the caller's transaction: the domain
 * event that triggers them is published inside the deciding transaction, so a failing write rolls
 * the decision back and the engine retries it; a publication is never dropped.
 */
@Service
public class PublicRecords {

  public static final String KIND_PLAN = "plan";
  public static final String KIND_DRAW = "draw";
  public static final String KIND_RESULT = "result";
  public static final String KIND_LISTING = "listing";

  static final Pattern USCC = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");
  static final Pattern USCC_PREFIX = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{2,18}");

  private final JdbcClient jdbc;
  private final WorkingDayCalendar calendar;
  private final ZoneId zone;
  private final DisclosureProperties properties;
  private final OrganisationProperties organisation;
  private final ObjectMapper json;

  public PublicRecords(
      JdbcClient jdbc,
      WorkingDayCalendar calendar,
      CalendarProperties calendarProperties,
      DisclosureProperties properties,
      OrganisationProperties organisation,
      ObjectMapper json) {
    this.jdbc = jdbc;
    this.calendar = calendar;
    this.zone = calendarProperties.zone();
    this.properties = properties;
    this.organisation = organisation;
    this.json = json;
  }

  public DisclosureProperties properties() {
    return properties;
  }

  /** The legal deadline of information that arose on {@code arisenOn}. */
  public LocalDate deadline(LocalDate arisenOn) {
    return calendar.plusWorkingDays(arisenOn, properties.deadlineWorkingDays());
  }

  public LocalDate day(Instant instant) {
    return instant.atZone(zone).toLocalDate();
  }

  public String authority(String department) {
    return organisation.department(department).map(OrganisationProperties.Department::name).orElse(department);
  }

  // ---------------------------------------------------------------- writing

  /** A plan as it is published, with the catalogue items it checks. Idempotent per plan number. */
  @Transactional
  public void publishPlan(PublicPlan plan, List<PlanItem> items) {
    if (jdbc.sql("SELECT COUNT(*) FROM public_plan WHERE plan_number = :n").param("n", plan.planNumber())
            .query(Integer.class).single() > 0) {
      return;
    }
    jdbc.sql("""
            INSERT INTO public_plan (plan_number, plan_year, name, mode, lead_department, lead_authority, authorities,
                draw_date, batches, catalog_version, arisen_on, deadline, published_at)
            VALUES (:n, :y, :name, :mode, :lead, :leadAuthority, :authorities, :drawDate, :batches, :version,
                :arisen, :deadline, :at)""")
        .param("n", plan.planNumber()).param("y", plan.year()).param("name", plan.name()).param("mode", plan.mode())
        .param("lead", plan.leadDepartment()).param("leadAuthority", plan.leadAuthority())
        .param("authorities", String.join("、", plan.authorities()))
        .param("drawDate", Date.valueOf(plan.drawDate())).param("batches", write(plan.batches()))
        .param("version", plan.catalogVersion()).param("arisen", Date.valueOf(plan.arisenOn()))
        .param("deadline", Date.valueOf(plan.deadline())).param("at", Timestamp.from(plan.publishedAt()))
        .update();
    for (PlanItem item : items) {
      jdbc.sql("""
              INSERT INTO public_plan_item (plan_number, department, authority, item_code, item_name, checklist_name,
                  legal_basis, methods) VALUES (:n, :d, :a, :code, :name, :checklist, :basis, :methods)""")
          .param("n", plan.planNumber()).param("d", item.department()).param("a", item.authority())
          .param("code", item.itemCode()).param("name", item.itemName()).param("checklist", item.checklistName())
          .param("basis", item.legalBasis()).param("methods", item.methods()).update();
    }
    recordPublication(KIND_PLAN, plan.planNumber(), plan.leadDepartment(), plan.arisenOn(), plan.deadline(),
        plan.publishedAt());
  }

  /**
   * A draw record as published; the drawn entities owe a result for each department of the plan,
   * due {@code deadlineWorkingDays} after the end of the batch window. Idempotent per draw id.
   */
  @Transactional
  public void publishDraw(String drawId, String planNumber, int batch, String recordJson, Instant drawnAt,
      Instant publishedAt, String leadDepartment, List<String> departments, List<String> drawnUsccs,
      LocalDate windowTo) {
    if (jdbc.sql("SELECT COUNT(*) FROM public_draw WHERE draw_id = :id").param("id", drawId)
            .query(Integer.class).single() > 0) {
      return;
    }
    LocalDate arisen = day(drawnAt);
    LocalDate deadline = deadline(arisen);
    String commitment = null;
    try {
      commitment = json.readTree(recordJson).path("commitment").asText(null);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("recordJson", "抽取记录不是有效的 JSON");
    }
    jdbc.sql("""
            INSERT INTO public_draw (draw_id, plan_number, batch, commitment, record_json, drawn_at, arisen_on, deadline,
                published_at) VALUES (:id, :n, :b, :c, :json, :drawn, :arisen, :deadline, :at)""")
        .param("id", drawId).param("n", planNumber).param("b", batch).param("c", commitment).param("json", recordJson)
        .param("drawn", Timestamp.from(drawnAt)).param("arisen", Date.valueOf(arisen))
        .param("deadline", Date.valueOf(deadline)).param("at", Timestamp.from(publishedAt)).update();
    recordPublication(KIND_DRAW, drawId, leadDepartment, arisen, deadline, publishedAt);
    if (windowTo != null) {
      LocalDate due = deadline(windowTo);
      for (String uscc : drawnUsccs) {
        for (String department : departments) {
          int exists = jdbc.sql("SELECT COUNT(*) FROM disclosure_obligation WHERE plan_number = :n AND uscc = :u"
                  + " AND department = :d")
              .param("n", planNumber).param("u", uscc).param("d", department).query(Integer.class).single();
          if (exists == 0) {
            jdbc.sql("INSERT INTO disclosure_obligation (plan_number, batch, uscc, department, due_on, created_at)"
                    + " VALUES (:n, :b, :u, :d, :due, :at)")
                .param("n", planNumber).param("b", batch).param("u", uscc).param("d", department)
                .param("due", Date.valueOf(due)).param("at", Timestamp.from(publishedAt)).update();
          }
        }
      }
    }
  }

  /**
   * A result approved for publication. A confidential result fulfils its obligation but is never
   * published. The same task and department approved again with other content becomes a correction.
   *
   * @return the record id, empty for a confidential result or an unchanged repeat
   */
  @Transactional
  public Optional<Long> publishResult(ResultApproved e) {
    jdbc.sql("UPDATE disclosure_obligation SET fulfilled_at = :at WHERE plan_number = :n AND uscc = :u"
            + " AND department = :d AND fulfilled_at IS NULL")
        .param("at", Timestamp.from(e.approvedAt())).param("n", e.planNumber()).param("u", e.uscc())
        .param("d", e.department()).update();
    if (e.confidential()) {
      return Optional.empty();
    }
    LocalDate deadline = deadline(e.completedOn());
    Optional<PublicResult> existing = jdbc.sql(
            "SELECT * FROM public_result WHERE task_number = :t AND department = :d AND uscc = :u AND current_version = TRUE")
        .param("t", e.taskNumber()).param("d", e.department()).param("u", e.uscc())
        .query(this::result).optional();
    if (existing.isPresent()) {
      PublicResult old = existing.get();
      PublicResult repeat = new PublicResult(old.id(), old.version(), old.changeKind(), old.changeReason(), true,
          e.planNumber(), e.planName(), e.taskNumber(), e.taskName(), e.inspectionType(), e.department(),
          e.authority(), e.entityName(), e.uscc(), e.completedOn(), e.resultCode(), e.resultLabel(), e.remarks(),
          e.completedOn(), deadline, old.publishedAt());
      if (repeat.equals(old)) {
        return Optional.empty();
      }
      insertResultVersion(repeat, old.version() + 1, ChangeKind.CORRECTION, "检查结果经重新审核后更新", e.approvedAt());
      refreshEntity(e.uscc(), e.entityName(), e.approvedAt());
      return Optional.of(old.id());
    }
    PublicResult result = new PublicResult(0, 1, ChangeKind.ORIGINAL, null, true, e.planNumber(), e.planName(),
        e.taskNumber(), e.taskName(), e.inspectionType(), e.department(), e.authority(), e.entityName(), e.uscc(),
        e.completedOn(), e.resultCode(), e.resultLabel(), e.remarks(), e.completedOn(), deadline, e.approvedAt());
    long id = insertResultVersion(result, 1, ChangeKind.ORIGINAL, null, e.approvedAt());
    recordPublication(KIND_RESULT, Long.toString(id), e.department(), e.completedOn(), deadline, e.approvedAt());
    refreshEntity(e.uscc(), e.entityName(), e.approvedAt());
    return Optional.of(id);
  }

  /**
   * A decision on the abnormal list; kinds that are not public (a rejected objection) are ignored.
   * Idempotent per decision number.
   */
  @Transactional
  public Optional<Long> publishListing(ListingDecided e) {
    if (!e.kind().published()) {
      return Optional.empty();
    }
    Optional<Long> existing = jdbc.sql("SELECT record_id FROM public_listing WHERE decision_number = :n AND version = 1")
        .param("n", e.decisionNumber()).query(Long.class).optional();
    if (existing.isPresent()) {
      return existing;
    }
    LocalDate arisen = e.arisenOn() == null ? e.decidedOn() : e.arisenOn();
    LocalDate deadline = deadline(arisen);
    PublicListing listing = new PublicListing(0, 1, ChangeKind.ORIGINAL, null, true, e.listingId(), e.kind().name(),
        decisionLabel(e.kind().name(), e.individualBusiness()), e.decisionNumber(), e.uscc(), e.entityName(),
        e.individualBusiness(), e.ground(), e.groundLabel(), e.reasonCode(), reasonLabel(e.reasonCode()),
        e.department(), e.authority(), e.decidedOn(), e.legalBasis(), arisen, deadline, e.at());
    long id = insertListingVersion(listing, 1, ChangeKind.ORIGINAL, null, e.at());
    recordPublication(KIND_LISTING, Long.toString(id), e.department(), arisen, deadline, e.at());
    refreshEntity(e.uscc(), e.entityName(), e.at());
    return Optional.of(id);
  }

  /** A correction of a published result or list decision: a new version; the old one stays as history. */
  @Transactional
  public long correct(String kind, long id, Correction c, Instant now) {
    String reason = reason(c == null ? null : c.reason());
    if (KIND_RESULT.equals(kind)) {
      PublicResult old = currentResult(id);
      requireNotWithdrawn(old.withdrawn());
      String code = or(c.resultCode(), old.resultCode());
      if (code.length() > 4) {
        throw new BadRequestException("resultCode", "结果代码至多 4 个字符");
      }
      if (c.resultCode() != null && c.resultLabel() == null && !c.resultCode().equals(old.resultCode())) {
        throw new BadRequestException("resultLabel", "更改结果代码时须同时给出结果名称");
      }
      PublicResult corrected = new PublicResult(id, old.version(), old.changeKind(), old.changeReason(), true,
          old.planNumber(), old.planName(), old.taskNumber(), limit("taskName", or(c.taskName(), old.taskName()), 300),
          old.inspectionType(), old.department(), old.authority(),
          limit("entityName", or(c.entityName(), old.entityName()), 200), old.uscc(),
          c.completedOn() == null ? old.completedOn() : c.completedOn(), code,
          limit("resultLabel", or(c.resultLabel(), old.resultLabel()), 100),
          limit("remarks", or(c.remarks(), old.remarks()), 2000), old.arisenOn(), old.deadline(), now);
      insertResultVersion(corrected, old.version() + 1, ChangeKind.CORRECTION, reason, now);
      refreshEntity(old.uscc(), corrected.entityName(), now);
      return old.version() + 1;
    }
    if (KIND_LISTING.equals(kind)) {
      PublicListing old = currentListing(id);
      requireNotWithdrawn(old.withdrawn());
      PublicListing corrected = new PublicListing(id, old.version(), old.changeKind(), old.changeReason(), true,
          old.listingId(), old.decisionKind(), old.decisionLabel(), old.decisionNumber(), old.uscc(),
          limit("entityName", or(c.entityName(), old.entityName()), 200), old.individualBusiness(), old.ground(),
          limit("groundLabel", or(c.groundLabel(), old.groundLabel()), 200), old.reasonCode(), old.reasonLabel(),
          old.department(), old.authority(), old.decidedOn(), limit("legalBasis", or(c.legalBasis(), old.legalBasis()), 2000),
          old.arisenOn(), old.deadline(), now);
      insertListingVersion(corrected, old.version() + 1, ChangeKind.CORRECTION, reason, now);
      refreshEntity(old.uscc(), corrected.entityName(), now);
      return old.version() + 1;
    }
    throw unknownKind(kind);
  }

  /** A withdrawal: a new version that shows only that, when and why the record was withdrawn. */
  @Transactional
  public long withdraw(String kind, long id, String why, Instant now) {
    String reason = reason(why);
    if (KIND_RESULT.equals(kind)) {
      PublicResult old = currentResult(id);
      requireNotWithdrawn(old.withdrawn());
      insertResultVersion(old, old.version() + 1, ChangeKind.WITHDRAWAL, reason, now);
      refreshEntity(old.uscc(), old.entityName(), now);
      return old.version() + 1;
    }
    if (KIND_LISTING.equals(kind)) {
      PublicListing old = currentListing(id);
      requireNotWithdrawn(old.withdrawn());
      insertListingVersion(old, old.version() + 1, ChangeKind.WITHDRAWAL, reason, now);
      refreshEntity(old.uscc(), old.entityName(), now);
      return old.version() + 1;
    }
    throw unknownKind(kind);
  }

  private long insertResultVersion(PublicResult r, int version, ChangeKind change, String reason, Instant at) {
    if (version > 1) {
      jdbc.sql("UPDATE public_result SET current_version = FALSE WHERE record_id = :id AND current_version = TRUE")
          .param("id", r.id()).update();
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO public_result (record_id, version, change_kind, change_reason, current_version, plan_number,
                plan_name, task_number, task_name, inspection_type, department, authority, entity_name, uscc,
                completed_on, result_code, result_label, remarks, arisen_on, deadline, published_at)
            VALUES (:rid, :v, :kind, :reason, TRUE, :plan, :planName, :task, :taskName, :type, :dep, :auth, :name,
                :uscc, :completed, :code, :label, :remarks, :arisen, :deadline, :at)""")
        .param("rid", r.id()).param("v", version).param("kind", change.name()).param("reason", reason)
        .param("plan", r.planNumber()).param("planName", r.planName()).param("task", r.taskNumber())
        .param("taskName", r.taskName()).param("type", r.inspectionType()).param("dep", r.department())
        .param("auth", r.authority()).param("name", r.entityName()).param("uscc", r.uscc())
        .param("completed", Date.valueOf(r.completedOn())).param("code", r.resultCode())
        .param("label", r.resultLabel()).param("remarks", r.remarks()).param("arisen", Date.valueOf(r.arisenOn()))
        .param("deadline", Date.valueOf(r.deadline())).param("at", Timestamp.from(at))
        .update(key, "id");
    long rowId = key.getKeyAs(Number.class).longValue();
    if (version == 1) {
      jdbc.sql("UPDATE public_result SET record_id = :id WHERE id = :id").param("id", rowId).update();
      return rowId;
    }
    return r.id();
  }

  private long insertListingVersion(PublicListing l, int version, ChangeKind change, String reason, Instant at) {
    if (version > 1) {
      jdbc.sql("UPDATE public_listing SET current_version = FALSE WHERE record_id = :id AND current_version = TRUE")
          .param("id", l.id()).update();
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO public_listing (record_id, version, change_kind, change_reason, current_version, listing_id,
                decision_kind, decision_number, uscc, entity_name, individual_business, ground, ground_label,
                reason_code, department, authority, decided_on, legal_basis, arisen_on, deadline, published_at)
            VALUES (:rid, :v, :kind, :reason, TRUE, :listing, :decision, :number, :uscc, :name, :individual, :ground,
                :groundLabel, :reasonCode, :dep, :auth, :decided, :basis, :arisen, :deadline, :at)""")
        .param("rid", l.id()).param("v", version).param("kind", change.name()).param("reason", reason)
        .param("listing", l.listingId()).param("decision", l.decisionKind()).param("number", l.decisionNumber())
        .param("uscc", l.uscc()).param("name", l.entityName()).param("individual", l.individualBusiness())
        .param("ground", l.ground()).param("groundLabel", l.groundLabel()).param("reasonCode", l.reasonCode())
        .param("dep", l.department()).param("auth", l.authority()).param("decided", Date.valueOf(l.decidedOn()))
        .param("basis", l.legalBasis()).param("arisen", Date.valueOf(l.arisenOn()))
        .param("deadline", Date.valueOf(l.deadline())).param("at", Timestamp.from(at))
        .update(key, "id");
    long rowId = key.getKeyAs(Number.class).longValue();
    if (version == 1) {
      jdbc.sql("UPDATE public_listing SET record_id = :id WHERE id = :id").param("id", rowId).update();
      return rowId;
    }
    return l.id();
  }

  /** Keeps the search index of the public site in step: name, counts of shown records, last change. */
  private void refreshEntity(String uscc, String name, Instant at) {
    int results = jdbc.sql("SELECT COUNT(*) FROM public_result WHERE uscc = :u AND current_version = TRUE"
            + " AND change_kind <> 'WITHDRAWAL'").param("u", uscc).query(Integer.class).single();
    int listings = jdbc.sql("SELECT COUNT(*) FROM public_listing WHERE uscc = :u AND current_version = TRUE"
            + " AND change_kind <> 'WITHDRAWAL'").param("u", uscc).query(Integer.class).single();
    int updated = jdbc.sql("UPDATE public_entity SET entity_name = :name, results = :r, listings = :l,"
            + " last_published_at = :at WHERE uscc = :u")
        .param("name", name).param("r", results).param("l", listings).param("at", Timestamp.from(at))
        .param("u", uscc).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO public_entity (uscc, entity_name, results, listings, last_published_at)"
              + " VALUES (:u, :name, :r, :l, :at)")
          .param("u", uscc).param("name", name).param("r", results).param("l", listings)
          .param("at", Timestamp.from(at)).update();
    }
  }

  private void recordPublication(String kind, String key, String department, LocalDate arisen, LocalDate deadline,
      Instant publishedAt) {
    LocalDate publishedOn = day(publishedAt);
    jdbc.sql("""
            INSERT INTO disclosure_publication (kind, record_key, department, arisen_on, deadline, published_at,
                published_on, on_time) VALUES (:kind, :key, :dep, :arisen, :deadline, :at, :on, :onTime)""")
        .param("kind", kind).param("key", key).param("dep", department).param("arisen", Date.valueOf(arisen))
        .param("deadline", Date.valueOf(deadline)).param("at", Timestamp.from(publishedAt))
        .param("on", Date.valueOf(publishedOn)).param("onTime", !publishedOn.isAfter(deadline)).update();
  }

  // ---------------------------------------------------------------- reading

  /** The search text, trimmed; at most {@code maxQueryLength} characters (400 otherwise). */
  public String normaliseQuery(String q) {
    String text = q == null ? "" : q.strip();
    if (text.length() > properties.maxQueryLength()) {
      throw new BadRequestException("q", "检索词至多 " + properties.maxQueryLength() + " 个字符");
    }
    return text;
  }

  /** Page number and size checked: page ≥ 0, 1 ≤ size ≤ maxPageSize. */
  public int[] paging(Integer page, Integer size) {
    int p = page == null ? 0 : page;
    int s = size == null ? properties.pageSize() : size;
    if (p < 0 || p > 100_000) {
      throw new BadRequestException("page", "页码应在 0 到 100000 之间");
    }
    if (s < 1 || s > properties.maxPageSize()) {
      throw new BadRequestException("size", "每页条数应在 1 到 " + properties.maxPageSize() + " 之间");
    }
    return new int[] {p, s};
  }

  /**
   * Entities by USCC (the whole code, or its beginning from 2 characters) or by the beginning of their
   * name. An empty text finds nothing.
   */
  public Page<EntitySummary> search(String q, int page, int size) {
    String text = normaliseQuery(q);
    if (text.isEmpty()) {
      return new Page<>(List.of(), page, size, 0L, false);
    }
    String upper = text.toUpperCase(Locale.ROOT);
    if (USCC.matcher(upper).matches()) {
      List<EntitySummary> hit = jdbc.sql("SELECT * FROM public_entity WHERE uscc = :u").param("u", upper)
          .query(this::entity).list();
      return Page.of(page == 0 ? hit : List.of(), page, size, (long) hit.size());
    }
    boolean byUscc = USCC_PREFIX.matcher(upper).matches();
    String prefix = byUscc ? upper : text;
    String column = byUscc ? "uscc" : "entity_name";
    String order = byUscc ? "uscc" : "entity_name, uscc";
    // the prefix as a range as well as a LIKE: the range gives the index its bounds in a cached,
    // generic plan (PostgreSQL re-plans a LIKE with a bound pattern on every call); the LIKE keeps
    // the answer exact whatever the database's ordering of unusual characters
    Optional<String> upperBound = successor(prefix);
    String sql = "SELECT * FROM public_entity WHERE " + column + " >= :lo"
        + (upperBound.isPresent() ? " AND " + column + " < :hi" : "")
        + " AND " + column + " LIKE :p ESCAPE '\\' ORDER BY " + order + " LIMIT :limit OFFSET :offset";
    var statement = jdbc.sql(sql).param("lo", prefix).param("p", escapeLike(prefix) + "%")
        .param("limit", size + 1).param("offset", (long) page * size);
    if (upperBound.isPresent()) {
      statement = statement.param("hi", upperBound.get());
    }
    List<EntitySummary> found = statement.query(this::entity).list();
    return Page.of(found, page, size, null);
  }

  /**
   * The least text above every text that starts with {@code prefix} in code point order (which is
   * PostgreSQL's "C" byte order of UTF-8): the last code point plus one; empty when there is none.
   */
  static Optional<String> successor(String prefix) {
    int[] points = prefix.codePoints().toArray();
    for (int i = points.length - 1; i >= 0; i--) {
      int next = points[i] + 1;
      if (next < Character.MIN_SURROGATE || (next > Character.MAX_SURROGATE && next <= Character.MAX_CODE_POINT)) {
        points[i] = next;
        return Optional.of(new String(points, 0, i + 1));
      }
      if (next == Character.MIN_SURROGATE) {
        points[i] = Character.MAX_SURROGATE + 1;
        return Optional.of(new String(points, 0, i + 1));
      }
    }
    return Optional.empty();
  }

  public Optional<EntitySummary> findEntity(String uscc) {
    return jdbc.sql("SELECT * FROM public_entity WHERE uscc = :u").param("u", uscc).query(this::entity).optional();
  }

  /** Everything published about an entity: its result notices (current versions, paged) and list decisions. */
  public Optional<EntityRecords> entity(String uscc, int page, int size) {
    return findEntity(uscc).map(entity -> {
      List<PublicResult> results = jdbc.sql("""
              SELECT * FROM public_result WHERE uscc = :u AND current_version = TRUE
              ORDER BY completed_on DESC, id DESC LIMIT :limit OFFSET :offset""")
          .param("u", uscc).param("limit", size + 1).param("offset", (long) page * size)
          .query(this::result).list();
      long shown = jdbc.sql("SELECT COUNT(*) FROM public_result WHERE uscc = :u AND current_version = TRUE")
          .param("u", uscc).query(Long.class).single();
      List<PublicListing> listings = jdbc.sql("""
              SELECT * FROM public_listing WHERE uscc = :u AND current_version = TRUE
              ORDER BY decided_on DESC, id DESC LIMIT 200""")
          .param("u", uscc).query(this::listing).list();
      return new EntityRecords(entity, Page.of(results, page, size, shown), listings);
    });
  }

  public Page<PublicPlan> plans(Integer year, int page, int size) {
    requireYear(year);
    String where = year == null ? "" : " WHERE plan_year = :y";
    Map<String, Object> params = new LinkedHashMap<>();
    if (year != null) {
      params.put("y", year);
    }
    long total = jdbc.sql("SELECT COUNT(*) FROM public_plan" + where).params(params).query(Long.class).single();
    params.put("limit", size);
    params.put("offset", (long) page * size);
    List<PublicPlan> plans = jdbc.sql("SELECT * FROM public_plan" + where
            + " ORDER BY plan_year DESC, plan_number DESC LIMIT :limit OFFSET :offset")
        .params(params).query(this::plan).list();
    return Page.of(plans, page, size, total);
  }

  public Optional<PublicPlan> findPlan(String number) {
    return jdbc.sql("SELECT * FROM public_plan WHERE plan_number = :n").param("n", number).query(this::plan).optional();
  }

  public Optional<PlanRecords> plan(String number, int page, int size) {
    return findPlan(number).map(plan -> {
      List<PlanItem> items = jdbc.sql("SELECT * FROM public_plan_item WHERE plan_number = :n ORDER BY department, item_code")
          .param("n", number)
          .query((rs, i) -> new PlanItem(rs.getString("department"), rs.getString("authority"),
              rs.getString("item_code"), rs.getString("item_name"), rs.getString("checklist_name"),
              rs.getString("legal_basis"), rs.getString("methods")))
          .list();
      List<PublicDraw> draws = draws(number);
      long total = jdbc.sql("SELECT COUNT(*) FROM public_result WHERE plan_number = :n AND current_version = TRUE")
          .param("n", number).query(Long.class).single();
      List<PublicResult> results = jdbc.sql("""
              SELECT * FROM public_result WHERE plan_number = :n AND current_version = TRUE
              ORDER BY completed_on DESC, id DESC LIMIT :limit OFFSET :offset""")
          .param("n", number).param("limit", size).param("offset", (long) page * size)
          .query(this::result).list();
      return new PlanRecords(plan, items, draws, Page.of(results, page, size, total));
    });
  }

  /** The draws of a plan, by batch. */
  public List<PublicDraw> draws(String planNumber) {
    return jdbc.sql("SELECT * FROM public_draw WHERE plan_number = :n ORDER BY batch")
        .param("n", planNumber).query(this::draw).list();
  }

  /** Every published draw, newest first. */
  public Page<PublicDraw> draws(int page, int size) {
    long total = jdbc.sql("SELECT COUNT(*) FROM public_draw").query(Long.class).single();
    List<PublicDraw> draws = jdbc.sql("SELECT * FROM public_draw ORDER BY published_at DESC, draw_id LIMIT :l OFFSET :o")
        .param("l", size).param("o", (long) page * size).query(this::draw).list();
    return Page.of(draws, page, size, total);
  }

  public Optional<PublicDraw> findDraw(String drawId) {
    return jdbc.sql("SELECT * FROM public_draw WHERE draw_id = :id").param("id", drawId).query(this::draw).optional();
  }

  /** The draw record exactly as published. */
  public Optional<String> drawRecordJson(String drawId) {
    return jdbc.sql("SELECT record_json FROM public_draw WHERE draw_id = :id").param("id", drawId)
        .query(String.class).optional();
  }

  /** Result notices, newest publication first (current versions; withdrawn ones show as withdrawn). */
  public Page<PublicResult> results(String department, String planNumber, int page, int size) {
    StringBuilder sql = new StringBuilder("SELECT * FROM public_result WHERE current_version = TRUE");
    Map<String, Object> params = new LinkedHashMap<>();
    if (department != null && !department.isBlank()) {
      sql.append(" AND department = :d");
      params.put("d", department);
    }
    if (planNumber != null && !planNumber.isBlank()) {
      sql.append(" AND plan_number = :n");
      params.put("n", planNumber);
    }
    sql.append(" ORDER BY published_at DESC, id DESC LIMIT :limit OFFSET :offset");
    params.put("limit", size + 1);
    params.put("offset", (long) page * size);
    return Page.of(jdbc.sql(sql.toString()).params(params).query(this::result).list(), page, size, null);
  }

  /** Every version of a result, oldest first; empty if there is no such record. */
  public List<PublicResult> resultVersions(long id) {
    return jdbc.sql("SELECT * FROM public_result WHERE record_id = :id ORDER BY version")
        .param("id", id).query(this::result).list();
  }

  public List<PublicListing> listingVersions(long id) {
    return jdbc.sql("SELECT * FROM public_listing WHERE record_id = :id ORDER BY version")
        .param("id", id).query(this::listing).list();
  }

  /** Every public decision of one listing, oldest first (current versions). */
  public List<PublicListing> listingHistory(long listingId) {
    return jdbc.sql("SELECT * FROM public_listing WHERE listing_id = :l AND current_version = TRUE ORDER BY decided_on, id")
        .param("l", listingId).query(this::listing).list();
  }

  /** The abnormal list: statuses LISTED (在列), SERIOUS_LISTED, REMOVED (已移出), REVOKED (已撤销). */
  public static final Map<String, String> STATUSES = statuses();

  private static Map<String, String> statuses() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("LISTED", "在列");
    s.put("SERIOUS_LISTED", "列入严重违法失信名单");
    s.put("REMOVED", "已移出");
    s.put("REVOKED", "已撤销");
    return s;
  }

  /**
   * {@code FROM} and {@code WHERE} of the abnormal list (alias {@code l}): the newest public, not
   * withdrawn decision of each listing. Shared with the CSV download ({@link FeedReader}).
   */
  static final String NEWEST_DECISIONS = """
       FROM public_listing l WHERE l.current_version = TRUE AND l.change_kind <> 'WITHDRAWAL'
         AND NOT EXISTS (SELECT 1 FROM public_listing n WHERE n.listing_id = l.listing_id AND n.current_version = TRUE
           AND n.change_kind <> 'WITHDRAWAL' AND (n.decided_on > l.decided_on
             OR (n.decided_on = l.decided_on AND n.record_id > l.record_id)))""";

  /**
   * The abnormal list: one entry per listing, its status the newest public, not withdrawn decision.
   * Filters: status (see {@link #STATUSES}), ground (1–4), department, year of listing, name or USCC prefix.
   */
  public Page<AbnormalEntry> abnormalList(String status, String ground, String department, Integer year, String q,
      int page, int size) {
    if (status != null && !status.isBlank() && !STATUSES.containsKey(status)) {
      throw new BadRequestException("status", "状态应为 " + String.join("、", STATUSES.keySet()) + " 之一");
    }
    requireYear(year);
    String text = normaliseQuery(q);
    StringBuilder where = new StringBuilder(NEWEST_DECISIONS);
    Map<String, Object> params = new LinkedHashMap<>();
    if (status != null && !status.isBlank()) {
      where.append(" AND l.decision_kind = :status");
      params.put("status", status);
    }
    if (ground != null && !ground.isBlank()) {
      where.append(" AND EXISTS (SELECT 1 FROM public_listing g WHERE g.listing_id = l.listing_id AND g.ground = :ground)");
      params.put("ground", ground);
    }
    if (department != null && !department.isBlank()) {
      where.append(" AND l.department = :department");
      params.put("department", department);
    }
    if (year != null) {
      where.append(" AND EXISTS (SELECT 1 FROM public_listing y WHERE y.listing_id = l.listing_id"
          + " AND y.decision_kind = 'LISTED' AND y.decided_on BETWEEN :from AND :to)");
      params.put("from", Date.valueOf(LocalDate.of(year, 1, 1)));
      params.put("to", Date.valueOf(LocalDate.of(year, 12, 31)));
    }
    if (!text.isEmpty()) {
      String upper = text.toUpperCase(Locale.ROOT);
      if (USCC_PREFIX.matcher(upper).matches()) {
        where.append(" AND l.uscc LIKE :q ESCAPE '\\'");
        params.put("q", escapeLike(upper) + "%");
      } else {
        where.append(" AND l.entity_name LIKE :q ESCAPE '\\'");
        params.put("q", escapeLike(text) + "%");
      }
    }
    long total = jdbc.sql("SELECT COUNT(*)" + where).params(params).query(Long.class).single();
    params.put("limit", size);
    params.put("offset", (long) page * size);
    List<PublicListing> latest = jdbc.sql("SELECT l.*" + where + " ORDER BY l.decided_on DESC, l.id DESC LIMIT :limit OFFSET :offset")
        .params(params).query(this::listing).list();
    List<AbnormalEntry> entries = new ArrayList<>();
    for (PublicListing l : latest) {
      List<PublicListing> history = listingHistory(l.listingId());
      PublicListing first = history.stream().filter(h -> "LISTED".equals(h.decisionKind())).findFirst().orElse(l);
      entries.add(new AbnormalEntry(l.listingId(), l.uscc(), l.entityName(), l.individualBusiness(), l.decisionKind(),
          statusLabel(l.decisionKind(), l.individualBusiness()), first.groundLabel(), l.authority(), first.decidedOn(),
          l.decidedOn(), l.decisionNumber()));
    }
    return Page.of(entries, page, size, total);
  }

  // ---------------------------------------------------------------- helpers

  PublicResult currentResult(long id) {
    return jdbc.sql("SELECT * FROM public_result WHERE record_id = :id AND current_version = TRUE")
        .param("id", id).query(this::result).optional()
        .orElseThrow(() -> new NotFoundException("id", "没有编号为 " + id + " 的公示检查结果"));
  }

  PublicListing currentListing(long id) {
    return jdbc.sql("SELECT * FROM public_listing WHERE record_id = :id AND current_version = TRUE")
        .param("id", id).query(this::listing).optional()
        .orElseThrow(() -> new NotFoundException("id", "没有编号为 " + id + " 的公示名录决定"));
  }

  private static void requireYear(Integer year) {
    if (year != null && (year < 1990 || year > 2999)) {
      throw new BadRequestException("year", "年度应在 1990 到 2999 之间");
    }
  }

  private static void requireNotWithdrawn(boolean withdrawn) {
    if (withdrawn) {
      throw new ConflictException("该公示记录已撤回，不能再更正或撤回");
    }
  }

  private static BadRequestException unknownKind(String kind) {
    return new BadRequestException("kind", "公示记录种类应为 results 或 listings，而不是 " + kind);
  }

  private static String reason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new BadRequestException("reason", "更正或撤回须说明理由");
    }
    return limit("reason", reason.strip(), 2000);
  }

  private static String limit(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new BadRequestException(field, "至多 " + max + " 个字符");
    }
    return value;
  }

  private static String or(String value, String otherwise) {
    return value == null ? otherwise : value.strip();
  }

  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  static String decisionLabel(String kind, boolean individual) {
    return switch (kind) {
      case "LISTED" -> individual ? "标记为经营异常状态" : "列入经营异常名录";
      case "REVOKED" -> "撤销列入经营异常名录";
      case "REMOVED" -> individual ? "恢复正常记载状态" : "移出经营异常名录";
      case "SERIOUS_LISTED" -> "列入严重违法失信名单";
      default -> kind;
    };
  }

  static String statusLabel(String kind, boolean individual) {
    return switch (kind) {
      case "LISTED" -> individual ? "经营异常状态" : "在列";
      default -> STATUSES.getOrDefault(kind, kind);
    };
  }

  static String reasonLabel(String code) {
    if (code == null) {
      return null;
    }
    return switch (code) {
      case "1" -> "已补报年度报告";
      case "2" -> "已依法公示相关信息";
      case "3" -> "已更正虚假公示信息";
      case "4" -> "已办理住所变更登记或可以通过登记的住所联系";
      default -> code;
    };
  }

  static String modeLabel(String mode) {
    return "targeted".equals(mode) ? "定向抽查" : "不定向抽查";
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private EntitySummary entity(ResultSet rs, int n) throws SQLException {
    return new EntitySummary(rs.getString("uscc"), rs.getString("entity_name"), rs.getInt("results"),
        rs.getInt("listings"), rs.getTimestamp("last_published_at").toInstant());
  }

  private PublicPlan plan(ResultSet rs, int n) throws SQLException {
    List<Batch> batches;
    try {
      batches = json.readValue(rs.getString("batches"), new TypeReference<List<Batch>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String authorities = rs.getString("authorities");
    return new PublicPlan(rs.getString("plan_number"), rs.getInt("plan_year"), rs.getString("name"),
        rs.getString("mode"), modeLabel(rs.getString("mode")), rs.getString("lead_department"),
        rs.getString("lead_authority"), authorities.isEmpty() ? List.of() : List.of(authorities.split("、")),
        rs.getDate("draw_date").toLocalDate(), batches, rs.getInt("catalog_version"),
        rs.getDate("arisen_on").toLocalDate(), rs.getDate("deadline").toLocalDate(),
        rs.getTimestamp("published_at").toInstant());
  }

  private PublicDraw draw(ResultSet rs, int n) throws SQLException {
    return new PublicDraw(rs.getString("draw_id"), rs.getString("plan_number"), rs.getInt("batch"),
        rs.getString("commitment"), rs.getTimestamp("drawn_at").toInstant(), rs.getDate("arisen_on").toLocalDate(),
        rs.getDate("deadline").toLocalDate(), rs.getTimestamp("published_at").toInstant());
  }

  private PublicResult result(ResultSet rs, int n) throws SQLException {
    return new PublicResult(rs.getLong("record_id"), rs.getInt("version"), ChangeKind.valueOf(rs.getString("change_kind")),
        rs.getString("change_reason"), rs.getBoolean("current_version"), rs.getString("plan_number"),
        rs.getString("plan_name"), rs.getString("task_number"), rs.getString("task_name"),
        rs.getString("inspection_type"), rs.getString("department"), rs.getString("authority"),
        rs.getString("entity_name"), rs.getString("uscc"), rs.getDate("completed_on").toLocalDate(),
        rs.getString("result_code"), rs.getString("result_label"), rs.getString("remarks"),
        rs.getDate("arisen_on").toLocalDate(), rs.getDate("deadline").toLocalDate(),
        rs.getTimestamp("published_at").toInstant());
  }

  private PublicListing listing(ResultSet rs, int n) throws SQLException {
    String kind = rs.getString("decision_kind");
    boolean individual = rs.getBoolean("individual_business");
    return new PublicListing(rs.getLong("record_id"), rs.getInt("version"), ChangeKind.valueOf(rs.getString("change_kind")),
        rs.getString("change_reason"), rs.getBoolean("current_version"), rs.getLong("listing_id"), kind,
        decisionLabel(kind, individual), rs.getString("decision_number"), rs.getString("uscc"),
        rs.getString("entity_name"), individual, rs.getString("ground"), rs.getString("ground_label"),
        rs.getString("reason_code"), reasonLabel(rs.getString("reason_code")), rs.getString("department"),
        rs.getString("authority"), rs.getDate("decided_on").toLocalDate(), rs.getString("legal_basis"),
        rs.getDate("arisen_on").toLocalDate(), rs.getDate("deadline").toLocalDate(),
        rs.getTimestamp("published_at").toInstant());
  }
}
