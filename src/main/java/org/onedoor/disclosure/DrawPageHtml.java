package org.onedoor.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.onedoor.disclosure.DrawPublicRecords.DrawView;

/**
 * The public draw page (抽取记录) as one self-contained HTML document, rendered from the JTE templates
 * {@code publicsite/draw.jte} and {@code publicsite/drawNotFound.jte}: all CSS and JavaScript inline,
 * the public record embedded as JSON, so a saved copy still shows and verifies the draw offline.
 * Every value from the record is escaped by JTE; the embedded JSON escapes {@code <}, {@code >} and
 * {@code &} so that no value can close its script element.
 */
public final class DrawPageHtml {

  /** Where the public record is served and the JDK verifier's one-line command. */
  public static final String JSON_PATH = "/public/api/draws/";
  public static final String VERIFIER_COMMAND = "java src/main/java/org/onedoor/draw/VerifyDraw.java draw.json";

  /** The page's style sheet and verifier (static files of ours, inlined verbatim: never a value). */
  public static final String CSS = resource("disclosure/draw-page.css");
  public static final String SCRIPT = resource("disclosure/draw-verify.js");

  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss");

  private final TemplateEngine templates;
  private final ZoneId zone;

  public DrawPageHtml(TemplateEngine templates, ZoneId zone) {
    this.templates = templates;
    this.zone = zone;
  }

  /** The page of a published draw: the whole record after the draw, the commitment before it. */
  public String render(DrawView draw) {
    StringOutput out = new StringOutput(4096 + draw.json().length() * 2);
    templates.render("publicsite/draw.jte", Map.of("draw", draw, "page", this, "strata",
        draw.drawn() ? strata(draw.record().path("strata")) : List.of()), out);
    return out.toString();
  }

  /** The page for a draw id nobody published. */
  public String notFound(String id) {
    StringOutput out = new StringOutput(2048);
    templates.render("publicsite/drawNotFound.jte", id, out);
    return out.toString();
  }

  /** A moment of the record: {@code datetime} is null when the text is not an ISO instant. */
  public record Moment(String datetime, String shown) {}

  /**
   * One stratum of a drawn record as the page shows it; {@code rule} and {@code ratioSource} (v2) describe
   * the rule row behind it, null for a v1 record.
   */
  public record Stratum(int index, String name, String ratio, String percent, int population, List<String> selected,
      String rule, String ratioSource) {}

  /** An ISO instant of the record, shown in the calendar's zone. */
  public Moment time(String iso) {
    try {
      Instant at = Instant.parse(iso);
      return new Moment(at.toString(), SHOWN.format(at.atZone(zone)) + "（北京时间）");
    } catch (DateTimeParseException | NullPointerException e) {
      return new Moment(null, iso == null ? "" : iso);
    }
  }

  public Moment time(Instant at) {
    return time(at == null ? null : at.toString());
  }

  static List<Stratum> strata(JsonNode strata) {
    List<Stratum> shown = new ArrayList<>();
    int index = 0;
    for (JsonNode s : strata) {
      index++;
      List<String> selected = new ArrayList<>(s.path("selected").size());
      s.path("selected").forEach(u -> selected.add(u.asText()));
      String ratio = s.path("ratio").asText();
      JsonNode rule = s.path("rule");
      shown.add(new Stratum(index, s.path("name").asText(), ratio, percent(ratio), s.path("population").size(), selected,
          rule.isObject() ? "决策表 " + rule.path("decision").asText() + "（版本 " + rule.path("version").asText() + "）第 "
              + rule.path("row").asText() + " 行，规则 " + rule.path("id").asText() + "：抽取比例 "
              + rule.path("ratio").asText() + "，每户每年最多抽查 " + rule.path("yearlyCap").asText() + " 次" : null,
          rule.isObject() ? ratioSource(s.path("ratioSource").asText()) : null));
    }
    return shown;
  }

  private static String ratioSource(String source) {
    return switch (source) {
      case "rule" -> "决策表规则";
      case "plan" -> "本计划指定的比例";
      case "floor" -> "企业公示信息抽查的法定最低比例（3%）";
      default -> source;
    };
  }

  private static String percent(String ratio) {
    try {
      return "（" + new BigDecimal(ratio).movePointRight(2).stripTrailingZeros().toPlainString() + "%）";
    } catch (NumberFormatException e) {
      return "";
    }
  }

  /**
   * JSON safe inside a script element: {@code <}, {@code >} and {@code &} only occur inside JSON
   * strings, where their {@code \}{@code u} escapes mean the same characters.
   */
  public static String embedJson(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  private static String resource(String path) {
    try (InputStream in = DrawPageHtml.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
