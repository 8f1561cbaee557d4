package org.onedoor.disclosure;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.disclosure.Disclosures.Correction;
import org.onedoor.disclosure.Disclosures.OnTimeRate;
import org.onedoor.disclosure.Disclosures.Withdrawal;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Administrators: correct or withdraw a published record (result, list decision, plan, draw); publication deadlines and on-time rates. */
@RestController
@RequestMapping("/api/management/v1/disclosures")
class DisclosureManagementController {

  private final PublicRecords records;
  private final DisclosureDeadlines deadlines;

  DisclosureManagementController(PublicRecords records, DisclosureDeadlines deadlines) {
    this.records = records;
    this.deadlines = deadlines;
  }

  /**
   * {@code kind}: results, listings (id: the record id), plans (id: the plan number) or draws (id: the
   * draw id). Answers every version of the record, the new one last.
   */
  @PostMapping("/{kind}/{id}/corrections")
  @ResponseStatus(HttpStatus.CREATED)
  List<?> correct(@PathVariable String kind, @PathVariable String id, @RequestBody(required = false) Correction correction) {
    String k = kind(kind);
    Instant now = ClockUtil.now().toInstant();
    switch (k) {
      case PublicRecords.KIND_PLAN -> records.correctPlan(id, correction, now);
      case PublicRecords.KIND_DRAW -> records.correctDraw(id, correction, now);
      default -> records.correct(k, recordId(id), correction, now);
    }
    return versions(k, id);
  }

  @PostMapping("/{kind}/{id}/withdrawals")
  @ResponseStatus(HttpStatus.CREATED)
  List<?> withdraw(@PathVariable String kind, @PathVariable String id,
      @RequestBody(required = false) Withdrawal withdrawal) {
    String k = kind(kind);
    String reason = withdrawal == null ? null : withdrawal.reason();
    Instant now = ClockUtil.now().toInstant();
    switch (k) {
      case PublicRecords.KIND_PLAN -> records.withdrawPlan(id, reason, now);
      case PublicRecords.KIND_DRAW -> records.withdrawDraw(id, reason, now);
      default -> records.withdraw(k, recordId(id), reason, now);
    }
    return versions(k, id);
  }

  /** Owed records not yet published: due within {@code withinWorkingDays} (default 5) and overdue. */
  @GetMapping("/deadlines")
  DisclosureDeadlines.Due due(@RequestParam(required = false) Integer withinWorkingDays) {
    return deadlines.due(records.day(ClockUtil.now().toInstant()), withinWorkingDays);
  }

  /** On-time publication rate per department and month; months as 2026-01 (default: the last 12). */
  @GetMapping("/on-time")
  Map<String, Object> onTime(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String department) {
    YearMonth now = YearMonth.from(records.day(ClockUtil.now().toInstant()));
    YearMonth last = month("to", to, now);
    YearMonth first = month("from", from, last.minusMonths(11));
    List<OnTimeRate> rates = deadlines.onTimeRates(first, last, department);
    return Map.of("from", first.toString(), "to", last.toString(), "rates", rates);
  }

  private static YearMonth month(String field, String value, YearMonth otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return YearMonth.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequestException(field, "月份格式应为 YYYY-MM，如 2026-01");
    }
  }

  private List<?> versions(String kind, String id) {
    return switch (kind) {
      case PublicRecords.KIND_RESULT -> records.resultVersions(recordId(id));
      case PublicRecords.KIND_LISTING -> records.listingVersions(recordId(id));
      case PublicRecords.KIND_PLAN -> {
        Disclosures.PublicPlan plan = records.currentPlan(id);
        yield records.planVersions(plan, records.planItems(id));
      }
      default -> records.drawChanges(records.findDraw(id).orElseThrow());
    };
  }

  private static long recordId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new BadRequestException("id", "公示记录编号应为整数");
    }
  }

  static String kind(String kind) {
    return switch (kind) {
      case "results" -> PublicRecords.KIND_RESULT;
      case "listings" -> PublicRecords.KIND_LISTING;
      case "plans" -> PublicRecords.KIND_PLAN;
      case "draws" -> PublicRecords.KIND_DRAW;
      default -> throw new BadRequestException("kind",
          "公示记录种类应为 results、listings、plans 或 draws，而不是 " + kind);
    };
  }
}
