package org.onedoor.draw;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;

/**
 * Matches inspectors to drawn entities (DOMAIN.md R5; issue 4, item 5), deterministically, so that
 * an auditor with the internal inspector pool can replay it from the same inputs.
 *
 * <p>For each drawn entity in key order, and for each department in the order given, the eligible
 * inspectors are those who are active, can sign in (an active user account), of that department, hold every qualification the
 * department's items require, have an enforcement certificate that expires no earlier than the
 * last day of the batch window, have no registered conflict with the entity and, when the plan
 * asks for cross-jurisdiction (所所交叉), belong to a unit other than the entity's. They are
 * ordered by (assignments so far in this draw, HMAC-SHA256(seed, UTF-8(USCC + "|" + staff
 * number)) compared bytewise, staff number) and the first {@code required} are taken.
 *
 * <p>When fewer than {@code required} are eligible the pair is flagged for the chief with the
 * reasons and <em>nobody</em> is assigned to it: an inspection needs its full complement (行政处罚法
 * art. 42), and a flagged pair is never filled by hand — a later replacement is a new recorded
 * draw.
 */
public final class InspectorMatcherV1 {

  public static final String NAME = "onedoor-match-v1";
  private static final HexFormat HEX = HexFormat.of();

  private InspectorMatcherV1() {}

  /** A drawn entity, with the unit (所) that supervises it; {@code unit} may be null if unknown. */
  public record DrawnEntity(String uscc, String unit) {
    public DrawnEntity {
      Objects.requireNonNull(uscc, "uscc");
    }
  }

  /** A participating department: how many inspectors per entity, which qualifications. */
  public record DepartmentNeed(String department, int inspectorsPerEntity, Set<String> qualifications) {
    public DepartmentNeed {
      Objects.requireNonNull(department, "department");
      if (inspectorsPerEntity < 2) {
        throw new IllegalArgumentException(
            "at least 2 inspectors per entity (行政处罚法 art. 42): " + department);
      }
      qualifications = qualifications == null ? Set.of() : Set.copyOf(qualifications);
    }
  }

  /**
   * A candidate inspector. {@code certificateExpiry} is the last valid day; null when none.
   * {@code canSignIn}: whether the inspector's staff number is an active user of the identity
   * service (exists, not locked, has been given a password), frozen into the stored request when
   * the matching runs; null (requests stored before it was recorded) counts as true.
   */
  public record Inspector(
      String staffNumber,
      String department,
      String unit,
      boolean active,
      Set<String> qualifications,
      LocalDate certificateExpiry,
      Boolean canSignIn) {
    public Inspector {
      Objects.requireNonNull(staffNumber, "staffNumber");
      Objects.requireNonNull(department, "department");
      qualifications = qualifications == null ? Set.of() : Set.copyOf(qualifications);
      canSignIn = canSignIn == null || canSignIn;
    }

    /** An inspector with a usable account. */
    public Inspector(String staffNumber, String department, String unit, boolean active,
        Set<String> qualifications, LocalDate certificateExpiry) {
      this(staffNumber, department, unit, active, qualifications, certificateExpiry, true);
    }
  }

  /** A registered conflict of interest (回避) between an inspector and an entity. */
  public record Conflict(String staffNumber, String uscc) {}

  /** Everything the matching depends on; the same request always gives the same result. */
  public record Request(
      String seedHex,
      List<DrawnEntity> entities,
      List<DepartmentNeed> departments,
      Collection<Inspector> inspectors,
      Collection<Conflict> conflicts,
      LocalDate windowStart,
      LocalDate windowEnd,
      boolean crossJurisdiction) {
    public Request {
      Objects.requireNonNull(seedHex, "seedHex");
      entities = List.copyOf(entities);
      departments = List.copyOf(departments);
      inspectors = List.copyOf(inspectors);
      conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
      Objects.requireNonNull(windowStart, "windowStart");
      Objects.requireNonNull(windowEnd, "windowEnd");
      if (windowEnd.isBefore(windowStart)) {
        throw new IllegalArgumentException("batch window ends before it starts");
      }
    }
  }

  /** The inspectors of one department for one entity, in the order they were taken. */
  public record Assignment(String uscc, String department, List<String> staffNumbers) {}

