package org.onedoor.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.onedoor.calendar.CalendarProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily digest: a user's e-mails beyond {@code max-per-day} in a day are held (HELD), and at
 * {@code digest-at} (18:00 Beijing time) of their day they become one digest message, which the
 * sender delivers like any other (retries included). A slot's digest is keyed by its first held row,
 * so two nodes preparing at once write it once. Held e-mails whose task ends before the digest are
 * left out.
 */
@Component
public class DailyDigest {

  private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);

  private final NotificationOutbox outbox;
  private final NotificationProperties properties;
  private final TransactionTemplate transactions;
  private final ZoneId zone;

  DailyDigest(NotificationOutbox outbox, NotificationProperties properties, TransactionTemplate transactions,
      CalendarProperties calendar) {
    this.outbox = outbox;
    this.properties = properties;
    this.transactions = transactions;
    this.zone = calendar.zone();
  }

  /** Writes the digests whose time has come; returns how many. */
  public int prepare(Instant now) {
    int written = 0;
    LocalDate today = LocalDate.ofInstant(now, zone);
    for (NotificationOutbox.DigestSlot slot : outbox.heldSlots()) {
      Instant due = slot.day().atTime(properties.email().digestAt()).atZone(zone).toInstant();
      if (due.isAfter(now)) {
        continue;
      }
      try {
        Long id = transactions.execute(s -> outbox.createDigest(slot, now, today).orElse(null));
        written += id == null ? 0 : 1;
      } catch (DataIntegrityViolationException | ConcurrencyFailureException another) {
        log.debug("digest of {} for {} written by another sender", slot.recipient(), slot.day());
      }
    }
    return written;
  }
}
