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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  /** States of a draw in the projection: committed, frozen (population hash public), drawn. */
  public static final String STATE_COMMITTED = "COMMITTED";
  public static final String STATE_FROZEN = "FROZEN";
  public static final String STATE_DRAWN = "DRAWN";

  private static final Logger LOG = LoggerFactory.getLogger(PublicRecords.class);

  static final Pattern USCC = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");
  static final Pattern USCC_PREFIX = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{2,18}");

  private final JdbcClient jdbc;
  private final WorkingDayCalendar calendar;
  private final ZoneId zone;
  private final DisclosureProperties properties;
  private final OrganisationProperties organisation;
  private final ObjectMapper json;
  private final EntityFirstPages firstPages;

  public PublicRecords(
      JdbcClient jdbc,
      WorkingDayCalendar calendar,
      CalendarProperties calendarProperties,
      DisclosureProperties properties,
      OrganisationProperties organisation,
      ObjectMapper json,
      EntityFirstPages firstPages) {
    this.jdbc = jdbc;
    this.calendar = calendar;
    this.zone = calendarProperties.zone();
    this.properties = properties;
    this.organisation = organisation;
    this.json = json;
    this.firstPages = firstPages;
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
   * The commitment of a plan batch, published with the plan, before anything is drawn: the public
   * record as the draw feature published it (no nonce). Idempotent per draw id.
   */
  @Transactional
  public void publishDrawCommitment(String drawId, String planNumber, int batch, String commitment, String publicJson,
      Instant committedAt) {
    if (drawExists(drawId)) {
      return;
    }
    jdbc.sql("""
            INSERT INTO public_draw (draw_id, plan_number, batch, state, commitment, committed_at, record_json,
                published_at) VALUES (:id, :n, :b, :state, :c, :at, :json, :at)""")
        .param("id", drawId).param("n", planNumber).param("b", batch).param("state", STATE_COMMITTED)
        .param("c", commitment).param("at", Timestamp.from(committedAt)).param("json", publicJson).update();
  }

  /** The population hash of a batch, published on the draw date: the public record before the draw. */
  @Transactional
  public void publishDrawFrozen(String drawId, String planNumber, int batch, String publicJson, Instant frozenAt) {
    int updated = jdbc.sql("UPDATE public_draw SET state = :frozen, record_json = :json WHERE draw_id = :id"
            + " AND state = :committed")
        .param("frozen", STATE_FROZEN).param("json", publicJson).param("id", drawId)
        .param("committed", STATE_COMMITTED).update();
    if (updated == 0 && !drawExists(drawId)) {
      jdbc.sql("""
              INSERT INTO public_draw (draw_id, plan_number, batch, state, commitment, record_json, published_at)
              VALUES (:id, :n, :b, :state, :c, :json, :at)""")
          .param("id", drawId).param("n", planNumber).param("b", batch).param("state", STATE_FROZEN)
          .param("c", commitmentIn(publicJson)).param("json", publicJson).param("at", Timestamp.from(frozenAt))
          .update();
    }
  }

  /**
   * A draw record as published; the drawn entities owe a result for each department of the plan,
   * due {@code deadlineWorkingDays} after the end of the batch window. The draw id keeps the
   * commitment published before: whether the record carries that same commitment is kept with it
   * ({@code commitment_matches}) and shown on the public pages; a mismatch is published as such, never
   * hidden or blocked. Idempotent per draw id.
   */
  @Transactional
  public void publishDraw(String drawId, String planNumber, int batch, String recordJson, Instant drawnAt,
      Instant publishedAt, String leadDepartment, List<String> departments, List<String> drawnUsccs,
      LocalDate windowTo) {
    Optional<String[]> before = jdbc.sql("SELECT state, commitment FROM public_draw WHERE draw_id = :id")
        .param("id", drawId).query((rs, i) -> new String[] {rs.getString("state"), rs.getString("commitment")})
        .optional();
    if (before.isPresent() && STATE_DRAWN.equals(before.get()[0])) {
      return;
    }
    LocalDate arisen = day(drawnAt);
    LocalDate deadline = deadline(arisen);
    String commitment = commitmentIn(recordJson);
    if (before.isPresent()) {
      String committed = before.get()[1];
      Boolean matches = committed == null ? null : committed.equals(commitment);
      if (Boolean.FALSE.equals(matches)) {
        LOG.warn("draw {}: the drawn record's commitment {} differs from the commitment {} published before the draw",
            drawId, commitment, committed);
      }
      jdbc.sql("""
              UPDATE public_draw SET state = :state, commitment = :c, record_json = :json, drawn_at = :drawn,
                  arisen_on = :arisen, deadline = :deadline, published_at = :at, commitment_matches = :matches
              WHERE draw_id = :id""")
          .param("state", STATE_DRAWN).param("c", committed == null ? commitment : committed).param("json", recordJson)
          .param("drawn", Timestamp.from(drawnAt)).param("arisen", Date.valueOf(arisen))
          .param("deadline", Date.valueOf(deadline)).param("at", Timestamp.from(publishedAt))
          .param("matches", matches).param("id", drawId).update();
    } else {
      jdbc.sql("""
              INSERT INTO public_draw (draw_id, plan_number, batch, state, commitment, record_json, drawn_at, arisen_on,
                  deadline, published_at) VALUES (:id, :n, :b, :state, :c, :json, :drawn, :arisen, :deadline, :at)""")
          .param("id", drawId).param("n", planNumber).param("b", batch).param("state", STATE_DRAWN)
          .param("c", commitment).param("json", recordJson)
          .param("drawn", Timestamp.from(drawnAt)).param("arisen", Date.valueOf(arisen))
          .param("deadline", Date.valueOf(deadline)).param("at", Timestamp.from(publishedAt)).update();
    }
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
        .query(PublicRows::result).optional();
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

  /**
   * A correction of a published plan: its public text (name, remarks, the items' names, checklists,
   * legal basis and methods) as a new version with a reason; the plan number, year, batches, draw date
   * and commitments never change.
   *
   * @return the new version
   */
  @Transactional
  public int correctPlan(String number, Correction c, Instant now) {
    String reason = reason(c == null ? null : c.reason());
    refuse("planNumber", c.planNumber(), "计划编号不能更正");
    refuse("year", c.year(), "计划年度不能更正");
    refuse("commitment", c.commitment(), "抽取承诺值不能更正");
    String notPlan = "抽查计划可更正的字段为 name、remarks 和 items";
    refuse("entityName", c.entityName(), notPlan);
    refuse("taskName", c.taskName(), notPlan);
    refuse("completedOn", c.completedOn(), notPlan);
    refuse("resultCode", c.resultCode(), notPlan);
    refuse("resultLabel", c.resultLabel(), notPlan);
    refuse("groundLabel", c.groundLabel(), notPlan);
    refuse("legalBasis", c.legalBasis(), "抽查依据按事项更正：items[].legalBasis");
    PublicPlan old = currentPlan(number);
    requireNotWithdrawn(old.withdrawn());
    if (c.name() == null && c.remarks() == null && (c.items() == null || c.items().isEmpty())) {
      throw new BadRequestException("name", "更正须给出 name、remarks 或 items 中至少一项");
    }
    if (c.name() != null && c.name().isBlank()) {
      throw new BadRequestException("name", "计划名称不能为空");
    }
    String name = limit("name", or(c.name(), old.name()), 200);
    String remarks = c.remarks() == null ? old.remarks() : blankToNull(limit("remarks", c.remarks().strip(), 2000));
    List<PlanItem> before = planItems(number);
    List<PlanItem> items = new ArrayList<>(before);
    List<Disclosures.ItemCorrection> changes = c.items() == null ? List.of() : c.items();
    for (int i = 0; i < changes.size(); i++) {
      Disclosures.ItemCorrection change = changes.get(i);
      String at = "items[" + i + "]";
      if (change == null || change.department() == null || change.itemCode() == null) {
        throw new BadRequestException(at + ".itemCode", "须给出事项所属部门（department）和事项编码（itemCode）");
      }
      int index = -1;
      for (int j = 0; j < items.size(); j++) {
        if (items.get(j).department().equals(change.department().strip())
            && items.get(j).itemCode().equals(change.itemCode().strip())) {
          index = j;
        }
      }
      if (index < 0) {
        throw new BadRequestException(at + ".itemCode",
            "本计划没有 " + change.department() + " 部门的事项 " + change.itemCode());
      }
      if (change.itemName() != null && change.itemName().isBlank()) {
        throw new BadRequestException(at + ".itemName", "事项名称不能为空");
      }
      PlanItem item = items.get(index);
      items.set(index, new PlanItem(item.department(), item.authority(), item.itemCode(),
          limit(at + ".itemName", or(change.itemName(), item.itemName()), 300),
          limit(at + ".checklistName", orBlank(change.checklistName(), item.checklistName()), 300),
          limit(at + ".legalBasis", orBlank(change.legalBasis(), item.legalBasis()), 2000),
          limit(at + ".methods", orBlank(change.methods(), item.methods()), 500)));
    }
    if (name.equals(old.name()) && java.util.Objects.equals(remarks, old.remarks()) && items.equals(before)) {
      throw new BadRequestException("reason", "更正后的内容与现公示内容相同");
    }
    snapshotFirstPlanVersion(old, before);
    int version = old.version() + 1;
    jdbc.sql("""
            UPDATE public_plan SET name = :name, remarks = :remarks, version = :v, change_kind = :kind,
                change_reason = :reason, changed_at = :at WHERE plan_number = :n""")
        .param("name", name).param("remarks", remarks).param("v", version).param("kind", ChangeKind.CORRECTION.name())
        .param("reason", reason).param("at", Timestamp.from(now)).param("n", number).update();
    for (PlanItem item : items) {
      jdbc.sql("""
              UPDATE public_plan_item SET item_name = :name, checklist_name = :checklist, legal_basis = :basis,
                  methods = :methods WHERE plan_number = :n AND department = :d AND item_code = :code""")
          .param("name", item.itemName()).param("checklist", item.checklistName()).param("basis", item.legalBasis())
          .param("methods", item.methods()).param("n", number).param("d", item.department())
          .param("code", item.itemCode()).update();
    }
    insertPlanVersion(number, version, ChangeKind.CORRECTION, reason, now, name, remarks, items);
    return version;
  }

  /** A withdrawal of a published plan: marked withdrawn with its reason, still readable as history. */
  @Transactional
  public int withdrawPlan(String number, String why, Instant now) {
    String reason = reason(why);
    PublicPlan old = currentPlan(number);
    requireNotWithdrawn(old.withdrawn());
    List<PlanItem> items = planItems(number);
    snapshotFirstPlanVersion(old, items);
    int version = old.version() + 1;
    jdbc.sql("UPDATE public_plan SET version = :v, change_kind = :kind, change_reason = :reason, changed_at = :at"
            + " WHERE plan_number = :n")
        .param("v", version).param("kind", ChangeKind.WITHDRAWAL.name()).param("reason", reason)
        .param("at", Timestamp.from(now)).param("n", number).update();
    insertPlanVersion(number, version, ChangeKind.WITHDRAWAL, reason, now, old.name(), old.remarks(), items);
    return version;
  }

  /**
   * An erratum note on a draw record: a new version with the reason; the record itself (and so its
   * verification) stays byte for byte as published.
   */
  @Transactional
  public int correctDraw(String drawId, Correction c, Instant now) {
    String reason = reason(c == null ? null : c.reason());
    String fixed = "抽取记录不能修改，只能附加更正说明（reason）";
    refuse("planNumber", c.planNumber(), fixed);
    refuse("year", c.year(), fixed);
    refuse("commitment", c.commitment(), fixed);
    refuse("name", c.name(), fixed);
    refuse("items", c.items(), fixed);
    refuse("remarks", c.remarks(), fixed);
    refuse("entityName", c.entityName(), fixed);
    refuse("taskName", c.taskName(), fixed);
    refuse("completedOn", c.completedOn(), fixed);
    refuse("resultCode", c.resultCode(), fixed);
    refuse("resultLabel", c.resultLabel(), fixed);
    refuse("groundLabel", c.groundLabel(), fixed);
    refuse("legalBasis", c.legalBasis(), fixed);
    return changeDraw(drawId, ChangeKind.CORRECTION, reason, now);
  }

  /** A withdrawal of a draw record (the draw was annulled, say): marked withdrawn, the record unchanged. */
  @Transactional
  public int withdrawDraw(String drawId, String why, Instant now) {
    return changeDraw(drawId, ChangeKind.WITHDRAWAL, reason(why), now);
  }

  private int changeDraw(String drawId, ChangeKind kind, String reason, Instant now) {
    PublicDraw old = findDraw(drawId)
        .orElseThrow(() -> new NotFoundException("id", "没有编号为 " + drawId + " 的公示抽取记录"));
    requireNotWithdrawn(old.withdrawn());
    int version = old.version() + 1;
    jdbc.sql("INSERT INTO public_draw_change (draw_id, version, change_kind, change_reason, published_at)"
            + " VALUES (:id, :v, :kind, :reason, :at)")
        .param("id", drawId).param("v", version).param("kind", kind.name()).param("reason", reason)
        .param("at", Timestamp.from(now)).update();
    jdbc.sql("UPDATE public_draw SET version = :v, change_kind = :kind, change_reason = :reason, changed_at = :at"
            + " WHERE draw_id = :id")
        .param("v", version).param("kind", kind.name()).param("reason", reason).param("at", Timestamp.from(now))
        .param("id", drawId).update();
    return version;
  }

  /** Before the first change of a plan, its version 1 as published (nothing is written at publication). */
  private void snapshotFirstPlanVersion(PublicPlan plan, List<PlanItem> items) {
    if (plan.version() == 1) {
      insertPlanVersion(plan.planNumber(), 1, ChangeKind.ORIGINAL, null, plan.publishedAt(), plan.name(),
          plan.remarks(), items);
    }
  }

  private void insertPlanVersion(String number, int version, ChangeKind kind, String reason, Instant at, String name,
      String remarks, List<PlanItem> items) {
    jdbc.sql("""
            INSERT INTO public_plan_version (plan_number, version, change_kind, change_reason, published_at, name,
                remarks, items_json) VALUES (:n, :v, :kind, :reason, :at, :name, :remarks, :items)""")
        .param("n", number).param("v", version).param("kind", kind.name()).param("reason", reason)
        .param("at", Timestamp.from(at)).param("name", name).param("remarks", remarks).param("items", write(items))
        .update();
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
    firstPages.store(uscc);
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
      List<EntitySummary> hit = jdbc.sql("SELECT " + PublicRows.ENTITY_COLUMNS + " FROM public_entity WHERE uscc = :u")
          .param("u", upper)
          .query(PublicRows::entity).list();
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
    String sql = "SELECT " + PublicRows.ENTITY_COLUMNS + " FROM public_entity WHERE " + column + " >= :lo"
        + (upperBound.isPresent() ? " AND " + column + " < :hi" : "")
        + " AND " + column + " LIKE :p ESCAPE '\\' ORDER BY " + order + " LIMIT :limit OFFSET :offset";
    var statement = jdbc.sql(sql).param("lo", prefix).param("p", escapeLike(prefix) + "%")
        .param("limit", size + 1).param("offset", (long) page * size);
    if (upperBound.isPresent()) {
      statement = statement.param("hi", upperBound.get());
    }
    List<EntitySummary> found = statement.query(PublicRows::entity).list();
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
    return jdbc.sql("SELECT " + PublicRows.ENTITY_COLUMNS + " FROM public_entity WHERE uscc = :u").param("u", uscc)
        .query(PublicRows::entity).optional();
  }

  /**
   * Everything published about an entity: its result notices (current versions, paged) and list decisions, as
   * the public sees them (a withdrawn record without its content). The first page is stored with the entity.
   */
  public Optional<EntityRecords> entity(String uscc, int page, int size) {
    Optional<String> stored = firstPages.stored(uscc, page, size);
    return stored.isPresent() ? Optional.of(firstPages.parse(stored.get())) : entityReadTheLongWay(uscc, page, size);
  }

  /** The JSON answer for an entity's first page, when that is what is asked and it is stored. */
  public Optional<String> storedEntityJson(String uscc, int page, int size) {
    return firstPages.stored(uscc, page, size);
  }

  /** {@link #entity} read from the result and listing rows (any page; the first page's stored answer equals it). */
  Optional<EntityRecords> entityReadTheLongWay(String uscc, int page, int size) {
    return findEntity(uscc).map(entity -> {
      List<PublicResult> results = jdbc.sql("""
              SELECT * FROM public_result WHERE uscc = :u AND current_version = TRUE
              ORDER BY completed_on DESC, id DESC LIMIT :limit OFFSET :offset""")
          .param("u", uscc).param("limit", size + 1).param("offset", (long) page * size)
          .query(PublicRows::result).list().stream().map(r -> r.shown(r.withdrawn())).toList();
      // a page that is not full ends the list: its count is known without counting (most entities
      // have a handful of results, so the COUNT runs only for the few with more than a page)
      long shown = results.size() <= size && (page == 0 || !results.isEmpty())
          ? (long) page * size + results.size()
          : jdbc.sql("SELECT COUNT(*) FROM public_result WHERE uscc = :u AND current_version = TRUE")
              .param("u", uscc).query(Long.class).single();
      List<PublicListing> listings = jdbc.sql("""
              SELECT * FROM public_listing WHERE uscc = :u AND current_version = TRUE
              ORDER BY decided_on DESC, id DESC LIMIT :limit""")
          .param("u", uscc).param("limit", EntityFirstPages.MAX_LISTINGS).query(PublicRows::listing).list().stream()
          .map(l -> l.shown(l.withdrawn())).toList();
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
      List<PlanItem> items = planItems(number);
      List<PublicDraw> draws = draws(number);
      long total = jdbc.sql("SELECT COUNT(*) FROM public_result WHERE plan_number = :n AND current_version = TRUE")
          .param("n", number).query(Long.class).single();
      List<PublicResult> results = jdbc.sql("""
              SELECT * FROM public_result WHERE plan_number = :n AND current_version = TRUE
              ORDER BY completed_on DESC, id DESC LIMIT :limit OFFSET :offset""")
          .param("n", number).param("limit", size).param("offset", (long) page * size)
          .query(PublicRows::result).list().stream().map(r -> r.shown(r.withdrawn())).toList();
      return new PlanRecords(plan, items, draws, Page.of(results, page, size, total), planVersions(plan, items));
    });
  }

  /** The items of a plan as now published (corrected ones included). */
  public List<PlanItem> planItems(String number) {
    return jdbc.sql("SELECT * FROM public_plan_item WHERE plan_number = :n ORDER BY department, item_code")
        .param("n", number)
        .query((rs, i) -> new PlanItem(rs.getString("department"), rs.getString("authority"),
            rs.getString("item_code"), rs.getString("item_name"), rs.getString("checklist_name"),
            rs.getString("legal_basis"), rs.getString("methods")))
        .list();
  }

  /** Every version of a plan, oldest first: the published one alone until it is first changed. */
  public List<Disclosures.PlanVersion> planVersions(PublicPlan plan, List<PlanItem> items) {
    List<Disclosures.PlanVersion> versions = jdbc.sql("SELECT * FROM public_plan_version WHERE plan_number = :n"
            + " ORDER BY version")
        .param("n", plan.planNumber())
        .query((rs, i) -> new Disclosures.PlanVersion(rs.getInt("version"), ChangeKind.valueOf(rs.getString("change_kind")),
            rs.getString("change_reason"), rs.getTimestamp("published_at").toInstant(), rs.getString("name"),
            rs.getString("remarks"), read(rs.getString("items_json"), new TypeReference<List<PlanItem>>() {})))
        .list();
    if (versions.isEmpty()) {
      return List.of(new Disclosures.PlanVersion(1, ChangeKind.ORIGINAL, null, plan.publishedAt(), plan.name(),
          plan.remarks(), items));
    }
    return versions;
  }

  /** The draws of a plan, by batch. */
  public List<PublicDraw> draws(String planNumber) {
    return jdbc.sql("SELECT * FROM public_draw WHERE plan_number = :n ORDER BY batch")
        .param("n", planNumber).query(this::draw).list();
  }

  /** The ids of every published draw (committed ones included), newest publication first. */
  public List<String> drawIds() {
    return jdbc.sql("SELECT draw_id FROM public_draw ORDER BY published_at DESC, draw_id").query(String.class).list();
  }

  /** Every version of a draw record, oldest first: its publication, then errata and a withdrawal. */
  public List<Disclosures.DrawChange> drawChanges(PublicDraw draw) {
    List<Disclosures.DrawChange> changes = new ArrayList<>();
    changes.add(new Disclosures.DrawChange(1, ChangeKind.ORIGINAL, null,
        draw.committedAt() == null ? draw.publishedAt() : draw.committedAt()));
    changes.addAll(jdbc.sql("SELECT * FROM public_draw_change WHERE draw_id = :id ORDER BY version")
        .param("id", draw.drawId())
        .query((rs, i) -> new Disclosures.DrawChange(rs.getInt("version"), ChangeKind.valueOf(rs.getString("change_kind")),
            rs.getString("change_reason"), rs.getTimestamp("published_at").toInstant()))
        .list());
    return changes;
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
    return Page.of(jdbc.sql(sql.toString()).params(params).query(PublicRows::result).list().stream()
        .map(r -> r.shown(r.withdrawn())).toList(), page, size, null);
  }

  /** Every version of a result, oldest first; empty if there is no such record. */
  public List<PublicResult> resultVersions(long id) {
    return jdbc.sql("SELECT * FROM public_result WHERE record_id = :id ORDER BY version")
        .param("id", id).query(PublicRows::result).list();
  }

  public List<PublicListing> listingVersions(long id) {
    return jdbc.sql("SELECT * FROM public_listing WHERE record_id = :id ORDER BY version")
        .param("id", id).query(PublicRows::listing).list();
  }

  /** Every public decision of one listing, oldest first (current versions). */
  public List<PublicListing> listingHistory(long listingId) {
    return jdbc.sql("SELECT * FROM public_listing WHERE listing_id = :l AND current_version = TRUE ORDER BY decided_on, id")
        .param("l", listingId).query(PublicRows::listing).list();
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
        .params(params).query(PublicRows::listing).list();
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
        .param("id", id).query(PublicRows::result).optional()
        .orElseThrow(() -> new NotFoundException("id", "没有编号为 " + id + " 的公示检查结果"));
  }

  PublicListing currentListing(long id) {
    return jdbc.sql("SELECT * FROM public_listing WHERE record_id = :id AND current_version = TRUE")
        .param("id", id).query(PublicRows::listing).optional()
        .orElseThrow(() -> new NotFoundException("id", "没有编号为 " + id + " 的公示名录决定"));
  }

  PublicPlan currentPlan(String number) {
    return findPlan(number)
        .orElseThrow(() -> new NotFoundException("id", "没有编号为 " + number + " 的公示抽查计划"));
  }

  private boolean drawExists(String drawId) {
    return jdbc.sql("SELECT COUNT(*) FROM public_draw WHERE draw_id = :id").param("id", drawId)
        .query(Integer.class).single() > 0;
  }

  private String commitmentIn(String recordJson) {
    try {
      return json.readTree(recordJson).path("commitment").asText(null);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("recordJson", "抽取记录不是有效的 JSON");
    }
  }

  private static void refuse(String field, Object value, String reason) {
    if (value != null) {
      throw new BadRequestException(field, reason);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** A given value replaces (blank clears it), null keeps the old one. */
  private static String orBlank(String value, String otherwise) {
    return value == null ? otherwise : blankToNull(value.strip());
  }

  static String stateLabel(String state) {
    return switch (state) {
      case STATE_COMMITTED -> "尚未抽取";
      case STATE_FROZEN -> "名单已冻结，尚未抽取";
      case STATE_DRAWN -> "已抽取";
      default -> state;
    };
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
    return new BadRequestException("kind", "公示记录种类应为 results、listings、plans 或 draws，而不是 " + kind);
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

  private PublicPlan plan(ResultSet rs, int n) throws SQLException {
    List<Batch> batches = read(rs.getString("batches"), new TypeReference<List<Batch>>() {});
    String authorities = rs.getString("authorities");
    return new PublicPlan(rs.getString("plan_number"), rs.getInt("plan_year"), rs.getString("name"),
        rs.getString("mode"), modeLabel(rs.getString("mode")), rs.getString("lead_department"),
        rs.getString("lead_authority"), authorities.isEmpty() ? List.of() : List.of(authorities.split("、")),
        rs.getDate("draw_date").toLocalDate(), batches, rs.getInt("catalog_version"),
        rs.getDate("arisen_on").toLocalDate(), rs.getDate("deadline").toLocalDate(),
        rs.getTimestamp("published_at").toInstant(), rs.getString("remarks"), rs.getInt("version"),
        ChangeKind.valueOf(rs.getString("change_kind")), rs.getString("change_reason"), instant(rs, "changed_at"));
  }

  private PublicDraw draw(ResultSet rs, int n) throws SQLException {
    Boolean matches = rs.getBoolean("commitment_matches");
    if (rs.wasNull()) {
      matches = null;
    }
    Date arisen = rs.getDate("arisen_on");
    Date deadline = rs.getDate("deadline");
    return new PublicDraw(rs.getString("draw_id"), rs.getString("plan_number"), rs.getInt("batch"),
        rs.getString("state"), stateLabel(rs.getString("state")), rs.getString("commitment"),
        instant(rs, "committed_at"), matches, instant(rs, "drawn_at"),
        arisen == null ? null : arisen.toLocalDate(), deadline == null ? null : deadline.toLocalDate(),
        rs.getTimestamp("published_at").toInstant(), rs.getInt("version"),
        ChangeKind.valueOf(rs.getString("change_kind")), rs.getString("change_reason"), instant(rs, "changed_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
