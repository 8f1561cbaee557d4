package org.onedoor.listing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RuntimeService;
import org.onedoor.platform.PersonNames;
import org.springframework.stereotype.Service;

/**
 * What the staff page of a case ({@code /staff/listings/{id}}) shows, as display text in Chinese: the
 * business, ground, facts, the deciding department's name, status, dates and deadlines (Beijing dates),
 * the objections and removal applications filed so far with their documents, who entered them (names),
 * and the removal reasons with their labels.
 */
@Service
public class ListingCase {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

  public record View(long id, String entityName, String uscc, String action, String ground, String groundLabel,
      String facts, String legalBasis, String department, String departmentName, String status, String statusLabel,
      String listedOn, String decisionNumber, String decisionDeadline, String objectionWindowEnds,
      String removalWindowEnds, String closedOn, String closeReason, boolean awaitingObjection,
      boolean awaitingRemoval, String documentLimits, List<Reason> removalReasons, List<FilingView> objections, List<FilingView> removals,
      List<StepView> steps) {}

  /** A removal reason: code, its Chinese label, and whether this case's ground allows it. */
  public record Reason(String code, String label, boolean allowed) {}

  /** An objection or a removal application as filed, with its handling so far and its documents. */
  public record FilingView(long id, String filedOn, String text, String note, String reasonLabel, String status,
      String statusLabel, String deadline, String outcome, String enteredBy, List<DocumentView> documents) {}

  public record DocumentView(long id, String fileName, String typeLabel, String size, String sha256, String uploadedBy,
      String uploadedAt, String download) {}

  public record StepView(String at, String actor, String summary, String reason) {}

  private static final Map<String, String> OBJECTION_STATUS = Map.of(
      "FILED", "已登记，待受理审查", "ACCEPTED", "已受理，核实中", "NOT_ACCEPTED", "不予受理",
      "UPHELD", "异议成立", "REJECTED", "异议不成立");
  private static final Map<String, String> REMOVAL_STATUS = Map.of(
      "APPLIED", "已登记，待办理", "VERIFIED", "已核实整改情况，待审批", "APPROVED", "同意移出",
      "REFUSED", "不予移出");

  private final Listings listings;
  private final ListingDocuments documents;
  private final PersonNames people;
  private final RuntimeService runtime;

  public ListingCase(Listings listings, ListingDocuments documents, PersonNames people, RuntimeService runtime) {
    this.listings = listings;
    this.documents = documents;
    this.people = people;
    this.runtime = runtime;
  }

  public View of(long id) {
    Listings.Detail d = listings.detail(id);
    Listings.Listing l = d.listing();
    List<ListingDocuments.Document> docs = documents.ofListing(id);
    List<FilingView> objections = new ArrayList<>();
    for (Listings.Objection o : d.objections()) {
      objections.add(new FilingView(o.id(), date(o.filedOn()), o.content(), o.evidence(), null, o.status(),
          OBJECTION_STATUS.getOrDefault(o.status(), o.status()),
          o.verifyDeadline() != null && "ACCEPTED".equals(o.status()) ? "核实期限 " + date(o.verifyDeadline()) : null,
          join(o.acceptReason(), o.resultReason()), people.name(o.enteredBy()),
          docs.stream().filter(x -> "OBJECTION".equals(x.kind()) && x.filingId() == o.id()).map(this::document).toList()));
    }
    List<FilingView> removals = new ArrayList<>();
    for (Listings.Removal r : d.removals()) {
      removals.add(new FilingView(r.id(), date(r.appliedOn()), r.remedy(), r.verification(),
          Listings.REMEDIES.get(r.reasonCode()), r.status(), REMOVAL_STATUS.getOrDefault(r.status(), r.status()),
          r.decisionDeadline() != null && ("APPLIED".equals(r.status()) || "VERIFIED".equals(r.status()))
              ? "决定期限 " + date(r.decisionDeadline()) : null,
          r.reason(), people.name(r.enteredBy()),
          docs.stream().filter(x -> "REMOVAL".equals(x.kind()) && x.filingId() == r.id()).map(this::document).toList()));
    }
    List<Reason> reasons = new ArrayList<>();
    new TreeMap<>(Listings.REMEDIES).forEach((code, label) -> reasons.add(new Reason(code, label, code.equals(l.ground()))));
    List<StepView> steps = d.steps().stream()
        .map(s -> new StepView(time(s.at()), people.name(s.actor()), s.summary(), s.reason())).toList();
    return new View(l.id(), l.entityName(), l.uscc(), l.action(), l.ground(), l.groundLabel(), l.facts(),
        l.legalBasis(), l.department(), l.authority(), l.status().name(), ListingSection.status(l.status()),
        date(l.listedOn()), l.decisionNumber(), date(l.decisionDeadline()), date(l.objectionWindowEnds()),
        date(l.removalWindowEnds()), date(l.closedOn()), l.closeReason(),
        waiting(l, ListingFilings.OBJECTION_FILED), waiting(l, ListingFilings.REMOVAL_APPLIED),
        documents.limitsInWords(), reasons,
        objections, removals, steps);
  }

  private DocumentView document(ListingDocuments.Document x) {
    return new DocumentView(x.id(), x.fileName(), x.typeLabel(), ListingDocuments.size(x.sizeBytes()), x.sha256(),
        people.name(x.uploadedBy()), time(x.uploadedAt()),
        "/api/v1/listings/" + x.listingId() + "/documents/" + x.id());
  }

  private boolean waiting(Listings.Listing l, String message) {
    return l.processInstanceId() != null && runtime.createEventSubscriptionQuery()
        .processInstanceId(l.processInstanceId()).eventType("message").eventName(message).count() > 0;
  }

  private static String join(String a, String b) {
    if (a == null || a.isBlank()) {
      return b;
    }
    return b == null || b.isBlank() || b.equals(a) ? a : a + "；" + b;
  }

  private static String date(LocalDate day) {
    return day == null ? null : ListingTaskFacts.chineseDate(day);
  }

  private String time(Instant at) {
    return at == null ? null : TIME.format(at.atZone(listings.zone()));
  }
}
