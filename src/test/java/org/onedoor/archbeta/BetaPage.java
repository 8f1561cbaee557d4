package org.onedoor.archbeta;

import org.springframework.web.util.HtmlUtils;

/** Fixture: a page built in Java with hand escaping, which {@code pagesAreTemplatesNotEscapedStrings} forbids. */
public class BetaPage {

  public String heading(String name) {
    return "<h1>" + HtmlUtils.htmlEscape(name) + "</h1>";
  }
}
