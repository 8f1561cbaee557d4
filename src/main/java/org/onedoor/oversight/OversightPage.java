package org.onedoor.oversight;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.security.OrganisationProperties;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The supervision dashboard page {@code /staff/oversight?year=&department=} (HTTP Basic, managers and
 * admins): the figures as cards with their targets, charts (Apache ECharts, from the JSON API) each
 * with its table, phone first (360 px). The markup is the JTE template {@code
 * src/main/jte/oversight/dashboard.jte} (escaping by default); the charts are drawn by {@code
 * /staff/oversight/charts.js}. Every figure is also on the page as text: without JavaScript the page
 * is complete, only without pictures.
 */
@Controller
class OversightPage {

  /**
   * Scripts only from the application itself (ECharts' webjar and charts.js: no inline script, no
   * CDN); inline styles stay allowed for the charts' SVG.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private final OversightService oversight;
  private final OrganisationProperties organisation;

  OversightPage(OversightService oversight, OrganisationProperties organisation) {
    this.oversight = oversight;
    this.organisation = organisation;
  }

  @GetMapping("/staff/oversight")
  String page(@RequestParam(required = false) String year, @RequestParam(required = false) String department,
      Authentication caller, Model model, HttpServletResponse response) {
    OversightAccess.requireManager(caller);
    LocalDate today = oversight.today(ClockUtil.now().toInstant());
    model.addAttribute("figures", oversight.figures(oversight.year(year, today), oversight.department(department), today));
    model.addAttribute("departments", organisation.departments());
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    return "oversight/dashboard";
  }
}
