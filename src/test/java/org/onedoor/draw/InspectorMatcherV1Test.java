package org.onedoor.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.onedoor.draw.InspectorMatcherV1.Assignment;
import org.onedoor.draw.InspectorMatcherV1.Conflict;
import org.onedoor.draw.InspectorMatcherV1.DepartmentNeed;
import org.onedoor.draw.InspectorMatcherV1.DrawnEntity;
import org.onedoor.draw.InspectorMatcherV1.Inspector;
import org.onedoor.draw.InspectorMatcherV1.MatchResult;
import org.onedoor.draw.InspectorMatcherV1.Request;

class InspectorMatcherV1Test {

  static final String SEED = DrawAlgorithmV1Test.SEED;
  static final LocalDate START = LocalDate.of(2026, 12, 1);
  static final LocalDate END = LocalDate.of(2026, 12, 31);
  static final LocalDate VALID = LocalDate.of(2027, 6, 30);

  static final DepartmentNeed MARKET = new DepartmentNeed("market", 2, Set.of("食品"));
  static final DepartmentNeed FIRE = new DepartmentNeed("fire", 2, Set.of());

  static Inspector market(String staff, String unit) {
    return new Inspector(staff, "market", unit, true, Set.of("食品", "特种设备"), VALID);
  }

  static Inspector fire(String staff, String unit) {
    return new Inspector(staff, "fire", unit, true, Set.of(), VALID);
  }

  static List<DrawnEntity> entities(int n) {
    List<DrawnEntity> out = new ArrayList<>();
    List<String> all = new ArrayList<>(DrawAlgorithmV1Test.A);
    all.addAll(DrawAlgorithmV1Test.B);
    for (int i = 0; i < n; i++) {
      out.add(new DrawnEntity(all.get(i), i % 2 == 0 ? "西湖所" : "上城所"));
    }
    return out;
  }

  static Request request(List<DrawnEntity> entities, List<Inspector> inspectors, List<Conflict> conflicts, boolean cross) {
    return new Request(SEED, entities, List.of(MARKET, FIRE), inspectors, conflicts, START, END, cross);
  }

  @Test
  void pairKeyIsTheHmacOfUsccBarStaffNumber() {
    // python3 -c "import hashlib,hmac; print(hmac.new(bytes.fromhex('68a69ecc681d20e231a4ef2076f995987b3b58f3df750d58e7834ac145b6ec2f'),
    //   '91330100MA2007919B|MKT-001'.encode(), hashlib.sha256).hexdigest())"
    assertThat(InspectorMatcherV1.pairKeyHex(SEED, "91330100MA2007919B", "MKT-001"))
        .isEqualTo("45270fd791bcac980d8a3b8420f1f63dcb4f5a273fd324c4d0e61fe6c7824b26");
  }

  @Test
  void firstEntityTakesTheSmallestPairKeysThenLoadIsSpreadEvenly() {
    List<Inspector> pool = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      pool.add(market("MKT-00" + i, "U" + i));
      pool.add(fire("FIRE-00" + i, "U" + i));
    }
    List<DrawnEntity> drawn = entities(9);
    MatchResult r = InspectorMatcherV1.match(request(drawn, pool, List.of(), false));
    assertThat(r.flags()).isEmpty();
    assertThat(r.assignments()).hasSize(18);
    // entity order, then department order
    assertThat(r.assignments().get(0).uscc()).isEqualTo(drawn.get(0).uscc());
    assertThat(r.assignments().get(0).department()).isEqualTo("market");
    assertThat(r.assignments().get(1).department()).isEqualTo("fire");

