package org.onedoor.listing.letter;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.onedoor.listing.ListingDecided;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * The decision letters of the abnormal operations list: one PDF per decision, rendered and stored
 * in the deciding transaction with the SHA-256 of its bytes; read by the staff API.
 */
@Service
public class DecisionLetters {

  /** A stored letter without its bytes. */
  public record Letter(
      long id,
      long listingId,
      ListingDecided.Kind kind,
      String title,
      String decisionNumber,
      String uscc,
      String entityName,
      LocalDate decidedOn,
      int size,
      String sha256,
      Instant renderedAt) {}

  /** A letter's bytes with what a download needs. */
  public record Pdf(Letter letter, byte[] bytes) {}

  private final JdbcClient jdbc;
  private final LetterRenderer renderer;
  private final LetterFont font;
  private final LetterProperties settings;
  private final ApplicationEventPublisher events;

  public DecisionLetters(JdbcClient jdbc, LetterRenderer renderer, LetterFont font, LetterProperties settings,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
    this.renderer = renderer;
    this.font = font;
    this.settings = settings;
  }

  /**
   * Renders the letter of a decision and stores it; any failure (a missing field, a character the
   * font cannot print, a second letter with the same decision number) is thrown, so the deciding
   * transaction rolls back and no decision is ever without its letter.
   */
  public Letter issue(ListingDecided decision, Instant now) {
    LetterContent content = LetterWording.compose(decision, settings, font::covers);
    byte[] pdf = renderer.render(content, decision.at() != null ? decision.at() : now);
    String sha256 = sha256(pdf);
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    try {
      jdbc.sql(
              """
              INSERT INTO listing_letter (listing_id, kind, title, decision_number, uscc, entity_name, decided_on, pdf,
                                          size_bytes, sha256, rendered_at)
              VALUES (:listing, :kind, :title, :number, :uscc, :name, :decidedOn, :pdf, :size, :sha256, :at)
              """)
          .param("listing", decision.listingId())
          .param("kind", decision.kind().name())
          .param("title", content.title())
          .param("number", content.decisionNumber())
          .param("uscc", decision.uscc().strip())
          .param("name", decision.entityName().strip())
          .param("decidedOn", decision.decidedOn())
          .param("pdf", pdf)
          .param("size", pdf.length)
          .param("sha256", sha256)
          .param("at", Timestamp.from(now))
          .update(key, "id");
    } catch (DuplicateKeyException e) {
      throw new ConflictException("决定书文号 " + content.decisionNumber() + " 已有决定书");
    }
    long id = key.getKey().longValue();
    // the deciding department's people who work its listing cases learn of it (notifications)
    events.publishEvent(new DecisionLetterIssued(id, decision.listingId(), content.title(), content.decisionNumber(),
        decision.entityName().strip(), decision.department(), decision.decidedOn(), now,
        Set.of(Role.INSPECTOR.workGroupId(decision.department()), Role.CHIEF.workGroupId(decision.department()))));
    return new Letter(
        id,
        decision.listingId(),
        decision.kind(),
        content.title(),
        content.decisionNumber(),
        decision.uscc().strip(),
        decision.entityName().strip(),
        decision.decidedOn(),
        pdf.length,
        sha256,
        now);
  }

  /** The letters of a listing, oldest first. */
  public List<Letter> ofListing(long listingId) {
    return jdbc.sql(SELECT + " WHERE listing_id = :listing ORDER BY id")
        .param("listing", listingId)
        .query((rs, n) -> letter(rs))
        .list();
  }

  /** A letter of a listing (empty when the letter does not exist or belongs to another listing). */
  public Optional<Letter> find(long listingId, long letterId) {
    return jdbc.sql(SELECT + " WHERE listing_id = :listing AND id = :id")
        .param("listing", listingId)
        .param("id", letterId)
        .query((rs, n) -> letter(rs))
        .optional();
  }

  /** A letter with its PDF bytes. */
  public Optional<Pdf> pdf(long listingId, long letterId) {
    return find(listingId, letterId)
        .map(
            letter ->
                new Pdf(
                    letter,
                    jdbc.sql("SELECT pdf FROM listing_letter WHERE id = :id")
                        .param("id", letterId)
                        .query((rs, n) -> rs.getBytes(1))
                        .single()));
  }

  /** The letter of a decision, by its number. */
  public Optional<Letter> byDecisionNumber(String decisionNumber) {
    return jdbc.sql(SELECT + " WHERE decision_number = :number")
        .param("number", decisionNumber)
        .query((rs, n) -> letter(rs))
        .optional();
  }

  private static final String SELECT =
      "SELECT id, listing_id, kind, title, decision_number, uscc, entity_name, decided_on, size_bytes, sha256, rendered_at"
          + " FROM listing_letter";

  private static Letter letter(java.sql.ResultSet rs) throws java.sql.SQLException {
    ListingDecided.Kind kind = ListingDecided.Kind.valueOf(rs.getString("kind"));
    return new Letter(
        rs.getLong("id"),
        rs.getLong("listing_id"),
        kind,
        rs.getString("title"),
        rs.getString("decision_number"),
        rs.getString("uscc"),
        rs.getString("entity_name"),
        rs.getObject("decided_on", LocalDate.class),
        rs.getInt("size_bytes"),
        rs.getString("sha256"),
        rs.getTimestamp("rendered_at").toInstant());
  }

  /** Lower-case hex SHA-256. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
