package org.onedoor.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Staff pages: static HTML and vanilla JS under {@code static/staff/}, behind HTTP Basic (see
 * SecurityConfig), so the browser's credentials also serve the page's calls to /api.
 */
@Controller
public class StaffPages {

  /** The import page for administrators: upload a file, watch the progress and the report. */
  @GetMapping({"/staff/imports", "/staff/imports/"})
  public String imports() {
    return "forward:/staff/imports/index.html";
  }
}
