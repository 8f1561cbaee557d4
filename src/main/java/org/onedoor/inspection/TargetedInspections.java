package org.onedoor.inspection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.calendar.WorkingDayCalendar;
import org.onedoor.catalog.Catalog;
import org.onedoor.catalog.CatalogService;
import org.onedoor.directory.InspectorAccounts;
import org.onedoor.directory.InspectorPool;
import org.onedoor.draw.InspectorMatcherV1;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.security.OrganisationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Targeted inspections (定向检查, issue 15 item 4): a {@code joint-inspection} opened outside the random plans —
 * no plan, no batch, no draw — for a reason another feature records (a risk warning whose check a chief
 * approved). Numbered {@code DX<year>-<4 digits>}; {@code inspection.kind = 'targeted'}. Opening is idempotent
 * per reason. The department's items are named by the caller (codes of the newest published catalogue, checked
 * here); the visit must fall within {@code targeted-window-working-days} working days from the opening; the two
 * inspectors are matched as a draw matches them (onedoor-match-v1: active, able to sign in, certificate valid to
 * the window's end, no registered conflict; fewest assignments, then HMAC order) on a seed from the number, the
 * request stored with the result so an auditor replays it. Too few eligible: the department is flagged and its
 * chiefs take the tasks, as in a plan.
 */
@Service
public class TargetedInspections {

  public static final String KIND = "targeted";
  public static final String RANDOM = "random";
  static final String SEED_PREFIX = "onedoor-targeted-v1\n";

  /** Why and what to open. {@code reasonKind} e.g. "risk-warning", {@code reasonRef} its id. */
  public record Request(String reasonKind, String reasonRef, String title, String uscc, String department,
      List<String> itemCodes, String openedBy) {}

  /** A targeted inspection as stored. */
  public record Targeted(String number, String reasonKind, String reasonRef, String title, String leadDepartment,
      int catalogVersion, Map<String, List<String>> items, LocalDate windowFrom, LocalDate windowTo, String openedBy) {}

  private final JdbcClient jdbc;
  private final CatalogService catalog;
  private final InspectorPool pool;
  private final InspectorAccounts accounts;
  private final WorkingDayCalendar calendar;
  private final CalendarProperties calendarProperties;
  private final JointInspectionProperties properties;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final InspectionAudit audit;
  private final OrganisationProperties organisation;
  private final ObjectMapper json;

  public TargetedInspections(JdbcClient jdbc, CatalogService catalog, InspectorPool pool, InspectorAccounts accounts,
      WorkingDayCalendar calendar, CalendarProperties calendarProperties, JointInspectionProperties properties,
      RuntimeService runtime, IdentityService identity, InspectionAudit audit, OrganisationProperties organisation,
      ObjectMapper json) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.pool = pool;
    this.accounts = accounts;
    this.calendar = calendar;
    this.calendarProperties = calendarProperties;
    this.properties = properties;
    this.runtime = runtime;
    this.identity = identity;
    this.audit = audit;
    this.organisation = organisation;
    this.json = json;
  }

  /**
   * The item codes a chief typed ("A01, A02" or 、 or ；), checked against the newest published catalogue:
   * each must exist there and belong to {@code department}. 400 naming {@code field} otherwise.
   */
  public List<String> checkItems(String department, String text, String field) {
    List<String> codes = new ArrayList<>();
    if (text != null) {
      for (String part : text.split("[,，、;；\\s]+")) {
        if (!part.isBlank() && !codes.contains(part.strip())) {
          codes.add(part.strip());
        }
      }
    }
    if (codes.isEmpty()) {
      throw new BadRequestException(field, "请填写本部门抽查事项清单中的检查事项编码（多个以逗号分隔）");
    }
    if (codes.size() > 20) {
      throw new BadRequestException(field, "一次定向检查最多 20 个检查事项");
    }
    Catalog.Version version = catalog.latestPublished()
        .orElseThrow(() -> new BadRequestException(field, "尚无已发布的抽查事项清单"));
    List<String> problems = new ArrayList<>();
    for (String code : codes) {
      Optional<Catalog.Item> item = catalog.findItem(version.versionNo(), code);
      if (item.isEmpty()) {
        problems.add("“" + code + "”不在第 " + version.versionNo() + " 版清单中");
      } else if (!item.get().department().equals(department)) {
        problems.add("“" + code + "”不是本部门的事项");
      }
    }
    if (!problems.isEmpty()) {
      throw new BadRequestException(field, String.join("；", problems));
    }
    return List.copyOf(codes);
  }

  /** The inspection opened for a reason, if any. */
  public Optional<String> numberFor(String reasonKind, String reasonRef) {
    return jdbc.sql("SELECT inspection_number FROM inspection_targeted WHERE reason_kind = :k AND reason_ref = :r")
        .param("k", reasonKind).param("r", reasonRef).query(String.class).optional();
  }

  /**
   * Opens the targeted inspection for {@code request} (or returns the one opened for its reason before): the
   * inspection, its matched inspectors or flag, its items and window, and a {@code joint-inspection} instance
   * (business key = the number), in the caller's transaction. Returns the number.
   */
  @Transactional
  public String open(Request request, Instant now) {
    Optional<String> existing = numberFor(request.reasonKind(), request.reasonRef());
    if (existing.isPresent()) {
      return existing.get();
    }
    if (organisation.department(request.department()).isEmpty()) {
      throw new BadRequestException("department", "未知的部门：" + request.department());
    }
    List<String> items = checkItems(request.department(), String.join(",", request.itemCodes()), "itemCodes");
    int version = catalog.latestPublished().orElseThrow().versionNo();
    LocalDate today = LocalDate.ofInstant(now, calendarProperties.zone());
    LocalDate from = calendar.nextWorkingDayOnOrAfter(today);
    LocalDate to = calendar.plusWorkingDays(today, properties.targetedWindowWorkingDays());
    int year = today.getYear();
    int sequence = jdbc.sql("SELECT COALESCE(MAX(number_sequence), 0) FROM inspection_targeted WHERE number_year = :y")
        .param("y", year).query(Integer.class).single();
    String number;
    do {
      number = number(year, ++sequence);
    } while (jdbc.sql("SELECT COUNT(*) FROM inspection WHERE number = :n").param("n", number)
        .query(Integer.class).single() > 0);

    // the inspectors, as a draw matches them
    InspectorMatcherV1.Request matching = matchingRequest(number, request.uscc(), request.department(), from, to);
    InspectorMatcherV1.MatchResult result = InspectorMatcherV1.match(matching);
    Timestamp at = Timestamp.from(now);
    jdbc.sql("INSERT INTO inspection (number, plan_number, batch, uscc, status, opened_at, kind)"
            + " VALUES (:n, NULL, NULL, :u, :s, :at, :k)")
        .param("n", number).param("u", request.uscc()).param("s", InspectionOpening.OPEN).param("at", at)
        .param("k", KIND).update();
    for (InspectorMatcherV1.Assignment a : result.assignments()) {
      for (String staff : a.staffNumbers()) {
        jdbc.sql("INSERT INTO inspection_assignment (inspection_number, department, staff_number) VALUES (:n, :d, :s)")
            .param("n", number).param("d", a.department()).param("s", staff).update();
      }
    }
    for (InspectorMatcherV1.Flag f : result.flags()) {
      jdbc.sql("INSERT INTO inspection_flag (inspection_number, department, reason) VALUES (:n, :d, :r)")
          .param("n", number).param("d", f.department()).param("r", f.reason()).update();
    }
    jdbc.sql("""
            INSERT INTO inspection_targeted (inspection_number, number_year, number_sequence, reason_kind, reason_ref, title,
                lead_department, catalog_version, items, window_from, window_to, matching_request, matching_result,
                opened_by)
            VALUES (:n, :y, :seq, :k, :r, :t, :d, :v, :items, :from, :to, :req, :res, :by)""")
        .param("n", number).param("y", year).param("seq", sequence).param("k", request.reasonKind())
        .param("r", request.reasonRef()).param("t", request.title()).param("d", request.department())
        .param("v", version).param("items", request.department() + ":" + String.join(",", items))
        .param("from", Date.valueOf(from)).param("to", Date.valueOf(to)).param("req", write(matching))
        .param("res", write(result)).param("by", request.openedBy()).update();
    audit.record(number, request.department(), "targeted-opened", request.openedBy(), now,
        request.title() + "：开启定向检查，检查事项 " + String.join("、", items) + "，检查期限 " + from + " 至 " + to
            + (result.flags().isEmpty() ? "" : "；执法人员不足，由科长办理"), null);

    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("inspectionNumber", number);
    variables.put("uscc", request.uscc());
    variables.put("entityName", entityName(request.uscc()));
    variables.put("departments", request.department());
    String businessKey = number;
    String instance = asApplication(() -> runtime.createProcessInstanceByKey(InspectionOpening.PROCESS)
        .businessKey(businessKey).setVariables(variables).execute().getId());
    jdbc.sql("UPDATE inspection SET process_instance_id = :pi WHERE number = :n").param("pi", instance)
        .param("n", number).update();
    return number;
  }

  /** {@code DX2026-0001}: 定向 (targeted), the year, a sequence of the year. */
  static String number(int year, int sequence) {
    return "DX" + year + "-" + String.format("%04d", sequence);
  }

  public Optional<Targeted> find(String number) {
    return jdbc.sql("SELECT inspection_number, reason_kind, reason_ref, title, lead_department, catalog_version, items,"
            + " window_from, window_to, opened_by FROM inspection_targeted WHERE inspection_number = :n")
        .param("n", number)
        .query((rs, i) -> new Targeted(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getInt(6), items(rs.getString(7)), rs.getDate(8).toLocalDate(),
            rs.getDate(9).toLocalDate(), rs.getString(10)))
        .optional();
  }

  /** Whether the stored matching of a targeted inspection replays to the same result. */
  public boolean matchingReplays(String number) {
    return jdbc.sql("SELECT matching_request, matching_result FROM inspection_targeted WHERE inspection_number = :n")
        .param("n", number)
        .query((rs, i) -> {
          try {
            InspectorMatcherV1.Request request = json.readValue(rs.getString(1), InspectorMatcherV1.Request.class);
            InspectorMatcherV1.MatchResult stored = json.readValue(rs.getString(2), InspectorMatcherV1.MatchResult.class);
            return InspectorMatcherV1.match(request).equals(stored);
          } catch (JsonProcessingException e) {
            return false;
          }
        })
        .optional().orElse(false);
  }

  /** "market:A01,A02;culture:B01" → department → codes. */
  static Map<String, List<String>> items(String stored) {
    Map<String, List<String>> items = new LinkedHashMap<>();
    for (String part : stored.split(";")) {
      int colon = part.indexOf(':');
      if (colon > 0) {
        items.put(part.substring(0, colon), List.of(part.substring(colon + 1).split(",")));
      }
    }
    return items;
  }

  private InspectorMatcherV1.Request matchingRequest(String number, String uscc, String department, LocalDate from,
      LocalDate to) {
    List<InspectorPool.PoolInspector> inspectors = pool.inspectorsOf(List.of(department));
    Set<String> canSignIn = accounts.usable(inspectors.stream().map(InspectorPool.PoolInspector::staffNumber).toList());
    String unit = pool.unitsOf(List.of(uscc)).get(uscc);
    return new InspectorMatcherV1.Request(
        seed(number),
        List.of(new InspectorMatcherV1.DrawnEntity(uscc, unit)),
        List.of(new InspectorMatcherV1.DepartmentNeed(department, 2, Set.of())),
        inspectors.stream().map(i -> new InspectorMatcherV1.Inspector(i.staffNumber(), i.department(), i.unit(),
            i.active(), i.qualifications(), i.certificateExpiry(), canSignIn.contains(i.staffNumber()))).toList(),
        pool.conflictsWith(List.of(uscc)).stream()
            .map(c -> new InspectorMatcherV1.Conflict(c.staffNumber(), c.uscc())).toList(),
        from, to, false);
  }

  /** SHA-256 of "onedoor-targeted-v1\n" + number, hex: nobody chooses it, anybody recomputes it. */
  static String seed(String number) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest((SEED_PREFIX + number).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String entityName(String uscc) {
    return jdbc.sql("SELECT name FROM directory_entity WHERE uscc = :u").param("u", uscc).query(String.class)
        .optional().orElse("");
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts as the application: the approving chief's engine permissions do not reach joint-inspection. */
  private <T> T asApplication(java.util.function.Supplier<T> work) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }
}