  /** An entity–department pair that could not be staffed, for the chief. */
  public record Flag(String uscc, String department, int required, int eligible, String reason) {}

  public record MatchResult(String algorithm, List<Assignment> assignments, List<Flag> flags) {
    /** Assignments per staff number in this draw. */
    public Map<String, Integer> load() {
      Map<String, Integer> load = new LinkedHashMap<>();
      for (Assignment a : assignments) {
        for (String s : a.staffNumbers()) {
          load.merge(s, 1, Integer::sum);
        }
      }
      return load;
    }
  }

  /** Why an inspector is left out, in the order checked. */
  private enum Exclusion {
    INACTIVE("不在岗"),
    NO_ACCOUNT("没有可用的登录账号"),
    UNQUALIFIED("缺少所需资格"),
    CERTIFICATE("执法证件在批次结束前到期或没有证件"),
    CONFLICT("需回避"),
    SAME_UNIT("与企业同一单位（所所交叉）");

    final String text;

    Exclusion(String text) {
      this.text = text;
    }
  }

  public static MatchResult match(Request request) {
    byte[] seed = HEX.parseHex(request.seedHex());
    if (seed.length != 32) {
      throw new IllegalArgumentException("seed must be 32 bytes");
    }
    Set<String> usccs = new HashSet<>();
    for (DrawnEntity e : request.entities()) {
      if (!usccs.add(e.uscc())) {
        throw new IllegalArgumentException("entity drawn twice: " + e.uscc());
      }
    }
    Set<String> departments = new HashSet<>();
    for (DepartmentNeed d : request.departments()) {
      if (!departments.add(d.department())) {
        throw new IllegalArgumentException("department repeated: " + d.department());
      }
    }
    // per department: its inspectors with the reason (if any) that holds whatever the entity
    Map<String, List<Inspector>> byDepartment = new HashMap<>();
    Map<String, Exclusion> staticExclusion = new HashMap<>();
    Map<String, DepartmentNeed> needs = new HashMap<>();
    request.departments().forEach(d -> needs.put(d.department(), d));
    Set<String> staff = new HashSet<>();
    for (Inspector i : request.inspectors()) {
      if (!staff.add(i.staffNumber())) {
        throw new IllegalArgumentException("staff number repeated: " + i.staffNumber());
      }
      DepartmentNeed need = needs.get(i.department());
      if (need == null) {
        continue;
      }
      byDepartment.computeIfAbsent(i.department(), k -> new ArrayList<>()).add(i);
      Exclusion ex = null;
      if (!i.active()) {
        ex = Exclusion.INACTIVE;
      } else if (!i.canSignIn()) {
        ex = Exclusion.NO_ACCOUNT;
      } else if (!i.qualifications().containsAll(need.qualifications())) {
        ex = Exclusion.UNQUALIFIED;
      } else if (i.certificateExpiry() == null
          || i.certificateExpiry().isBefore(request.windowEnd())) {
        ex = Exclusion.CERTIFICATE;
      }
      if (ex != null) {
        staticExclusion.put(i.staffNumber(), ex);
      }
    }
    Set<Conflict> conflicts = new HashSet<>(request.conflicts());

    Mac mac = DrawAlgorithmV1.newMac(seed);
    Map<String, Integer> load = new HashMap<>();
    List<Assignment> assignments = new ArrayList<>();
    List<Flag> flags = new ArrayList<>();
    for (DrawnEntity entity : request.entities()) {
      for (DepartmentNeed need : request.departments()) {
        List<Inspector> pool = byDepartment.getOrDefault(need.department(), List.of());
        if (request.crossJurisdiction() && entity.unit() == null) {
          flags.add(
              new Flag(
                  entity.uscc(),
                  need.department(),
                  need.inspectorsPerEntity(),
                  0,
                  "企业所属单位不明，无法按所所交叉匹配检查人员"));
          continue;
        }
        Map<Exclusion, Integer> excluded = new EnumMap<>(Exclusion.class);
        List<Candidate> eligible = new ArrayList<>();
        for (Inspector i : pool) {
          Exclusion ex = staticExclusion.get(i.staffNumber());
          if (ex == null && conflicts.contains(new Conflict(i.staffNumber(), entity.uscc()))) {
            ex = Exclusion.CONFLICT;
          }
          if (ex == null && request.crossJurisdiction() && entity.unit().equals(i.unit())) {
            ex = Exclusion.SAME_UNIT;
          }
          if (ex != null) {
            excluded.merge(ex, 1, Integer::sum);
          } else {
            eligible.add(
                new Candidate(
                    i.staffNumber(),
                    load.getOrDefault(i.staffNumber(), 0),
                    pairKey(mac, entity.uscc(), i.staffNumber())));
          }
        }
        int required = need.inspectorsPerEntity();
        if (eligible.size() < required) {
          flags.add(
              new Flag(
                  entity.uscc(),
                  need.department(),
                  required,
                  eligible.size(),
                  shortage(need.department(), required, eligible.size(), pool.size(), excluded)));
          continue;
        }
        eligible.sort(Candidate.ORDER);
        List<String> taken = new ArrayList<>(required);
        for (int k = 0; k < required; k++) {
          String s = eligible.get(k).staffNumber();
          taken.add(s);
          load.merge(s, 1, Integer::sum);
        }
        assignments.add(new Assignment(entity.uscc(), need.department(), List.copyOf(taken)));
      }
    }
    return new MatchResult(NAME, List.copyOf(assignments), List.copyOf(flags));
  }

