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
 * per reason. The caller names the items per department — the lead department's and those of the departments
 * that agreed to take part (codes of the newest published catalogue, each checked to be its department's) — and
 * what every other department asked answered, for the audit trail; the visit must fall within
 * {@code targeted-window-working-days} working days from the opening; two inspectors per department are matched
 * as a draw matches them (onedoor-match-v1: active, able to sign in, certificate valid to the window's end, no
 * registered conflict; fewest assignments, then HMAC order) on a seed from the number, the request stored with
 * the result so an auditor replays it. A department with too few eligible is flagged and its chiefs take the
 * tasks, as in a plan. Several departments make a joint visit (one door, many checks) like a plan's.
 */
@Service
public class TargetedInspections {

  public static final String KIND = "targeted";
  public static final String RANDOM = "random";
  static final String SEED_PREFIX = "onedoor-targeted-v1\n";
  /** At least two per department (行政处罚法 art. 42), as a plan's default. */
  static final int INSPECTORS_PER_DEPARTMENT = 2;

  /**
   * Why and what to open. {@code reasonKind} e.g. "risk-warning", {@code reasonRef} its id; {@code items}: the
   * item codes of each department taking part, the lead's among them; {@code answers}: what each other
   * department asked to take part answered (joined, declined or lapsed), recorded in the audit trail.
   */
  public record Request(String reasonKind, String reasonRef, String title, String uscc, String leadDepartment,
      Map<String, List<String>> items, List<Answer> answers, String openedBy) {}

  /**
   * What a department asked to take part answered: {@link #JOINED}, {@link #DECLINED} (with its reasons) or
   * {@link #LAPSED} (no answer by the deadline); who answered and when.
   */
  public record Answer(String department, String outcome, String by, Instant at, String reason) {
    public static final String JOINED = "joined";
    public static final String DECLINED = "declined";
    public static final String LAPSED = "lapsed";
  }

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
   * The item codes a chief typed ("A01, A02" or 、 or ；), checked against the newest published catalogue: each
   * must exist there and belong to a configured department; at least one must be {@code leadDepartment}'s (the
   * lead always takes part). Returns the codes per department, the lead's first, then the other departments
   * in configuration order. 400 naming {@code field} otherwise, with every bad code.
   */
  public Map<String, List<String>> checkItems(String leadDepartment, String text, String field) {
    List<String> codes = new ArrayList<>();
    if (text != null) {
      for (String part : text.split("[,，、;；\\s]+")) {
        if (!part.isBlank() && !codes.contains(part.strip())) {
          codes.add(part.strip());
        }
      }
    }
    if (codes.isEmpty()) {
      throw new BadRequestException(field, "请填写抽查事项清单中的检查事项编码（多个以逗号分隔），至少一项为本部门的事项");
    }
    if (codes.size() > MAX_ITEMS) {
      throw new BadRequestException(field, "一次定向检查最多 " + MAX_ITEMS + " 个检查事项");
    }
    Catalog.Version version = catalog.latestPublished()
        .orElseThrow(() -> new BadRequestException(field, "尚无已发布的抽查事项清单"));
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> byDepartment = new LinkedHashMap<>();
    for (String code : codes) {
      Optional<Catalog.Item> item = catalog.findItem(version.versionNo(), code);
      if (item.isEmpty()) {
        problems.add("“" + code + "”不在第 " + version.versionNo() + " 版清单中");
      } else if (organisation.department(item.get().department()).isEmpty()) {
        problems.add("“" + code + "”所属部门 " + item.get().department() + " 不在本系统的部门之中");
      } else {
        byDepartment.computeIfAbsent(item.get().department(), d -> new ArrayList<>()).add(code);
      }
    }
    if (!problems.isEmpty()) {
      throw new BadRequestException(field, String.join("；", problems));
    }
    if (!byDepartment.containsKey(leadDepartment)) {
      throw new BadRequestException(field, "须至少包含一项本部门（" + departmentName(leadDepartment)
          + "）的检查事项：牵头部门必须参加；已填写的事项均属其他部门（"
          + String.join("、", byDepartment.keySet().stream().map(this::departmentName).toList()) + "）");
    }
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    ordered.put(leadDepartment, List.copyOf(byDepartment.get(leadDepartment)));
    for (OrganisationProperties.Department d : organisation.departments()) {
      if (!d.code().equals(leadDepartment) && byDepartment.containsKey(d.code())) {
        ordered.put(d.code(), List.copyOf(byDepartment.get(d.code())));
      }
    }
    return ordered;
  }

  /** Code → name of {@code codes} in the newest published catalogue (a code no longer there is left out). */
  public Map<String, String> itemNames(List<String> codes) {
    Map<String, String> names = new LinkedHashMap<>();
    catalog.latestPublished().ifPresent(version -> codes.forEach(code -> catalog.findItem(version.versionNo(), code)
        .ifPresent(item -> names.put(code, item.name()))));
    return names;
  }

  /** Most items of one targeted inspection, over all its departments. */
  static final int MAX_ITEMS = 20;

  private String departmentName(String code) {
    return organisation.department(code).map(OrganisationProperties.Department::name).orElse(code);
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
    String lead = request.leadDepartment();
    if (organisation.department(lead).isEmpty()) {
      throw new BadRequestException("department", "未知的部门：" + lead);
    }
    // every code again against the newest published catalogue, in the department the caller says
    Map<String, List<String>> items = checkItems(lead,
        String.join(",", request.items().values().stream().flatMap(List::stream).toList()), "itemCodes");
    if (!items.equals(request.items())) {
      throw new BadRequestException("itemCodes", "检查事项与部门不符：" + formatItems(items));
    }
    List<String> departments = List.copyOf(items.keySet());
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

    // the inspectors, as a draw matches them: two per department
    InspectorMatcherV1.Request matching = matchingRequest(number, request.uscc(), departments, from, to);
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
        .param("r", request.reasonRef()).param("t", request.title()).param("d", lead)
        .param("v", version).param("items", formatItems(items))
        .param("from", Date.valueOf(from)).param("to", Date.valueOf(to)).param("req", write(matching))
        .param("res", write(result)).param("by", request.openedBy()).update();

    // the audit trail: what each department asked answered, then the opening with who takes part
    for (Answer answer : request.answers()) {
      String name = departmentName(answer.department());
      String summary = switch (answer.outcome()) {
        case Answer.JOINED -> name + "会签同意参加联合定向检查，检查事项 " + String.join("、", items.get(answer.department()));
        case Answer.DECLINED -> name + "会签不同意参加，未纳入本次定向检查";
        case Answer.LAPSED -> name + "会签期限届满未答复，未纳入本次定向检查";
        default -> throw new IllegalArgumentException("unknown answer " + answer.outcome());
      };
      if (Answer.JOINED.equals(answer.outcome()) != items.containsKey(answer.department())) {
        throw new IllegalArgumentException(answer.department() + " " + answer.outcome() + " but its items are "
            + (items.containsKey(answer.department()) ? "included" : "missing"));
      }
      audit.record(number, answer.department(), "targeted-" + answer.outcome(), answer.by(), answer.at(), summary,
          answer.reason());
    }
    List<String> flagged = result.flags().stream().map(InspectorMatcherV1.Flag::department).distinct()
        .map(this::departmentName).toList();
    audit.record(number, lead, "targeted-opened", request.openedBy(), now,
        request.title() + "：开启定向检查，" + (items.size() > 1 ? "牵头部门 " + departmentName(lead) + "，" : "")
            + "检查事项 " + items.entrySet().stream().map(e -> (items.size() > 1 ? departmentName(e.getKey()) + " " : "")
                + String.join("、", e.getValue())).collect(java.util.stream.Collectors.joining("；"))
            + "，检查期限 " + from + " 至 " + to
            + (flagged.isEmpty() ? "" : "；执法人员不足，由科长办理" + (items.size() > 1 ? "：" + String.join("、", flagged) : "")),
        null);

    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("inspectionNumber", number);
    variables.put("uscc", request.uscc());
    variables.put("entityName", entityName(request.uscc()));
    variables.put("departments", String.join(",", departments));
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
            rs.getString(5), rs.getInt(6), parseItems(rs.getString(7)), rs.getDate(8).toLocalDate(),
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

  /** "market:A01,A02;culture:B01" → department → codes, in the stored order (the lead first). */
  public static Map<String, List<String>> parseItems(String stored) {
    Map<String, List<String>> items = new LinkedHashMap<>();
    if (stored == null) {
      return items;
    }
    for (String part : stored.split(";")) {
      int colon = part.indexOf(':');
      if (colon > 0) {
        items.put(part.substring(0, colon), List.of(part.substring(colon + 1).split(",")));
      }
    }
    return items;
  }

  /** Department → codes as stored: "market:A01,A02;culture:B01", in the map's order. */
  public static String formatItems(Map<String, List<String>> items) {
    return items.entrySet().stream().map(e -> e.getKey() + ":" + String.join(",", e.getValue()))
        .collect(java.util.stream.Collectors.joining(";"));
  }

  private InspectorMatcherV1.Request matchingRequest(String number, String uscc, List<String> departments,
      LocalDate from, LocalDate to) {
    List<InspectorPool.PoolInspector> inspectors = pool.inspectorsOf(departments);
    Set<String> canSignIn = accounts.usable(inspectors.stream().map(InspectorPool.PoolInspector::staffNumber).toList());
    String unit = pool.unitsOf(List.of(uscc)).get(uscc);
    return new InspectorMatcherV1.Request(
        seed(number),
        List.of(new InspectorMatcherV1.DrawnEntity(uscc, unit)),
        departments.stream().map(d -> new InspectorMatcherV1.DepartmentNeed(d, INSPECTORS_PER_DEPARTMENT, Set.of()))
            .toList(),
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
