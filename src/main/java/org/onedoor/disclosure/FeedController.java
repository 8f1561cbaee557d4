package org.onedoor.disclosure;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.disclosure.FeedReader.FeedEntry;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The public feeds (issue 7, item 5): an Atom feed of new publications and CSV downloads of plans,
 * result notices and the abnormal list, read from the disclosure projection by {@link FeedReader}.
 */
@RestController
class FeedController {

  static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");
  static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

  private final FeedReader feeds;

  FeedController(FeedReader feeds) {
    this.feeds = feeds;
  }

  /** The newest {@value FeedReader#FEED_ENTRIES} publications, corrections and withdrawals included. */
  @GetMapping("/public/feed.atom")
  ResponseEntity<String> atom() {
    String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    List<FeedEntry> entries = feeds.newest(FeedReader.FEED_ENTRIES);
    Instant updated = entries.isEmpty() ? ClockUtil.now().toInstant() : entries.get(0).publishedAt();
    StringBuilder xml = new StringBuilder(1024 + entries.size() * 600);
    xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n")
        .append("  <id>").append(esc(base + "/public/feed.atom")).append("</id>\n")
        .append("  <title>双随机、一公开 · 最新公示</title>\n")
        .append("  <subtitle>抽查计划、抽取记录、检查结果和经营异常名录决定的公示，含更正和撤回</subtitle>\n")
        .append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"").append(esc(base + "/public/feed.atom"))
        .append("\"/>\n")
        .append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(esc(base + "/public")).append("\"/>\n")
        .append("  <updated>").append(rfc3339(updated)).append("</updated>\n")
        .append("  <author><name>双随机、一公开 联合抽查公示</name></author>\n");
    for (FeedEntry e : entries) {
      xml.append("  <entry>\n")
          .append("    <id>urn:uuid:").append(entryId(e)).append("</id>\n")
          .append("    <title>").append(esc(e.title())).append("</title>\n")
          .append("    <link rel=\"alternate\" type=\"text/html\" href=\"").append(esc(base + e.path())).append("\"/>\n")
          .append("    <category term=\"").append(e.kind()).append("\" label=\"").append(kindLabel(e.kind()))
          .append("\"/>\n")
          .append("    <published>").append(rfc3339(e.publishedAt())).append("</published>\n")
          .append("    <updated>").append(rfc3339(e.publishedAt())).append("</updated>\n")
          .append("    <summary>").append(esc(e.summary())).append("</summary>\n")
          .append("  </entry>\n");
    }
    xml.append("</feed>\n");
    return ResponseEntity.ok().contentType(ATOM).body(xml.toString());
  }

  @GetMapping("/public/api/plans.csv")
  void plansCsv(@RequestParam(required = false) Integer year, HttpServletResponse response) throws IOException {
    csv(response, "抽查计划.csv", "plans.csv", FeedReader.PLAN_COLUMNS, sink -> feeds.plans(year, sink));
  }

  /** Draws from their commitment on (state, commitments, changes); filter: plan (number). */
  @GetMapping("/public/api/draws.csv")
  void drawsCsv(@RequestParam(required = false) String plan, HttpServletResponse response) throws IOException {
    csv(response, "抽取记录.csv", "draws.csv", FeedReader.DRAW_COLUMNS, sink -> feeds.draws(plan, sink));
  }

  /** Result notices as shown on the site; filters: department (code), plan (number). */
  @GetMapping("/public/api/results.csv")
  void resultsCsv(@RequestParam(required = false) String department, @RequestParam(required = false) String plan,
      HttpServletResponse response) throws IOException {
    csv(response, "检查结果.csv", "results.csv", FeedReader.RESULT_COLUMNS,
        sink -> feeds.results(department, plan, sink));
  }

  /** The abnormal list, one row per listing; filters: status, department (code). */
  @GetMapping("/public/api/abnormal-list.csv")
  void abnormalListCsv(@RequestParam(required = false) String status,
      @RequestParam(required = false) String department, HttpServletResponse response) throws IOException {
    if (status != null && !status.isBlank() && !PublicRecords.STATUSES.containsKey(status.strip())) {
      throw new BadRequestException("status", "状态应为 " + String.join("、", PublicRecords.STATUSES.keySet()) + " 之一");
    }
    csv(response, "经营异常名录.csv", "abnormal-list.csv", FeedReader.ABNORMAL_COLUMNS,
        sink -> feeds.abnormalList(status, department, sink));
  }

  private static void csv(HttpServletResponse response, String name, String asciiName, List<String> header,
      Consumer<FeedReader.RowSink> rows) throws IOException {
    response.setContentType(CSV.toString());
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString()
            + "; filename=\"" + asciiName + "\"");
    Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
    rows.accept(new FeedCsv(out, header));
    out.flush();
  }

  private static String entryId(FeedEntry e) {
    return UUID.nameUUIDFromBytes(("onedoor:" + e.kind() + ":" + e.key() + ":" + e.version())
        .getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String kindLabel(String kind) {
    return switch (kind) {
      case "plan" -> "抽查计划";
      case "draw" -> "抽取记录";
      case "result" -> "检查结果";
      case "listing" -> "经营异常名录";
      default -> kind;
    };
  }

  private static String rfc3339(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** XML text: the five escapes, and no character XML 1.0 forbids. */
  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder clean = new StringBuilder(text.length() + 16);
    text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
            || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000)
        .forEach(c -> {
          switch (c) {
            case '&' -> clean.append("&amp;");
            case '<' -> clean.append("&lt;");
            case '>' -> clean.append("&gt;");
            case '"' -> clean.append("&quot;");
            case '\'' -> clean.append("&#39;");
            default -> clean.appendCodePoint(c);
          }
        });
    return clean.toString();
  }
}
