package org.onedoor.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.onedoor.disclosure.Disclosures.ChangeKind;
import org.onedoor.disclosure.Disclosures.DrawChange;
import org.onedoor.disclosure.Disclosures.PublicDraw;
import org.onedoor.disclosure.DrawPublicRecords.DrawView;
import org.springframework.web.util.HtmlUtils;

/**
 * The public draw page (抽取记录) as one self-contained HTML document: all CSS and JavaScript
 * inline, the public record embedded as JSON, so a saved copy still shows and verifies the draw
 * offline. Every value from the record is escaped; the embedded JSON escapes {@code <}, {@code >}
 * and {@code &} so that no value can close its script element.
 */
public final class DrawPageHtml {

  /** Where the public record is served and the JDK verifier's one-line command. */
  static final String JSON_PATH = "/public/api/draws/";
  static final String VERIFIER_COMMAND = "java src/main/java/org/onedoor/draw/VerifyDraw.java draw.json";

  private static final String CSS = resource("disclosure/draw-page.css");
  private static final String SCRIPT = resource("disclosure/draw-verify.js");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss");

  private final ZoneId zone;

  public DrawPageHtml(ZoneId zone) {
    this.zone = zone;
  }

  /** The page of a published draw: the whole record after the draw, the commitment before it. */
  public String render(DrawView draw) {
    StringBuilder html = new StringBuilder(4096 + draw.json().length() * 2);
    String title = "抽取记录 " + draw.id();
    head(html, title);
    html.append("<h1>抽取记录 <span class=\"mono\">").append(esc(draw.id())).append("</span></h1>\n");
    String withdrawnBadge = draw.draw() != null && draw.draw().withdrawn() ? " <span class=\"state gone\">已撤回</span>" : "";
    if (draw.drawn()) {
      html.append("<p><span class=\"state\">已抽取</span>").append(withdrawnBadge).append("</p>\n");
    } else {
      html.append("<p><span class=\"state pending\">尚未抽取</span>").append(withdrawnBadge).append(" 抽取前只公开承诺值")
          .append(draw.text("populationHash").isPresent() ? "和已冻结名单的哈希" : "")
          .append("；随机数在抽取后公开。</p>\n");
    }

    PublicDraw meta = draw.draw();
    if (meta != null && meta.withdrawn()) {
      html.append("<p class=\"alert\" role=\"alert\"><strong>本抽取记录已于 ").append(time(meta.changedAt().toString()))
          .append(" 撤回。</strong>撤回原因：").append(esc(meta.changeReason()))
          .append("<br>记录保持原样供查阅和核验，但不再作为有效的抽取结果。</p>\n");
    }
    for (DrawChange change : draw.changes()) {
      if (change.changeKind() == ChangeKind.CORRECTION) {
        html.append("<p class=\"alert note-box\"><strong>更正说明（版本 ").append(change.version()).append("，")
            .append(time(change.publishedAt().toString())).append("）：</strong>").append(esc(change.changeReason()))
            .append("<br>抽取记录本身未作任何改动，核验结果不受影响。</p>\n");
      }
    }
    String recorded = draw.text("commitment").orElse("");
    if (meta != null && Boolean.FALSE.equals(meta.commitmentMatches())) {
      html.append("<p class=\"alert\" role=\"alert\"><strong>承诺值不一致：</strong>抽取记录中的承诺值 <code>")
          .append(esc(recorded)).append("</code> 与抽取前随计划公布的承诺值 <code>").append(esc(meta.commitment()))
          .append("</code> 不同，本记录不能证明随机数在抽取前已经固定。</p>\n");
    }

    html.append("<section class=\"card\" aria-labelledby=\"record-h\">\n<h2 id=\"record-h\">抽取要素</h2>\n<dl>\n");
    item(html, "计划编号", esc(draw.planNumber()));
    item(html, "批次", "第 " + draw.batch() + " 批");
    item(html, "算法", code(draw.text("algorithm").orElse("onedoor-draw-v1")));
    item(html, "承诺值", code(recorded) + "<br><span class=\"note\">随机数的 SHA-256，随计划一同公布</span>");
    if (meta != null && meta.committedAt() != null) {
      String published = time(meta.committedAt().toString());
      if (!draw.drawn()) {
        item(html, "承诺值公布时间", published);
      } else if (Boolean.TRUE.equals(meta.commitmentMatches())) {
        item(html, "抽取前公布的承诺值", "与记录一致，于 " + published + " 公布");
      } else if (Boolean.FALSE.equals(meta.commitmentMatches())) {
        item(html, "抽取前公布的承诺值", code(meta.commitment()) + "<br><span class=\"note\">于 " + published
            + " 公布，与记录不一致</span>");
      }
    }
    if (draw.drawn()) {
      item(html, "随机数（nonce）", code(draw.text("nonce").orElseThrow()));
      item(html, "信标值", draw.text("beacon").map(DrawPageHtml::esc)
          .orElse("无<br><span class=\"note\">本计划未要求公开信标值，计算种子时以空字符串代替</span>"));
    }
    draw.text("populationHash").ifPresent(h -> item(html, "名单哈希", code(h)));
    if (draw.drawn()) {
      item(html, "种子", code(draw.text("seed").orElseThrow()));
      item(html, "抽取时间", time(draw.text("drawnAt").orElse("")));
    } else {
      draw.text("frozenAt").ifPresent(t -> item(html, "名单冻结时间", time(t)));
    }
    html.append("</dl>\n</section>\n");

    if (draw.drawn()) {
      strata(html, draw.record().path("strata"));
      verify(html, draw);
    }
    if (draw.changes().size() > 1) {
      html.append("<section class=\"card\" aria-labelledby=\"versions-h\">\n<h2 id=\"versions-h\">公示记录变更</h2>\n<ol>\n");
      for (DrawChange change : draw.changes()) {
        html.append("<li>版本 ").append(change.version()).append(" · ").append(time(change.publishedAt().toString()))
            .append(" · ").append(esc(change.changeKind().label()));
        if (change.changeReason() != null) {
          html.append(change.changeKind() == ChangeKind.WITHDRAWAL ? " · 撤回原因：" : " · 更正原因：")
              .append(esc(change.changeReason()));
        }
        html.append("</li>\n");
      }
      html.append("</ol>\n</section>\n");
    }
    html.append("</main>\n");
    html.append("<script type=\"application/json\" id=\"draw-record\">")
        .append(embedJson(draw.json())).append("</script>\n");
    if (draw.drawn()) {
      html.append("<script>\n").append(SCRIPT).append("</script>\n");
    }
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  /** The page for a draw id nobody published. */
  public String notFound(String id) {
    StringBuilder html = new StringBuilder(2048);
    head(html, "未找到抽取记录");
    html.append("<h1>未找到抽取记录</h1>\n<section class=\"card\">\n<p>没有编号为 <span class=\"mono\">")
        .append(esc(id))
        .append("</span> 的抽取记录。抽取记录的编号形如“计划编号-b批次”，例如 <span class=\"mono\">SJ-2026-001-b1</span>。</p>\n")
        .append("<p>已公布的抽取记录见 <a href=\"").append(JSON_PATH).append("\">抽取记录列表（JSON）</a>")
        .append("和<a href=\"/public/feed.atom\">公示订阅（Atom）</a>。</p>\n</section>\n</main>\n</body>\n</html>\n");
    return html.toString();
  }

  private void head(StringBuilder html, String title) {
    html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title)).append(" · 双随机抽查公示</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
        .append("<a class=\"skip\" href=\"#main\">跳到正文</a>\n")
        .append("<header><a href=\"/public\">双随机、一公开 · 抽查公示</a></header>\n")
        .append("<main id=\"main\">\n");
  }

