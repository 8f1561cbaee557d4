package org.onedoor.disclosure;

import gg.jte.TemplateEngine;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code GET /public/draws/{drawId}}: the draw record as a page anyone can read and verify in the
 * browser (issue 7, item 4). An unknown id is a Chinese 404 page, not a JSON error.
 */
@Controller
class DrawPageController {

  /**
   * The page needs nothing from anywhere: inline style and script, no connections, no forms. A
   * saved copy behaves the same.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
      + "script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final DrawPublicRecords records;
  private final DrawPageHtml page;

  DrawPageController(DrawPublicRecords records, TemplateEngine templates,
      @Value("${onedoor.calendar.zone:Asia/Shanghai}") String zone) {
    this.records = records;
    this.page = new DrawPageHtml(templates, ZoneId.of(zone));
  }

  @GetMapping(value = "/public/draws/{drawId}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<byte[]> draw(@PathVariable String drawId) {
    return records.find(drawId)
        .map(draw -> ResponseEntity.ok()
            .contentType(PublicViews.HTML)
            .cacheControl(CacheControl.noCache())
            .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            .body(utf8(page.render(draw))))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
            .contentType(PublicViews.HTML)
            .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            .body(utf8(page.notFound(drawId))));
  }

  private static byte[] utf8(String page) {
    return page.getBytes(StandardCharsets.UTF_8);
  }
}
