package org.onedoor.listing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.onedoor.platform.web.ConflictException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a business filed, entered by staff: an objection or a removal application is stored and its
 * message ({@code objection-filed}, {@code removal-applied}) correlated to the case's process, in one
 * transaction, with the documents the business handed in ({@link ListingDocuments}): a bad file → 400
 * naming it, and nothing is saved. A case that is not waiting for it (one already being handled) answers 409.
 */
@Service
public class ListingFilings {

  public static final String OBJECTION_FILED = "objection-filed";
  public static final String REMOVAL_APPLIED = "removal-applied";

  private final Listings listings;
  private final RuntimeService runtime;
  private final ListingDocuments documents;

  public ListingFilings(Listings listings, RuntimeService runtime, ListingDocuments documents) {
    this.listings = listings;
    this.runtime = runtime;
    this.documents = documents;
  }

  @Transactional
  public Listings.Objection fileObjection(long listingId, LocalDate filedOn, String content, String evidence,
      String actor, Instant now) {
    return fileObjection(listingId, filedOn, content, evidence, List.of(), actor, now);
  }

  /** An objection with the documents handed in with it; the decision forms list the documents' names. */
  @Transactional
  public Listings.Objection fileObjection(long listingId, LocalDate filedOn, String content, String evidence,
      List<ListingDocuments.Upload> files, String actor, Instant now) {
    List<ListingDocuments.Checked> checked = documents.check(files);
    Listings.Objection o = listings.fileObjection(listingId, filedOn, content, evidence, actor, now);
    documents.store(listingId, o.id(), null, checked, actor, now);
    Listings.Listing l = listings.get(listingId);
    if (l.processInstanceId() == null) {
      throw new ConflictException("该案件没有办理流程");
    }
    requireWaiting(l, OBJECTION_FILED, "该案件已有异议正在办理，不能再登记异议");
    try {
      runtime.createMessageCorrelation(OBJECTION_FILED).processInstanceId(l.processInstanceId())
          .setVariable("objectionId", o.id())
          .setVariable("objectionFiledOn", o.filedOn().toString())
          .correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException("该案件已有异议正在办理，不能再登记异议");
    }
    return o;
  }

  @Transactional
  public Listings.Removal applyForRemoval(long listingId, LocalDate appliedOn, String reasonCode, String remedy,
      String actor, Instant now) {
    return applyForRemoval(listingId, appliedOn, reasonCode, remedy, List.of(), actor, now);
  }

  /** A removal application with the documents handed in with it (proof of the remedy). */
  @Transactional
  public Listings.Removal applyForRemoval(long listingId, LocalDate appliedOn, String reasonCode, String remedy,
      List<ListingDocuments.Upload> files, String actor, Instant now) {
    List<ListingDocuments.Checked> checked = documents.check(files);
    Listings.Removal r = listings.applyForRemoval(listingId, appliedOn, reasonCode, remedy, actor, now);
    documents.store(listingId, null, r.id(), checked, actor, now);
    Listings.Listing l = listings.get(listingId);
    if (l.processInstanceId() == null) {
      throw new ConflictException("该案件没有办理流程");
    }
    requireWaiting(l, REMOVAL_APPLIED, "该案件已有移出申请正在办理，不能再登记移出申请");
    try {
      var correlation = runtime.createMessageCorrelation(REMOVAL_APPLIED).processInstanceId(l.processInstanceId())
          .setVariable("removalId", r.id())
          .setVariable("removalAppliedOn", r.appliedOn().toString())
          .setVariable("removalNeedsVerification", Listings.needsVerification(l.ground()));
      if (r.decisionDeadline() != null) {
        correlation.setVariable("removalDeadline", ListingVariables.endOf(r.decisionDeadline(), listings.zone()));
      }
      correlation.correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException("该案件已有移出申请正在办理，不能再登记移出申请");
    }
    return r;
  }

  private void requireWaiting(Listings.Listing l, String message, String otherwise) {
    if (runtime.createEventSubscriptionQuery().processInstanceId(l.processInstanceId()).eventType("message")
        .eventName(message).count() == 0) {
      throw new ConflictException(otherwise);
    }
  }
}
