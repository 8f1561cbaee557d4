package org.onedoor.disclosure;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The records of the public site (R8) as the disclosure projection stores and serves them. Nothing
 * here may ever hold an inspector, a credit class, a risk level, evidence or a confidential result.
 */
public final class Disclosures {

  private Disclosures() {}

  /** How a version of a published record came about. */
  public enum ChangeKind {
    /** The first publication. */
    ORIGINAL("原始公示"),
    /** A correction: the newer version replaces the older one, which stays visible as history. */
    CORRECTION("更正"),
    /** A withdrawal: the record is no longer shown, only the fact and the reason of its withdrawal. */
    WITHDRAWAL("撤回");

    private final String label;

    ChangeKind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** A published plan (R3): what it checks, who checks, when it draws. */
  public record PublicPlan(
      String planNumber,
      int year,
      String name,
      String mode,
      String modeLabel,
      String leadDepartment,
      String leadAuthority,
      List<String> authorities,
      LocalDate drawDate,
      List<Batch> batches,
      int catalogVersion,
      LocalDate arisenOn,
      LocalDate deadline,
      Instant publishedAt,
      String remarks,
      int version,
      ChangeKind changeKind,
      String changeReason,
      Instant changedAt) {

    /** A plan as first published: version 1, no remarks. */
    public static PublicPlan original(String planNumber, int year, String name, String mode, String modeLabel,
        String leadDepartment, String leadAuthority, List<String> authorities, LocalDate drawDate, List<Batch> batches,
        int catalogVersion, LocalDate arisenOn, LocalDate deadline, Instant publishedAt) {
      return new PublicPlan(planNumber, year, name, mode, modeLabel, leadDepartment, leadAuthority, authorities,
          drawDate, batches, catalogVersion, arisenOn, deadline, publishedAt, null, 1, ChangeKind.ORIGINAL, null, null);
    }

    /** A withdrawn plan stays readable as history, marked as withdrawn with its reason. */
    public boolean withdrawn() {
      return changeKind == ChangeKind.WITHDRAWAL;
    }
  }

  /**
   * One version of a published plan: its public text at that version (name, remarks, items) and why
   * it changed. The plan number, year, batches, draw date and commitments never change.
   */
  public record PlanVersion(
      int version,
      ChangeKind changeKind,
      String changeReason,
      Instant publishedAt,
      String name,
      String remarks,
      List<PlanItem> items) {}

  /** One batch window of a plan: its inspections happen inside it. */
  public record Batch(int batch, LocalDate from, LocalDate to) {}

  /** A catalogue item a plan checks, as published. */
  public record PlanItem(
      String department,
      String authority,
      String itemCode,
      String itemName,
      String checklistName,
      String legalBasis,
      String methods) {}

  /**
   * A published draw (R4) as the projection holds it, from its commitment on. {@code state}:
   * COMMITTED (only the commitment is public), FROZEN (and the population hash), DRAWN (the whole
   * record). {@code commitment} is the commitment published before the draw; {@code commitmentMatches}
   * whether the drawn record carries that same commitment (null until drawn, or when no commitment
   * was published before). The record itself is never edited: {@code version}, {@code changeKind},
   * {@code changeReason} and {@code changedAt} are those of its newest erratum or withdrawal.
   */
  public record PublicDraw(
      String drawId,
      String planNumber,
      int batch,
      String state,
      String stateLabel,
      String commitment,
      Instant committedAt,
      Boolean commitmentMatches,
      Instant drawnAt,
      LocalDate arisenOn,
      LocalDate deadline,
      Instant publishedAt,
      int version,
      ChangeKind changeKind,
      String changeReason,
      Instant changedAt) {

    public boolean drawn() {
      return "DRAWN".equals(state);
    }

    public boolean withdrawn() {
      return changeKind == ChangeKind.WITHDRAWAL;
    }
  }

  /**
   * One version of a draw record: version 1 its publication, later ones an erratum note (CORRECTION)
   * or a withdrawal, each with its reason. The record JSON is the same in every version.
   */
  public record DrawChange(int version, ChangeKind changeKind, String changeReason, Instant publishedAt) {}

  /**
   * One version of a result notice (R8). {@code id} is the record's id (the first version's), stable
   * across corrections; {@code version} counts from 1.
   */
  public record PublicResult(
      long id,
      int version,
      ChangeKind changeKind,
      String changeReason,
      boolean current,
      String planNumber,
      String planName,
      String taskNumber,
      String taskName,
      String inspectionType,
      String department,
      String authority,
      String entityName,
      String uscc,
      LocalDate completedOn,
      String resultCode,
      String resultLabel,
      String remarks,
      LocalDate arisenOn,
      LocalDate deadline,
      Instant publishedAt) {

    public boolean withdrawn() {
      return changeKind == ChangeKind.WITHDRAWAL;
    }

    /** What the public sees: a withdrawn record shows that it was withdrawn, when and why, not its content. */
    public PublicResult shown(boolean withdrawnRecord) {
      if (!withdrawnRecord) {
        return this;
      }
      return new PublicResult(id, version, changeKind, changeReason, current, planNumber, planName, taskNumber, null,
          inspectionType, department, authority, entityName, uscc, null, null, null, null, arisenOn, deadline,
          publishedAt);
    }
  }

