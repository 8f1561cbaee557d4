package org.onedoor.disclosure;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.onedoor.disclosure.Disclosures.Page;

/**
 * Builds the public site's HTML in plain Java: one layout, escaping of every value
 * ({@link org.springframework.web.util.HtmlUtils#htmlEscape}), pagination links. No script: every
 * page works without JavaScript; the CSS is inline and mobile-first (readable at 360 px).
 */
final class PublicHtml {

  static final String SITE = "双随机、一公开 · 信息公示";

  private static final String CSS = """
      *{box-sizing:border-box}
      body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;font-size:16px;line-height:1.6;color:#1f2328;background:#f6f7f9}
      a{color:#0b5cad}a:focus,button:focus,input:focus,select:focus{outline:3px solid #f0a500;outline-offset:1px}
      .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
      header{background:#a8201a;color:#fff}header .wrap{display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center;padding:10px 12px}
      header a{color:#fff;text-decoration:none}.brand{font-weight:700;font-size:1.1rem;margin-right:auto}
      nav.main a{padding:4px 0;margin-right:12px;display:inline-block}
      .wrap{max-width:1040px;margin:0 auto;padding:0 12px}
      main{padding-top:12px;padding-bottom:32px}
      h1{font-size:1.4rem;margin:8px 0 12px}h2{font-size:1.15rem;margin:24px 0 8px;border-left:4px solid #a8201a;padding-left:8px}h3{font-size:1rem;margin:0 0 6px}
      form.search{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end;background:#fff;padding:12px;border:1px solid #d0d7de;border-radius:6px}
      form.search .field{flex:1 1 220px;display:flex;flex-direction:column}
      label{font-weight:600;font-size:.9rem}
      input,select,button{font:inherit;padding:8px 10px;border:1px solid #8c959f;border-radius:4px;min-height:44px;max-width:100%}
      button{background:#a8201a;color:#fff;border-color:#a8201a;cursor:pointer}
      .card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px;margin:10px 0;overflow-wrap:anywhere}
      dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}dt{color:#57606a}dd{margin:0}
      @media (max-width:480px){dl{grid-template-columns:1fr}dt{margin-top:6px}}
      .table{overflow-x:auto;background:#fff;border:1px solid #d0d7de;border-radius:6px}
      @media (max-width:480px){.stack table{min-width:0}.stack thead{position:absolute;left:-9999px}.stack tr,.stack td{display:block}.stack tr{border-bottom:2px solid #d0d7de}.stack td{border:0;padding:4px 8px}.stack td::before{content:attr(data-label) "：";font-weight:600}}
      table{border-collapse:collapse;width:100%;min-width:520px}th,td{text-align:left;padding:8px;border-bottom:1px solid #eaeef2;vertical-align:top}th{background:#f0f2f5}
      .badge{display:inline-block;font-size:.8rem;padding:0 6px;border-radius:10px;background:#eaeef2;margin-left:6px}
      .badge.warn{background:#fff1c2}.badge.gone{background:#ffd7d5}
      .pager{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin:16px 0}
      .muted{color:#57606a;font-size:.9rem}ul.hits{list-style:none;padding:0;margin:0}
      footer{border-top:1px solid #d0d7de;color:#57606a;font-size:.85rem;padding:16px 0}
      """;

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** The content type of every public page. */
  static final org.springframework.http.MediaType HTML =
      new org.springframework.http.MediaType("text", "html", StandardCharsets.UTF_8);

  /**
   * A page as the UTF-8 bytes of the response body: Spring encodes a String body twice (for its
   * Content-Length, then to write it), a byte[] not at all.
   */
  /** The public site's 404 page with {@code message}. */
  static String notFoundPage(ZoneId zone, String message) {
    PublicHtml h = new PublicHtml(zone);
    h.raw("<h1>未找到（404）</h1><p>").text(message).raw("</p>")
        .searchForm("", "/public/search", "重新查询：企业名称或统一社会信用代码")
        .raw("<p><a href=\"/public\">返回首页</a></p>");
    return h.page("未找到");
  }

  static byte[] utf8(String page) {
    return page.getBytes(StandardCharsets.UTF_8);
  }

  private final StringBuilder out = new StringBuilder(8192);
  private final ZoneId zone;

  PublicHtml(ZoneId zone) {
    this.zone = zone;
  }

  static String esc(Object value) {
    return value == null ? "" : htmlEscape(value.toString(), "UTF-8");
  }

  static String url(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }

  /** A path segment: every character that could end the segment or the attribute is encoded. */
  static String segment(String value) {
    return url(value).replace("+", "%20");
  }

  PublicHtml raw(String html) {
    out.append(html);
    return this;
  }

  PublicHtml text(Object value) {
    out.append(esc(value));
    return this;
  }

  String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant.atZone(zone));
  }

  static String date(LocalDate date) {
    return date == null ? "" : date.toString();
  }

  /** A definition list row, escaped; skipped when the value is null or empty. */
  PublicHtml row(String term, Object value) {
    if (value == null || value.toString().isEmpty()) {
      return this;
    }
    out.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>");
    return this;
  }

  PublicHtml searchForm(String q, String action, String label) {
    out.append("<form class=\"search\" role=\"search\" method=\"get\" action=\"").append(action).append("\">")
        .append("<div class=\"field\"><label for=\"q\">").append(esc(label)).append("</label>")
        .append("<input id=\"q\" name=\"q\" type=\"search\" maxlength=\"50\" autocomplete=\"off\" value=\"")
        .append(esc(q)).append("\" placeholder=\"如：临江市某某有限公司 或 913301…\"></div>")
        .append("<button type=\"submit\">查询</button></form>");
    return this;
  }

  /** Previous / next links keeping the other parameters; the page number shown counts from 1. */
  PublicHtml pager(String path, Map<String, String> params, Page<?> page) {
    if (page.page() == 0 && !page.hasNext()) {
      return this;
    }
    out.append("<nav class=\"pager\" aria-label=\"分页\">");
    if (page.page() > 0) {
      out.append("<a rel=\"prev\" href=\"").append(esc(link(path, params, page.page() - 1))).append("\">上一页</a>");
    }
    out.append("<span>第 ").append(page.page() + 1);
    if (page.totalPages() != null) {
      out.append(" / ").append(page.totalPages());
    }
    out.append(" 页");
    if (page.total() != null) {
      out.append("，共 ").append(page.total()).append(" 条");
    }
    out.append("</span>");
    if (page.hasNext()) {
      out.append("<a rel=\"next\" href=\"").append(esc(link(path, params, page.page() + 1))).append("\">下一页</a>");
    }
    out.append("</nav>");
    return this;
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

  /** The whole page: layout around the body written so far. */
  String page(String title) {
    return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + esc(title) + " - " + SITE + "</title><style>" + CSS + "</style></head><body>"
        + "<a class=\"skip\" href=\"#main\">跳到正文</a>"
        + "<header><div class=\"wrap\"><a class=\"brand\" href=\"/public\">" + SITE + "</a>"
        + "<nav class=\"main\" aria-label=\"主导航\"><a href=\"/public\">首页</a><a href=\"/public/plans\">抽查计划</a>"
        + "<a href=\"/public/results\">检查结果</a><a href=\"/public/abnormal-list\">经营异常名录</a></nav></div></header>"
        + "<main id=\"main\" class=\"wrap\">" + out + "</main>"
        + "<footer><div class=\"wrap\">本站公示双随机抽查计划、抽取记录、检查结果和经营异常名录信息，"
        + "信息在法定期限内公示；更正和撤回均留有记录。</div></footer></body></html>";
  }
}
