package org.onedoor.disclosure;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.onedoor.disclosure.Disclosures.Page;
import org.onedoor.disclosure.Disclosures.PublicDraw;

/**
 * What the public site's templates (src/main/jte/publicsite) are given besides the published records:
 * formatting in the calendar's zone, path segments, pagination links and select options. No markup
 * here: the templates write it, escaped by JTE.
 */
public final class PublicViews {

  private PublicViews() {}

  /** The content type of every public page. */
  public static final org.springframework.http.MediaType HTML =
      new org.springframework.http.MediaType("text", "html", StandardCharsets.UTF_8);

  /** The site name after every page title. */
  public static final String SITE = "双随机、一公开 · 信息公示";

  /** Times and dates as the public site shows them, in the calendar's zone. */
  public static final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ZoneId zone;

    public Format(ZoneId zone) {
      this.zone = zone;
    }

    public String time(Instant instant) {
      return instant == null ? "" : TIME.format(instant.atZone(zone));
    }

    public String date(LocalDate date) {
      return date == null ? "" : date.toString();
    }

    /** A path segment: every character that could end the segment is percent-encoded. */
    public String segment(String value) {
      return PublicViews.segment(value);
    }

    /** An item's inspection methods by their Chinese names. */
    public String methods(Disclosures.PlanItem item) {
      return DisclosureProjection.methodLabels(item.methods());
    }

    /** The value shown after a term, or null (the row is left out) when there is nothing to show. */
    public String text(Object value) {
      return value == null ? null : value.toString();
    }
  }

  /** Previous / next links keeping the other parameters; {@code number} counts from 1. */
  public record Pager(String previous, String next, int number, Integer totalPages, Long total) {

    /** The pager of {@code page}, or null when everything fits on the first page. */
    public static Pager of(String path, Map<String, String> params, Page<?> page) {
      if (page == null || page.page() == 0 && !page.hasNext()) {
        return null;
      }
      return new Pager(page.page() > 0 ? link(path, params, page.page() - 1) : null,
          page.hasNext() ? link(path, params, page.page() + 1) : null, page.page() + 1, page.totalPages(), page.total());
    }
  }

  /** One option of a select. */
  public record Choice(String value, String label, boolean selected) {

    public static Choice of(String value, String label, String selected) {
      return new Choice(value, label, value.equals(selected == null ? "" : selected));
    }
  }

  /** A batch of a plan with its draw, if the draw's commitment is published. */
  public record BatchDraw(Disclosures.Batch batch, PublicDraw draw) {}

  static String url(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }

  static String segment(String value) {
    return url(value).replace("+", "%20");
  }

  static String link(String path, Map<String, String> params, int page) {
    Map<String, String> all = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      if (v != null && !v.isBlank()) {
        all.put(k, v);
      }
    });
    if (page > 0) {
      all.put("page", Integer.toString(page));
    }
    StringBuilder s = new StringBuilder(path);
    char sep = '?';
    for (Map.Entry<String, String> e : all.entrySet()) {
      s.append(sep).append(url(e.getKey())).append('=').append(url(e.getValue()));
      sep = '&';
    }
    return s.toString();
  }
}
