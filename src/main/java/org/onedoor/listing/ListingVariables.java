package org.onedoor.listing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.calendar.Workdays;
import org.onedoor.platform.web.BadRequestException;

/** Reading and writing the few variables of {@code abnormal-listing}; ids and routing facts only. */
final class ListingVariables {

  /** Timers of the three-year branch fire at this time of day. */
  static final LocalTime TIMER_TIME = LocalTime.of(9, 0);

  private ListingVariables() {}

  static Instant now() {
    return ClockUtil.now().toInstant();
  }

  /** The case this process instance decides: from our table by process instance, never a variable. */
  static long listingId(Listings listings, VariableScope scope) {
    String processInstanceId = scope instanceof org.camunda.bpm.engine.delegate.DelegateTask task
        ? task.getProcessInstanceId()
        : ((org.camunda.bpm.engine.delegate.DelegateExecution) scope).getProcessInstanceId();
    return listings.caseOf(processInstanceId);
  }

  static long objectionId(Listings listings, VariableScope scope) {
    return listings.objectionOf(listingId(listings, scope), scope.getVariable("objectionId"));
  }

  static long removalId(Listings listings, VariableScope scope) {
    return listings.removalOf(listingId(listings, scope), scope.getVariable("removalId"));
  }

  static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : Objects.toString(value);
  }

  /** A date from a form (form-js date: {@code 2026-09-28}) or a {@link Date}. */
  static LocalDate date(VariableScope scope, String name, ZoneId zone) {
    Object value = scope.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    if (value instanceof Date d) {
      return Instant.ofEpochMilli(d.getTime()).atZone(zone).toLocalDate();
    }
    if (value instanceof LocalDate d) {
      return d;
    }
    String s = value.toString().strip();
    try {
      return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
    } catch (java.time.DateTimeException e) {
      throw new BadRequestException(name, "日期格式应为 YYYY-MM-DD");
    }
  }

  /**
   * Removes a task form's answers once they are recorded: later forms with the same keys (the chief's
   * approval after the legal review, a second objection) would otherwise open pre-filled with them.
   * History keeps them, and the case's steps record them.
   */
  static void clearAnswers(org.camunda.bpm.engine.delegate.DelegateTask task, String... names) {
    for (String name : names) {
      task.getExecution().removeVariable(name);
    }
  }

  /** The end of a deadline's last day, as the engine takes due dates. */
  static Date endOf(LocalDate day, ZoneId zone) {
    return Date.from(day.atTime(Workdays.END_OF_DAY).atZone(zone).toInstant());
  }

  static Date at(LocalDate day, ZoneId zone) {
    return Date.from(day.atTime(TIMER_TIME).atZone(zone).toInstant());
  }

  /** What the listed phase needs: the dates of the three-year branch and the display fields. */
  static Map<String, Object> listed(Listings listings, Listings.Listing l) {
    ZoneId zone = listings.zone();
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("listingId", l.id());
    scope.put("listedOn", l.listedOn().toString());
    scope.put("decisionNumber", l.decisionNumber());
    scope.put("objectionWindowEnds", l.objectionWindowEnds().toString());
    scope.put("threeYearReminderAt", at(listings.reminderDay(l), zone));
    scope.put("thirdAnniversaryAt", at(listings.thirdAnniversary(l), zone));
    return scope;
  }

  /** The display and routing fields every task of the case shows. */
  static Map<String, Object> describe(Listings.Listing l) {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("listingId", l.id());
    scope.put("uscc", l.uscc());
    scope.put("entityName", l.entityName());
    scope.put("ground", l.ground());
    scope.put("groundLabel", l.groundLabel());
    scope.put("department", l.department());
    scope.put("individualBusiness", l.individualBusiness());
    scope.put("listingAction", l.action());
    scope.put("removalAction", l.individualBusiness() ? "恢复正常记载状态" : "移出经营异常名录");
    scope.put("facts", l.facts() == null ? "" : l.facts());
    scope.put("legalBasis", l.legalBasis() == null ? "" : l.legalBasis());
    return scope;
  }
}
