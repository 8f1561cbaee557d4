package org.onedoor.credit;

import org.onedoor.inspection.ResultApproved;
import org.onedoor.listing.ListingDecided;
import org.onedoor.rectification.RectificationConcluded;
import org.onedoor.directory.CreditRatingImported;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The causes that feed back (R13): each event is weighed by {@link CreditFeedback} inside the
 * transaction that published it (plain {@code @EventListener}, as the public projection does), so a
 * result approved, a listing decided or a warning concluded is never without its feedback.
 */
@Component
class CreditFeedbackListener {

  private final CreditFeedback feedback;

  CreditFeedbackListener(CreditFeedback feedback) {
    this.feedback = feedback;
  }

  @EventListener
  void resultApproved(ResultApproved e) {
    feedback.weigh(new CreditFeedback.Cause(CreditFeedback.RESULT, e.taskNumber(),
        e.taskNumber() + "/" + e.department(), e.uscc(), e.resultCode(),
        e.authority() + "：" + e.resultCode() + " " + e.resultLabel()), e.approvedAt());
  }

  @EventListener
  void listingDecided(ListingDecided e) {
    String kind = e.kind() == ListingDecided.Kind.REMOVED ? CreditFeedback.REMOVAL : CreditFeedback.LISTING;
    feedback.weigh(new CreditFeedback.Cause(kind, String.valueOf(e.listingId()), e.decisionNumber(), e.uscc(),
        e.kind().name(), e.decisionNumber() + "（" + e.groundLabel() + "）"), e.at());
  }

  @EventListener
  void rectificationConcluded(RectificationConcluded e) {
    feedback.weigh(new CreditFeedback.Cause(CreditFeedback.RECTIFICATION, e.inspectionNumber(),
        String.valueOf(e.rectificationId()), e.uscc(), e.outcome(), e.department() + " 复查结论 " + e.outcome()),
        e.at());
  }

  @EventListener
  void ratingImported(CreditRatingImported e) {
    feedback.recordImported(e);
  }

  @EventListener
  void warningConcluded(RiskWarningConcluded e) {
    feedback.weigh(new CreditFeedback.Cause(CreditFeedback.WARNING, String.valueOf(e.warningId()),
        String.valueOf(e.warningId()), e.uscc(), e.outcome(), "预警 " + e.warningId() + "：" + e.outcome()), e.at());
  }
}