  /** One version of a published decision on the abnormal operations list (R9–R12). */
  public record PublicListing(
      long id,
      int version,
      ChangeKind changeKind,
      String changeReason,
      boolean current,
      long listingId,
      String decisionKind,
      String decisionLabel,
      String decisionNumber,
      String uscc,
      String entityName,
      boolean individualBusiness,
      String ground,
      String groundLabel,
      String reasonCode,
      String reasonLabel,
      String department,
      String authority,
      LocalDate decidedOn,
      String legalBasis,
      LocalDate arisenOn,
      LocalDate deadline,
      Instant publishedAt) {

    public boolean withdrawn() {
      return changeKind == ChangeKind.WITHDRAWAL;
    }

    /** What the public sees: a withdrawn decision shows that it was withdrawn, when and why, not its content. */
    public PublicListing shown(boolean withdrawnRecord) {
      if (!withdrawnRecord) {
        return this;
      }
      return new PublicListing(id, version, changeKind, changeReason, current, listingId, decisionKind, decisionLabel,
          decisionNumber, uscc, entityName, individualBusiness, null, null, null, null, department, authority,
          decidedOn, null, arisenOn, deadline, publishedAt);
    }
  }

  /** An entry of the abnormal list: a listing with its newest public decision and its history. */
  public record AbnormalEntry(
      long listingId,
      String uscc,
      String entityName,
      boolean individualBusiness,
      String status,
      String statusLabel,
      String groundLabel,
      String authority,
      LocalDate listedOn,
      LocalDate changedOn,
      String decisionNumber) {}

  /** An entity with something published: a search hit. */
  public record EntitySummary(String uscc, String entityName, int results, int listings, Instant lastPublishedAt) {}

  /** The entity page: the entity, its result notices and its list decisions. */
  public record EntityRecords(EntitySummary entity, Page<PublicResult> results, List<PublicListing> listings) {}

  /** A plan page: the plan, its items, its draws, a page of its results and every version of the plan. */
  public record PlanRecords(PublicPlan plan, List<PlanItem> items, List<PublicDraw> draws, Page<PublicResult> results,
      List<PlanVersion> versions) {}

  /**
   * A page of a list. {@code total} is null where counting would cost more than the page (search,
   * all results): then {@code hasNext} tells whether another page follows.
   */
  public record Page<T>(List<T> items, int page, int size, Long total, boolean hasNext) {

    public static <T> Page<T> of(List<T> fetched, int page, int size, Long total) {
      boolean more = fetched.size() > size;
      List<T> items = more ? List.copyOf(fetched.subList(0, size)) : List.copyOf(fetched);
      if (total != null) {
        more = (long) (page + 1) * size < total;
      }
      return new Page<>(items, page, size, total, more);
    }

    public Integer totalPages() {
      return total == null ? null : (int) Math.max(1, (total + size - 1) / size);
    }
  }

  /** A record whose deadline comes near or has passed and which is not yet published. */
  public record DueRecord(
      String kind, String planNumber, int batch, String uscc, String department, LocalDate dueOn, long workingDaysLeft) {}

  /** The on-time publication rate of one department in one month. */
  public record OnTimeRate(String department, String month, long published, long onTime, double rate) {}

  /**
   * A correction: the fields to change (null: unchanged) and why. Results: entityName, taskName,
   * completedOn, resultCode, resultLabel, remarks. List decisions: entityName, groundLabel,
   * legalBasis. Plans: name, remarks, items (by department and item code). Draws: the reason only,
   * an erratum note (the record is never edited). {@code planNumber}, {@code year} and
   * {@code commitment} can never be corrected: given, they are refused by name.
   */
  public record Correction(
      String reason,
      String entityName,
      String taskName,
      LocalDate completedOn,
      String resultCode,
      String resultLabel,
      String remarks,
      String groundLabel,
      String legalBasis,
      String name,
      List<ItemCorrection> items,
      String planNumber,
      Integer year,
      String commitment) {}

  /** A correction of one item of a plan, found by department and item code; null fields stay. */
  public record ItemCorrection(
      String department,
      String itemCode,
      String itemName,
      String checklistName,
      String legalBasis,
      String methods) {}

  /** A withdrawal and why. */
  public record Withdrawal(String reason) {}
}