  /**
   * The drawn entities of a record in key order over all strata (the order of their
   * {@code HMAC(seed, USCC)}), the order in which inspectors are matched. {@code unitOf} gives
   * each entity's unit (所); it may answer null when unknown.
   */
  public static List<DrawnEntity> drawnInKeyOrder(
      DrawRecord record, java.util.function.Function<String, String> unitOf) {
    Mac mac = DrawAlgorithmV1.newMac(HEX.parseHex(record.seed()));
    record Keyed(byte[] key, String uscc) {}
    List<Keyed> all = new ArrayList<>();
    for (DrawRecord.Stratum s : record.strata()) {
      for (String uscc : s.selected()) {
        all.add(new Keyed(mac.doFinal(uscc.getBytes(StandardCharsets.UTF_8)), uscc));
      }
    }
    all.sort(
        (a, b) -> {
          int c = Arrays.compareUnsigned(a.key(), b.key());
          return c != 0 ? c : DrawAlgorithmV1.compareUtf8(a.uscc(), b.uscc());
        });
    List<DrawnEntity> out = new ArrayList<>(all.size());
    for (Keyed k : all) {
      out.add(new DrawnEntity(k.uscc(), unitOf.apply(k.uscc())));
    }
    return List.copyOf(out);
  }

  /** Lower-case hex HMAC-SHA256(seed, UTF-8(USCC + "|" + staff number)), for audit output. */
  public static String pairKeyHex(String seedHex, String uscc, String staffNumber) {
    return HEX.formatHex(pairKey(DrawAlgorithmV1.newMac(HEX.parseHex(seedHex)), uscc, staffNumber));
  }

  private static byte[] pairKey(Mac mac, String uscc, String staffNumber) {
    return mac.doFinal((uscc + "|" + staffNumber).getBytes(StandardCharsets.UTF_8));
  }

  private static String shortage(
      String department, int required, int eligible, int pool, Map<Exclusion, Integer> excluded) {
    if (pool == 0) {
      return department + "没有检查人员，需要" + required + "名";
    }
    StringBuilder sb =
        new StringBuilder()
            .append(department)
            .append("合格检查人员不足：需要")
            .append(required)
            .append("名，仅")
            .append(eligible)
            .append("名合格");
    if (!excluded.isEmpty()) {
      sb.append("（");
      boolean first = true;
      for (Map.Entry<Exclusion, Integer> e : excluded.entrySet()) {
        if (!first) {
          sb.append("，");
        }
        first = false;
        sb.append(e.getKey().text).append(e.getValue()).append("名");
      }
      sb.append("）");
    }
    return sb.toString();
  }

  private record Candidate(String staffNumber, int load, byte[] key) {
    static final java.util.Comparator<Candidate> ORDER =
        (a, b) -> {
          int c = Integer.compare(a.load, b.load);
          if (c == 0) {
            c = Arrays.compareUnsigned(a.key, b.key);
          }
          return c != 0 ? c : a.staffNumber.compareTo(b.staffNumber);
        };
  }
}
