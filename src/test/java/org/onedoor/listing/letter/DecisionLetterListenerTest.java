package org.onedoor.listing.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.listing.ListingDecided;
import org.onedoor.listing.ListingDecided.Kind;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The letter is issued in the deciding transaction: stored with it, or the decision rolls back. */
@OnedoorSpringTest
class DecisionLetterListenerTest {

  static final AtomicLong LISTING = new AtomicLong(710_000);

  @Autowired ApplicationEventPublisher publisher;
  @Autowired PlatformTransactionManager transactions;
  @Autowired DecisionLetters letters;
  @Autowired JdbcClient jdbc;

  void inTransaction(Runnable work) {
    new TransactionTemplate(transactions).executeWithoutResult(status -> work.run());
  }

  static ListingDecided withName(ListingDecided d, String name) {
    return new ListingDecided(
        d.listingId(), d.kind(), d.decisionNumber(), d.uscc(), name, d.individualBusiness(), d.ground(),
        d.groundLabel(), d.reasonCode(), d.department(), d.authority(), d.decidedOn(), d.arisenOn(), d.facts(),
        d.legalBasis(), d.reason(), d.at());
  }

  @Test
  void aDecisionPublishedInATransactionLeavesItsLetter() throws Exception {
    long listing = LISTING.incrementAndGet();
    inTransaction(() -> {
      publisher.publishEvent(LetterSamples.decision(Kind.LISTED, listing, "监听〔2026〕" + listing + "号"));
      publisher.publishEvent(LetterSamples.decision(Kind.REMOVED, listing, "监听〔2026〕" + listing + "-1号"));
    });

    assertThat(letters.ofListing(listing))
        .extracting(DecisionLetters.Letter::kind, DecisionLetters.Letter::title)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.LISTED, "列入经营异常名录决定书"),
            org.assertj.core.groups.Tuple.tuple(Kind.REMOVED, "移出经营异常名录决定书"));
    DecisionLetters.Letter letter = letters.byDecisionNumber("监听〔2026〕" + listing + "号").orElseThrow();
    DecisionLetters.Pdf pdf = letters.pdf(listing, letter.id()).orElseThrow();
    assertThat(pdf.bytes()).hasSize(letter.size());
    assertThat(DecisionLetters.sha256(pdf.bytes())).isEqualTo(letter.sha256()).hasSize(64);
    assertThat(new String(pdf.bytes(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(LetterRenderingTest.text(pdf.bytes()))
        .contains(LetterSamples.NAME)
        .contains(LetterSamples.USCC)
        .contains("监听〔2026〕" + listing + "号");
  }

  @Test
  void aLetterThatCannotBeRenderedRollsTheDecisionBack() {
    long listing = LISTING.incrementAndGet();
    String good = "回滚〔2026〕" + listing + "号";
    assertThatThrownBy(
            () ->
                inTransaction(() -> {
                  // an earlier write of the same transaction: the first decision and its letter
                  publisher.publishEvent(LetterSamples.decision(Kind.LISTED, listing, good));
                  // a name with a character outside the font (U+20000) cannot be printed
                  publisher.publishEvent(
                      withName(
                          LetterSamples.decision(Kind.LISTED, listing + 1, good + "-2"), "\uD840\uDC00记商行"));
                }))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("entityName");

    assertThat(letters.ofListing(listing)).isEmpty();
    assertThat(letters.byDecisionNumber(good)).isEmpty();
  }

  @Test
  void aDecisionNumberHasOneLetter() {
    long listing = LISTING.incrementAndGet();
    String number = "重复〔2026〕" + listing + "号";
    inTransaction(() -> publisher.publishEvent(LetterSamples.decision(Kind.LISTED, listing, number)));

    assertThatThrownBy(
            () -> inTransaction(() -> publisher.publishEvent(LetterSamples.decision(Kind.REVOKED, listing, number))))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(number);
    assertThat(letters.ofListing(listing)).extracting(DecisionLetters.Letter::kind).containsExactly(Kind.LISTED);
  }
}
