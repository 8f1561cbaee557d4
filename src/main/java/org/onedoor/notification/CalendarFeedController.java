package org.onedoor.notification;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calendar feeds ({@link CalendarFeeds}): the signed-in person creates, replaces and revokes their
 * feed under {@code /api/v1/notifications/calendar} (HTTP Basic, or the Tasklist session with its CSRF
 * token); the feed itself, {@code GET /ical/<token>.ics}, needs no sign-in (a phone's calendar cannot
 * sign in) and answers 404 for an unknown or revoked token, the same for both.
 */
@RestController
class CalendarFeedController {

  static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

  private final CalendarFeeds feeds;

  CalendarFeedController(CalendarFeeds feeds) {
    this.feeds = feeds;
  }

  @GetMapping("/api/v1/notifications/calendar")
  CalendarFeeds.Status status(Authentication user) {
    return feeds.status(user.getName());
  }

  /** A new address (the old one, if any, stops working); shown once, only its hash is kept. */
  @PostMapping("/api/v1/notifications/calendar")
  @ResponseStatus(HttpStatus.CREATED)
  CalendarFeeds.Created create(Authentication user) {
    return feeds.create(user.getName(), now());
  }

  @DeleteMapping("/api/v1/notifications/calendar")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(Authentication user) {
    feeds.revoke(user.getName());
  }

  @GetMapping("/ical/{token}.ics")
  ResponseEntity<String> feed(@PathVariable String token) {
    return feeds.feed(token, now())
        .map(body -> ResponseEntity.ok().contentType(TEXT_CALENDAR)
            // a person's schedule: no shared cache keeps it, no search engine lists it
            .cacheControl(CacheControl.noStore())
            .header("X-Robots-Tag", "noindex, nofollow")
            .header("Content-Disposition", "inline; filename=\"onedoor.ics\"")
            .body(body))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
            .body("没有这个日历订阅（地址有误，或已停止订阅）"));
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