    // with nobody assigned yet, the first entity gets the two smallest HMACs of its department
    String first = drawn.get(0).uscc();
    List<String> byKey = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      byKey.add("MKT-00" + i);
    }
    byKey.sort((a, b) -> InspectorMatcherV1.pairKeyHex(SEED, first, a).compareTo(InspectorMatcherV1.pairKeyHex(SEED, first, b)));
    assertThat(r.assignments().get(0).staffNumbers()).containsExactly(byKey.get(0), byKey.get(1));

    // 9 entities × 2 = 18 assignments over 6 inspectors per department: exactly 3 each
    assertThat(r.load()).hasSize(12).allSatisfy((staff, n) -> assertThat(n).isEqualTo(3));
    // after the first three entities every market inspector has been used once
    List<String> firstRound = new ArrayList<>();
    for (int e = 0; e < 3; e++) {
      firstRound.addAll(r.assignments().get(2 * e).staffNumbers());
    }
    assertThat(firstRound).doesNotHaveDuplicates().hasSize(6);
    // nobody twice on the same entity
    assertThat(r.assignments()).allSatisfy(a -> assertThat(a.staffNumbers()).doesNotHaveDuplicates());
  }

  @Test
  void conflictsExpiredCertificatesInactiveAndUnqualifiedAreLeftOut() {
    DrawnEntity entity = entities(1).get(0);
    List<Inspector> pool =
        List.of(
            market("MKT-001", "U1"),
            market("MKT-002", "U2"),
            market("MKT-003", "U3"),
            // certificate expires inside the batch window
            new Inspector("MKT-004", "market", "U4", true, Set.of("食品"), END.minusDays(1)),
            // expiring on the last day is still valid for the whole window
            new Inspector("MKT-005", "market", "U5", true, Set.of("食品"), END),
            new Inspector("MKT-006", "market", "U6", false, Set.of("食品"), VALID),
            new Inspector("MKT-007", "market", "U7", true, Set.of("特种设备"), VALID),
            new Inspector("MKT-008", "market", "U8", true, Set.of("食品"), null),
            fire("FIRE-001", "U1"),
            fire("FIRE-002", "U2"));
    List<Conflict> conflicts =
        List.of(new Conflict("MKT-001", entity.uscc()), new Conflict("MKT-002", entity.uscc()));
    // one at a time, to see each entity–inspector pairing possible
    List<String> seen = new ArrayList<>();
    for (int round = 0; round < 8; round++) {
      // different plan numbers give different seeds: collect every market inspector ever chosen
      String seed = DrawAlgorithmV1.key(java.util.HexFormat.of().parseHex(SEED), "seed" + round);
      MatchResult r =
          InspectorMatcherV1.match(
              new Request(seed, List.of(entity), List.of(MARKET, FIRE), pool, conflicts, START, END, false));
      assertThat(r.flags()).isEmpty();
      seen.addAll(r.assignments().get(0).staffNumbers());
    }
    // only MKT-003 and MKT-005 are eligible, so they are always the pair
    assertThat(seen).containsOnly("MKT-003", "MKT-005");
  }

  @Test
  void crossJurisdictionTakesInspectorsFromOtherUnits() {
    List<Inspector> pool =
        List.of(
            market("MKT-001", "西湖所"),
            market("MKT-002", "西湖所"),
            market("MKT-003", "上城所"),
            market("MKT-004", "上城所"),
            fire("FIRE-001", "西湖所"),
            fire("FIRE-002", "西湖所"),
            fire("FIRE-003", "上城所"),
            fire("FIRE-004", "上城所"));
    List<DrawnEntity> drawn = entities(6);
    MatchResult r = InspectorMatcherV1.match(request(drawn, pool, List.of(), true));
    assertThat(r.flags()).isEmpty();
    for (Assignment a : r.assignments()) {
      String unit = drawn.stream().filter(e -> e.uscc().equals(a.uscc())).findFirst().orElseThrow().unit();
      for (String staff : a.staffNumbers()) {
        String inspectorUnit =
            pool.stream().filter(i -> i.staffNumber().equals(staff)).findFirst().orElseThrow().unit();
        assertThat(inspectorUnit).as(a + " " + staff).isNotEqualTo(unit);
      }
    }
    // without the option the same pool may serve its own unit
    MatchResult own = InspectorMatcherV1.match(request(drawn, pool, List.of(), false));
    assertThat(own.flags()).isEmpty();
  }

  @Test
  void tooFewEligibleIsFlaggedAndNotFilled() {
    DrawnEntity entity = entities(1).get(0);
    List<Inspector> pool =
        List.of(
            market("MKT-001", "U1"),
            market("MKT-002", "U2"),
            new Inspector("MKT-003", "market", "U3", false, Set.of("食品"), VALID),
            fire("FIRE-001", "U1"),
            fire("FIRE-002", "U2"));
    MatchResult r =
        InspectorMatcherV1.match(
            request(List.of(entity), pool, List.of(new Conflict("MKT-001", entity.uscc())), false));
    assertThat(r.assignments()).extracting(Assignment::department).containsExactly("fire");
    assertThat(r.flags()).hasSize(1);
    InspectorMatcherV1.Flag flag = r.flags().get(0);
    assertThat(flag.uscc()).isEqualTo(entity.uscc());
    assertThat(flag.department()).isEqualTo("market");
    assertThat(flag.required()).isEqualTo(2);
    assertThat(flag.eligible()).isEqualTo(1);
    assertThat(flag.reason()).isEqualTo("market合格检查人员不足：需要2名，仅1名合格（不在岗1名，需回避1名）");
    // the one eligible inspector is not assigned: nothing is counted for the flagged pair
    assertThat(r.load()).doesNotContainKey("MKT-002");
  }

  @Test
  void aDepartmentWithoutInspectorsOrAnEntityWithoutUnitIsFlagged() {
    List<DrawnEntity> drawn = List.of(new DrawnEntity(DrawAlgorithmV1Test.A.get(0), null));
    MatchResult r =
        InspectorMatcherV1.match(request(drawn, List.of(market("MKT-001", "U1"), market("MKT-002", "U2")), List.of(), false));
    assertThat(r.flags()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("fire没有检查人员，需要2名"));
    MatchResult cross =
        InspectorMatcherV1.match(request(drawn, List.of(market("MKT-001", "U1"), market("MKT-002", "U2")), List.of(), true));
    assertThat(cross.assignments()).isEmpty();
    assertThat(cross.flags()).hasSize(2).allSatisfy(f -> assertThat(f.reason()).contains("所所交叉"));
  }

  @Test
  void deterministicWhateverTheOrderOfThePool() {
    List<Inspector> pool = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      pool.add(market("MKT-00" + i, "U" + (i % 3)));
      pool.add(fire("FIRE-00" + i, "U" + (i % 2)));
    }
    List<Conflict> conflicts = List.of(new Conflict("MKT-003", DrawAlgorithmV1Test.A.get(2)));
    MatchResult first = InspectorMatcherV1.match(request(entities(12), pool, conflicts, false));
    for (int run = 0; run < 5; run++) {
      List<Inspector> shuffled = new ArrayList<>(pool);
      Collections.shuffle(shuffled, new java.util.Random(run));
      assertThat(InspectorMatcherV1.match(request(entities(12), shuffled, conflicts, false))).isEqualTo(first);
    }
    assertThat(first.assignments()).noneSatisfy(
        a -> {
          assertThat(a.uscc()).isEqualTo(DrawAlgorithmV1Test.A.get(2));
          assertThat(a.staffNumbers()).contains("MKT-003");
        });
    // 12 entities × 2 over 7 inspectors: loads differ by at most one
    List<Integer> marketLoads =
        first.load().entrySet().stream().filter(e -> e.getKey().startsWith("MKT")).map(java.util.Map.Entry::getValue).toList();
    assertThat(Collections.max(marketLoads) - Collections.min(marketLoads)).isLessThanOrEqualTo(1);
  }

  @Test
  void drawnEntitiesAreMatchedInKeyOrderOverAllStrata() {
    DrawRecord record = DrawAlgorithmV1Test.record();
    List<DrawnEntity> drawn = InspectorMatcherV1.drawnInKeyOrder(record, uscc -> "U-" + uscc.charAt(1));
    byte[] seed = java.util.HexFormat.of().parseHex(record.seed());
    List<String> expected = new ArrayList<>();
    record.strata().forEach(s -> expected.addAll(s.selected()));
    expected.sort((a, b) -> DrawAlgorithmV1.key(seed, a).compareTo(DrawAlgorithmV1.key(seed, b)));
    assertThat(drawn).extracting(DrawnEntity::uscc).isEqualTo(expected).hasSize(8);
    assertThat(drawn.get(0).unit()).startsWith("U-");
  }

  @Test
  void refusesFewerThanTwoInspectorsPerEntity() {
    assertThatThrownBy(() -> new DepartmentNeed("market", 1, Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anInspectorWhoCannotSignInIsNeverMatchedAndTheFlagSaysWhy() {
    DrawnEntity entity = entities(1).get(0);
    Inspector noAccount = new Inspector("MKT-009", "market", "U9", true, Set.of("食品"), VALID, false);
    List<Inspector> pool = List.of(market("MKT-001", "U1"), market("MKT-002", "U2"), noAccount,
        fire("FIRE-001", "U1"), fire("FIRE-002", "U2"));
    for (int round = 0; round < 8; round++) {
      String seed = DrawAlgorithmV1.key(java.util.HexFormat.of().parseHex(SEED), "seed" + round);
      MatchResult r = InspectorMatcherV1.match(
          new Request(seed, List.of(entity), List.of(MARKET, FIRE), pool, List.of(), START, END, false));
      assertThat(r.assignments().get(0).staffNumbers()).containsExactlyInAnyOrder("MKT-001", "MKT-002");
    }
    // with one of the two others in conflict, the pair is flagged for the chief with the reason
    MatchResult short1 = InspectorMatcherV1.match(request(List.of(entity), pool,
        List.of(new Conflict("MKT-001", entity.uscc())), false));
    assertThat(short1.flags()).singleElement().satisfies(f -> assertThat(f.reason())
        .isEqualTo("market合格检查人员不足：需要2名，仅1名合格（没有可用的登录账号1名，需回避1名）"));
  }

  @Test
  void aRequestStoredBeforeAccountsWereRecordedReadsAsEveryoneCanSignIn() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules();
    Inspector old = json.readValue("""
        {"staffNumber":"MKT-001","department":"market","unit":"U1","active":true,
         "qualifications":["食品"],"certificateExpiry":"2027-06-30"}""", Inspector.class);
    assertThat(old.canSignIn()).isTrue();
    assertThat(old).isEqualTo(new Inspector("MKT-001", "market", "U1", true, Set.of("食品"), VALID));
    Inspector roundTrip = json.readValue(json.writeValueAsString(
        new Inspector("MKT-009", "market", "U9", true, Set.of(), VALID, false)), Inspector.class);
    assertThat(roundTrip.canSignIn()).isFalse();
  }
}
