package org.onedoor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5545 as the feed writes it: CRLF, folding by octets, escaped text, UTC times. */
class ICalendarTest {

  private static final Instant STAMP = Instant.parse("2026-07-06T02:00:00Z");

  @Test
  void textValuesAreEscaped() {
    assertThat(ICalendar.text("a,b;c\\d\ne\r\nf\u0007g")).isEqualTo("a\\,b\\;c\\\\d\\ne\\nfg");
  }

  @Test
  void longLinesAreFoldedAtSeventyFiveOctetsNeverInsideACharacter() {
    String line = "SUMMARY:" + "联合检查".repeat(20) + "𠀀x";
    String folded = ICalendar.fold(line);
    String[] pieces = folded.split("\r\n", -1);
    assertThat(pieces.length).isGreaterThan(3);
    for (int i = 0; i < pieces.length; i++) {
      assertThat(pieces[i].getBytes(StandardCharsets.UTF_8).length).as("piece %d", i).isLessThanOrEqualTo(75);
      if (i > 0) {
        assertThat(pieces[i]).startsWith(" ");
      }
    }
    // unfolding (RFC 5545 3.1: remove CRLF followed by one space) gives the line back
    assertThat(folded.replace("\r\n ", "")).isEqualTo(line);
    assertThat(ICalendar.fold("SUMMARY:短")).isEqualTo("SUMMARY:短");
  }

  @Test
  void aDocumentHasCrlfLinesUtcTimesAndOneEventPerItem() {
    String doc = ICalendar.document("onedoor 检查与办理期限", Duration.ofHours(1), STAMP, List.of(
        new ICalendar.Event("visit-P-1@onedoor", Instant.parse("2026-09-28T02:00:00Z"), Duration.ofHours(2),
            "联合检查：杭州某某餐饮有限公司", "约定的联合检查时间", null),
        new ICalendar.Event("task-1@onedoor", Instant.parse("2026-07-13T02:00:00Z"), Duration.ofMinutes(30),
            "到期：核查预警", null, "https://x/camunda/app/tasklist/default/#/?task=1")));
    assertThat(doc).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").endsWith("END:VCALENDAR\r\n");
    assertThat(doc.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    assertThat(doc).contains("\r\nUID:visit-P-1@onedoor\r\n", "\r\nDTSTAMP:20260706T020000Z\r\n",
        "\r\nDTSTART:20260928T020000Z\r\n", "\r\nDURATION:PT2H\r\n", "\r\nSUMMARY:联合检查：杭州某某餐饮有限公司\r\n",
        "\r\nDURATION:PT30M\r\n", "\r\nURL:https://x/camunda/app/tasklist/default/#/?task=1\r\n",
        "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n");
    assertThat(doc.split("BEGIN:VEVENT", -1)).hasSize(3);
    assertThat(doc.split("END:VEVENT", -1)).hasSize(3);
  }
}
