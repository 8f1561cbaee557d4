package org.onedoor.notification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * An iCalendar document (RFC 5545) as text: lines end with CRLF, a line longer than 75 octets is
 * folded (CRLF and one space) without splitting a UTF-8 character, TEXT values are escaped ({@code \\},
 * {@code \;}, {@code \,}, {@code \n}), times are UTC ({@code 20260928T020000Z}) so no VTIMEZONE is
 * needed. Plain Java, no library: what a calendar feed needs and no more.
 */
final class ICalendar {

  /** One event: a stable UID (a phone updates it in place instead of adding a copy), start and length. */
  record Event(String uid, Instant start, Duration duration, String summary, String description, String url) {}

  static final String CRLF = "\r\n";
  private static final int MAX_OCTETS = 75;
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private ICalendar() {}

  /**
   * The calendar: {@code name} as its display name, {@code refresh} as the interval a client should
   * poll at, {@code stamp} as every event's DTSTAMP (when the feed was generated).
   */
  static String document(String name, Duration refresh, Instant stamp, List<Event> events) {
    List<String> lines = new ArrayList<>();
    lines.add("BEGIN:VCALENDAR");
    lines.add("VERSION:2.0");
    lines.add("PRODID:-//onedoor//notifications//ZH");
    lines.add("CALSCALE:GREGORIAN");
    lines.add("METHOD:PUBLISH");
    lines.add("X-WR-CALNAME:" + text(name));
    lines.add("X-WR-TIMEZONE:Asia/Shanghai");
    lines.add("REFRESH-INTERVAL;VALUE=DURATION:" + refresh);
    lines.add("X-PUBLISHED-TTL:" + refresh);
    for (Event e : events) {
      lines.add("BEGIN:VEVENT");
      lines.add("UID:" + text(e.uid()));
      lines.add("DTSTAMP:" + time(stamp));
      lines.add("DTSTART:" + time(e.start()));
      lines.add("DURATION:" + e.duration());
      lines.add("SUMMARY:" + text(e.summary()));
      if (e.description() != null && !e.description().isBlank()) {
        lines.add("DESCRIPTION:" + text(e.description()));
      }
      if (e.url() != null && !e.url().isBlank()) {
        // a URI value is not TEXT: no escaping, but never a line break
        lines.add("URL:" + e.url().replaceAll("[\\r\\n]", ""));
      }
      lines.add("TRANSP:TRANSPARENT");
      lines.add("END:VEVENT");
    }
    lines.add("END:VCALENDAR");
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(fold(line)).append(CRLF);
    }
    return out.toString();
  }

  /** A UTC date-time. */
  static String time(Instant at) {
    return UTC.format(at);
  }

  /** A TEXT value: backslash, semicolon, comma and line breaks escaped, other control characters dropped. */
  static String text(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length() + 8);
    String normalised = value.replace("\r\n", "\n").replace('\r', '\n');
    for (int i = 0; i < normalised.length(); i++) {
      char c = normalised.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case ';' -> out.append("\\;");
        case ',' -> out.append("\\,");
        case '\n' -> out.append("\\n");
        default -> {
          if (!Character.isISOControl(c)) {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * Folds a content line into pieces of at most 75 octets of UTF-8 (a continuation's leading space
   * counts), never inside a character: a Chinese character is 3 octets, one outside the BMP 4.
   */
  static String fold(String line) {
    if (line.getBytes(StandardCharsets.UTF_8).length <= MAX_OCTETS) {
      return line;
    }
    StringBuilder out = new StringBuilder();
    int octets = 0;
    int limit = MAX_OCTETS;
    for (int i = 0; i < line.length(); ) {
      int codePoint = line.codePointAt(i);
      int width = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + width > limit) {
        out.append(CRLF).append(' ');
        octets = 0;
        limit = MAX_OCTETS - 1;
      }
      out.appendCodePoint(codePoint);
      octets += width;
      i += Character.charCount(codePoint);
    }
    return out.toString();
  }
}
