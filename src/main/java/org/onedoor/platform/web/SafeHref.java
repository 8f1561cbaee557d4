package org.onedoor.platform.web;

import java.util.Locale;

/**
 * A link target a template may put in an {@code href}: a path of this site ({@code /…}, not
 * {@code //host}) or an http(s) address. Anything else — {@code javascript:}, {@code data:},
 * {@code vbscript:}, a relative path — becomes {@code #}: HTML escaping keeps a value inside its
 * attribute, not a script out of a link.
 */
public final class SafeHref {

  private SafeHref() {}

  public static String of(String href) {
    if (href == null) {
      return "#";
    }
    String h = href.strip();
    if (h.startsWith("/") && !h.startsWith("//") && !h.startsWith("/\\")) {
      return h;
    }
    String lower = h.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://") ? h : "#";
  }
}
