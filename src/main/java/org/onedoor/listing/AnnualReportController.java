package org.onedoor.listing;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.directory.Uscc;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The annual-report register and the yearly sweep. */
@RestController
class AnnualReportController {

  record PublishedOn(LocalDate publishedOn) {}

  record SweepRequest(Integer reportYear) {}

  record SweepView(ListingSweep.Sweep sweep, Map<String, Integer> outcomes) {}

  private final AnnualReports reports;
  private final ListingSweep sweeps;
  private final ListingStarts starts;

  AnnualReportController(AnnualReports reports, ListingSweep sweeps, ListingStarts starts) {
    this.reports = reports;
    this.sweeps = sweeps;
    this.starts = starts;
  }

  /** Staff record one published report. */
  @PutMapping("/api/v1/annual-reports/{uscc}/{year}")
  AnnualReports.Report record(@PathVariable String uscc, @PathVariable int year, @RequestBody PublishedOn body,
      Authentication user) {
    return reports.record(new AnnualReports.NewReport(uscc, year, body == null ? null : body.publishedOn()),
        "staff:" + user.getName(), ClockUtil.now().toInstant());
  }

  @GetMapping("/api/v1/entities/{uscc}/annual-reports")
  List<AnnualReports.Report> of(@PathVariable String uscc) {
    String code = Uscc.normalise(uscc);
    Uscc.problem(code).ifPresent(p -> {
      throw new BadRequestException("uscc", p);
    });
    return reports.of(code);
  }

  /** Administrators import published reports in bulk (e.g. an export of NECIPS), all or none. */
  @PostMapping("/api/management/v1/annual-reports")
  Map<String, Integer> recordAll(@RequestBody List<AnnualReports.NewReport> body, Authentication user) {
    return Map.of("recorded", reports.recordAll(body, "import:" + user.getName(), ClockUtil.now().toInstant()));
  }

  /** Administrators start a year's sweep by hand (the schedule does it on 1 July). */
  @PostMapping("/api/management/v1/listing-sweeps")
  @ResponseStatus(HttpStatus.ACCEPTED)
  ListingSweep.Sweep startSweep(@RequestBody SweepRequest body) {
    if (body == null || body.reportYear() == null) {
      throw new BadRequestException("reportYear", "必填");
    }
    return starts.asSystem(() -> sweeps.start(body.reportYear(), ClockUtil.now().toInstant()));
  }

  @GetMapping("/api/v1/listing-sweeps/{year}")
  SweepView sweep(@PathVariable int year) {
    ListingSweep.Sweep sweep = sweeps.find(year)
        .orElseThrow(() -> new org.onedoor.platform.web.NotFoundException("year", year + " 年度尚未开展年报核查"));
    return new SweepView(sweep, sweeps.outcomes(sweep.id()));
  }
}