  private static void strata(StringBuilder html, JsonNode strata) {
    html.append("<section class=\"card\" aria-labelledby=\"strata-h\">\n<h2 id=\"strata-h\">分层抽取结果</h2>\n")
        .append("<p class=\"note\">每层按各检查对象的抽取键值（以种子为密钥的 HMAC-SHA256）从小到大排列，")
        .append("抽取前 ⌈抽取比例 × 名单数量⌉ 个；抽中对象按键值顺序列出。</p>\n");
    int index = 0;
    for (JsonNode s : strata) {
      index++;
      String name = s.path("name").asText();
      String ratio = s.path("ratio").asText();
      int population = s.path("population").size();
      int selected = s.path("selected").size();
      String headingId = "stratum-" + index;
      html.append("<section aria-labelledby=\"").append(headingId).append("\">\n<h3 id=\"").append(headingId)
          .append("\">第 ").append(index).append(" 层 “").append(esc(name)).append("”</h3>\n<dl>\n");
      item(html, "抽取比例", esc(ratio) + percent(ratio));
      item(html, "名单数量", population + " 个");
      item(html, "抽中数量", selected + " 个");
      html.append("</dl>\n");
      if (selected == 0) {
        html.append("<p class=\"note\">本层无抽中对象。</p>\n");
      } else {
        html.append("<ol class=\"usccs mono\" aria-label=\"第 ").append(index).append(" 层抽中对象的统一社会信用代码\">");
        for (JsonNode u : s.path("selected")) {
          html.append("<li>").append(esc(u.asText())).append("</li>");
        }
        html.append("</ol>\n");
      }
      html.append("</section>\n");
    }
    html.append("</section>\n");
  }

