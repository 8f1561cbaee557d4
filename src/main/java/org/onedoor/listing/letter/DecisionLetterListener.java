package org.onedoor.listing.letter;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.listing.ListingDecided;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Issues the decision letter of every {@link ListingDecided} in the deciding transaction: when the
 * letter cannot be rendered or stored, the exception reaches the decision and rolls it back.
 */
@Component
class DecisionLetterListener {

  private final DecisionLetters letters;

  DecisionLetterListener(DecisionLetters letters) {
    this.letters = letters;
  }

  @EventListener
  void issueLetter(ListingDecided decision) {
    letters.issue(decision, ClockUtil.now().toInstant());
  }
}