  private static void verify(StringBuilder html, DrawView draw) {
    String json = JSON_PATH + esc(draw.id());
    html.append("<section class=\"card\" aria-labelledby=\"verify-h\">\n<h2 id=\"verify-h\">核验本次抽取</h2>\n")
        .append("<p>按公开算法 onedoor-draw-v1，在您的浏览器中由本页所载记录重新计算承诺值、名单哈希、种子和")
        .append("每一层的抽中对象，与记录逐项比对。计算只在本机进行，不向任何服务器发送请求；保存本页后离线打开也可核验。</p>\n")
        .append("<p id=\"needs-script\"><strong>在浏览器中核验需要启用 JavaScript。</strong>")
        .append("也可以用下面的 JDK 核验程序核验。</p>\n")
        .append("<button type=\"button\" id=\"verify\" hidden>核验本次抽取</button>\n")
        .append("<p id=\"verify-result\" class=\"verify-result\" role=\"status\" aria-live=\"polite\"></p>\n")
        .append("<h3>用 JDK 核验</h3>\n<p>下载<a href=\"").append(json).append("\" download=\"draw.json\">公开记录（JSON）</a>")
        .append("，用 JDK 17 运行 onedoor 源代码中的核验程序（不需要服务器和数据库），输出 MATCH 即一致：</p>\n")
        .append("<pre><code>").append(esc(VERIFIER_COMMAND)).append("</code></pre>\n</section>\n");
  }

  private static void item(StringBuilder html, String term, String valueHtml) {
    html.append("<dt>").append(term).append("</dt><dd>").append(valueHtml).append("</dd>\n");
  }

  private static String code(String value) {
    return "<code>" + esc(value) + "</code>";
  }

  private String time(String iso) {
    try {
      Instant at = Instant.parse(iso);
      return "<time datetime=\"" + esc(at.toString()) + "\">" + SHOWN.format(at.atZone(zone)) + "（北京时间）</time>";
    } catch (DateTimeParseException e) {
      return esc(iso);
    }
  }

  private static String percent(String ratio) {
    try {
      return "（" + new BigDecimal(ratio).movePointRight(2).stripTrailingZeros().toPlainString() + "%）";
    } catch (NumberFormatException e) {
      return "";
    }
  }

  static String esc(String text) {
    return HtmlUtils.htmlEscape(text, "UTF-8");
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
