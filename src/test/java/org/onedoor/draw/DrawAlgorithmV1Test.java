package org.onedoor.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.onedoor.TestClock;
import org.onedoor.directory.Uscc;

/**
 * Fixed vectors computed independently with Python's hashlib/hmac (no project code involved).
 * The whole script, run with python3, prints every constant below:
 *
 * <pre>
 * import hashlib, hmac
 * from decimal import Decimal, ROUND_CEILING
 * AL="0123456789ABCDEFGHJKLMNPQRTUWXY"; W=[pow(3,i,31) for i in range(17)]
 * def uscc(f): s=sum(AL.index(c)*w for c,w in zip(f,W)); return f+AL[(31-s%31)%31]
 * A=[uscc("91330100MA2%06d"%(i*7919%1000000)) for i in range(1,11)]
 * B=[uscc("92330106MA3%06d"%(i*104729%1000000)) for i in range(1,8)]
 * C=[uscc("93330108MA4%06d"%i) for i in range(1,4)]
 * D=[uscc("91330110MA5%06d"%(i*31)) for i in range(1,5)]
 * strata=[("A","0.3",A),("B","0.05",B),("C","0",C),("D","1",D)]
 * union=sorted(A+B+C+D, key=lambda s:s.encode())
 * ph=hashlib.sha256("\n".join(union).encode()).hexdigest(); print("populationHash",ph)
 * nonce=bytes(range(32)); print("commitment",hashlib.sha256(nonce).hexdigest())
 * beacon="2026-11-25 福彩双色球 03 07 12 19 25 31+09"
 * seedtext="onedoor-draw-v1\n"+nonce.hex()+"\n"+beacon+"\n"+ph+"\n"+"2026-SJ-001"+"\n"+"1"
 * seed=hashlib.sha256(seedtext.encode()).digest(); print("seed",seed.hex())
 * key=lambda u: hmac.new(seed,u.encode(),hashlib.sha256).digest()
 * for u in A[:3]: print("key",u,key(u).hex())
 * for n,r,pop in strata:
 *   k=min(len(pop),int((Decimal(r)*len(pop)).to_integral_value(rounding=ROUND_CEILING)))
 *   sel=sorted(pop,key=lambda u:(key(u),u.encode()))[:k]; print("selected",n,k,sel)
 * seed0="onedoor-draw-v1\n"+nonce.hex()+"\n"+""+"\n"+ph+"\n"+"2026-SJ-001"+"\n"+"2"
 * print("seedNoBeaconBatch2",hashlib.sha256(seed0.encode()).hexdigest())
 * </pre>
 */
class DrawAlgorithmV1Test {

  static final List<String> A =
      List.of(
          "91330100MA2007919B", "91330100MA2015838X", "91330100MA2023757G", "91330100MA20316763",
          "91330100MA20395956", "91330100MA20475144", "91330100MA2055433N", "91330100MA20633529",
          "91330100MA2071271U", "91330100MA2079190Y");
  static final List<String> B =
      List.of(
          "92330106MA3104729P", "92330106MA3209458D", "92330106MA3314187J", "92330106MA34189165",
          "92330106MA3523645A", "92330106MA36283740", "92330106MA3733103G");
  static final List<String> C =
      List.of("93330108MA4000001M", "93330108MA4000002Q", "93330108MA4000003U");
  static final List<String> D =
      List.of("91330110MA50000311", "91330110MA50000627", "91330110MA5000093D", "91330110MA5000124Y");

  static final String POPULATION_HASH =
      "972bef796681c11726c59ffe0d604d68a10c4d4d2dfb967c0609270cec701434";
  static final String COMMITMENT =
      "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd";
  static final String SEED = "68a69ecc681d20e231a4ef2076f995987b3b58f3df750d58e7834ac145b6ec2f";
  static final String BEACON = "2026-11-25 福彩双色球 03 07 12 19 25 31+09";
  static final String PLAN = "2026-SJ-001";

  static byte[] nonce() {
    byte[] nonce = new byte[32];
    for (int i = 0; i < 32; i++) {
      nonce[i] = (byte) i;
    }
    return nonce;
  }

  /** The strata in a shuffled order, to show that input order does not matter. */
  static List<DrawAlgorithmV1.StratumInput> strata() {
    return List.of(
        new DrawAlgorithmV1.StratumInput("A", "0.3", shuffled(A)),
        new DrawAlgorithmV1.StratumInput("B", "0.05", shuffled(B)),
        new DrawAlgorithmV1.StratumInput("C", "0", shuffled(C)),
        new DrawAlgorithmV1.StratumInput("D", "1", shuffled(D)));
  }

  static DrawRecord record() {
    return DrawAlgorithmV1.draw(
        DrawAlgorithmV1.freeze(strata()),
        PLAN,
        1,
        nonce(),
        BEACON,
        Instant.parse("2026-11-25T08:00:00Z"));
  }

  private static List<String> shuffled(List<String> in) {
    List<String> out = new ArrayList<>(in);
    Collections.reverse(out);
    Collections.rotate(out, 2);
    return out;
  }

  @Test
  void fixtureUsccsAreValid() {
    for (List<String> s : List.of(A, B, C, D)) {
      assertThat(s).allSatisfy(u -> assertThat(Uscc.isValid(u)).as(u).isTrue());
    }
  }

  @Test
  void populationHashIsOverTheSortedUnionOfAllStrata() {
    List<String> all = new ArrayList<>();
    all.addAll(D);
    all.addAll(B);
    all.addAll(A);
    all.addAll(C);
    assertThat(DrawAlgorithmV1.populationHash(all)).isEqualTo(POPULATION_HASH);
    assertThat(DrawAlgorithmV1.freeze(strata()).populationHash()).isEqualTo(POPULATION_HASH);
  }

  @Test
  void commitmentIsTheHashOfTheNonceBytes() {
    assertThat(DrawAlgorithmV1.commitment(nonce())).isEqualTo(COMMITMENT);
  }

  @Test
  void seedAndKeys() {
    String nonceHex = HexFormat.of().formatHex(nonce());
    byte[] seed = DrawAlgorithmV1.seed(nonceHex, BEACON, POPULATION_HASH, PLAN, 1);
    assertThat(HexFormat.of().formatHex(seed)).isEqualTo(SEED);
    assertThat(DrawAlgorithmV1.key(seed, "91330100MA2007919B"))
        .isEqualTo("1b800a715fec9de514081a8c7ef9edfd6db61c7c8e17b4ca6ba146711688abea");
    assertThat(DrawAlgorithmV1.key(seed, "91330100MA2015838X"))
        .isEqualTo("e8d10a3ebf23d1f4d9990efb7040a3bfa36c20310c02c98991183682bc985b1e");
    assertThat(DrawAlgorithmV1.key(seed, "91330100MA2023757G"))
        .isEqualTo("6b5e8c5bd9205dda4e027daf77b4c23a0266246e3a043db23a96a5b1588f6bae");
    // no beacon (the plan opted out) is the empty string; batch is decimal
    assertThat(
            HexFormat.of()
                .formatHex(DrawAlgorithmV1.seed(nonceHex, null, POPULATION_HASH, PLAN, 2)))
        .isEqualTo("03a3d4affc4a95bc16a1090250bf51ec9c8211c352feb4e7175b028092bf1133");
  }

  @Test
  void drawsTheSmallestKeysPerStratum() {
    DrawRecord r = record();
    assertThat(r.algorithm()).isEqualTo("onedoor-draw-v1");
    assertThat(r.commitment()).isEqualTo(COMMITMENT);
    assertThat(r.nonce()).isEqualTo(HexFormat.of().formatHex(nonce()));
    assertThat(r.populationHash()).isEqualTo(POPULATION_HASH);
    assertThat(r.seed()).isEqualTo(SEED);
    assertThat(r.drawnAt()).isEqualTo("2026-11-25T08:00:00Z");
    assertThat(r.strata()).extracting(DrawRecord.Stratum::name).containsExactly("A", "B", "C", "D");
    assertThat(r.strata()).extracting(DrawRecord.Stratum::ratio).containsExactly("0.3", "0.05", "0", "1");
    // 10 × 0.3 = 3
    assertThat(r.strata().get(0).selected())
        .containsExactly("91330100MA2007919B", "91330100MA20395956", "91330100MA20316763");
    // ceil(7 × 0.05) = ceil(0.35) = 1
    assertThat(r.strata().get(1).selected()).containsExactly("92330106MA34189165");
    assertThat(r.strata().get(2).selected()).isEmpty();
    // ratio 1: everybody, in key order
    assertThat(r.strata().get(3).selected())
        .containsExactly(
            "91330110MA5000093D", "91330110MA50000311", "91330110MA5000124Y", "91330110MA50000627");
    // populations are published sorted
    assertThat(r.strata().get(0).population()).isEqualTo(A);
    assertThat(r.strata().get(1).population()).isEqualTo(B);
  }

  /**
   * onedoor-draw-v2 (issue 15): the same population, the seed text starting with "onedoor-draw-v2"
   * (Python as above with that prefix: seed b515afae…), strata named by their rule rows and carrying them.
   */
  static final String SEED_V2 = "b515afaee7fca400871fa33bb87681e814f1dff0703a5ae5ea983b77986a83b0";

  static DrawRecord.Rule rule(int row, String ratio, int cap) {
    return new DrawRecord.Rule("sampling-ratio", 3, String.format("Ratio_%02d", row), row, ratio, cap);
  }

  static List<DrawAlgorithmV1.StratumInput> strataV2() {
    return List.of(
        new DrawAlgorithmV1.StratumInput("r01", new BigDecimal("0.3"), shuffled(A), rule(1, "0", 1), DrawRecord.FROM_PLAN),
        new DrawAlgorithmV1.StratumInput("r05", new BigDecimal("0.05"), shuffled(B), rule(5, "0.05", 1),
            DrawRecord.FROM_RULE),
        new DrawAlgorithmV1.StratumInput("r07", BigDecimal.ZERO, shuffled(C), rule(7, "0", 1), DrawRecord.FROM_RULE),
        new DrawAlgorithmV1.StratumInput("r21", BigDecimal.ONE, shuffled(D), rule(21, "1", 4), DrawRecord.FROM_RULE));
  }

  static DrawRecord recordV2() {
    return DrawAlgorithmV1.draw(DrawAlgorithmV1.freeze(DrawAlgorithmV1.V2, strataV2()), PLAN, 1, nonce(), BEACON,
        Instant.parse("2026-11-25T08:00:00Z"));
  }

  @Test
  void versionTwoSeedsWithItsNameAndRecordsEachStratumsRuleRow() throws Exception {
    DrawRecord r = recordV2();
    assertThat(r.algorithm()).isEqualTo("onedoor-draw-v2");
    assertThat(r.populationHash()).as("the population hash is unchanged").isEqualTo(POPULATION_HASH);
    assertThat(r.seed()).isEqualTo(SEED_V2);
    assertThat(HexFormat.of().formatHex(DrawAlgorithmV1.seed(DrawAlgorithmV1.V2, HexFormat.of().formatHex(nonce()),
        BEACON, POPULATION_HASH, PLAN, 1))).isEqualTo(SEED_V2);
    assertThat(r.strata()).extracting(DrawRecord.Stratum::name).containsExactly("r01", "r05", "r07", "r21");
    assertThat(r.strata().get(0).selected())
        .containsExactly("91330100MA2071271U", "91330100MA2007919B", "91330100MA2055433N");
    assertThat(r.strata().get(1).selected()).containsExactly("92330106MA3104729P");
    assertThat(r.strata().get(2).selected()).isEmpty();
    assertThat(r.strata().get(3).selected()).containsExactly(
        "91330110MA5000124Y", "91330110MA50000627", "91330110MA50000311", "91330110MA5000093D");
    assertThat(r.strata().get(1).rule()).isEqualTo(rule(5, "0.05", 1));
    assertThat(r.strata().get(0).ratioSource()).isEqualTo("plan");

    String json = new ObjectMapper().writeValueAsString(r);
    assertThat(json).contains("{\"name\":\"r05\",\"ratio\":\"0.05\",\"rule\":{\"decision\":\"sampling-ratio\","
        + "\"version\":3,\"id\":\"Ratio_05\",\"row\":5,\"ratio\":\"0.05\",\"yearlyCap\":1},\"ratioSource\":\"rule\","
        + "\"population\":[");
    assertThat(VerifyDraw.verify(json).line()).isEqualTo("MATCH");
    // a v1 record is written exactly as before: no rule, no ratio source
    assertThat(new ObjectMapper().writeValueAsString(record())).doesNotContain("rule", "ratioSource");
  }

  @Test
  void versionTwoNeedsEveryStratumsRuleRow() {
    assertThatThrownBy(() -> DrawAlgorithmV1.freeze(DrawAlgorithmV1.V2, strata()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rule row");
    assertThatThrownBy(() -> DrawAlgorithmV1.freeze("onedoor-draw-v3", strata()))
        .isInstanceOf(IllegalArgumentException.class);
    // a population frozen before v2 (no algorithm in its stored form) is drawn as v1
    assertThat(new DrawAlgorithmV1.FrozenPopulation(List.of(), POPULATION_HASH).algorithmName())
        .isEqualTo("onedoor-draw-v1");
  }

  @Test
  void drawCountIsExactDecimalCeiling() {
    assertThat(DrawAlgorithmV1.drawCount(new BigDecimal("0.3"), 10)).isEqualTo(3);
    assertThat(DrawAlgorithmV1.drawCount(new BigDecimal("0.05"), 7)).isEqualTo(1);
    assertThat(DrawAlgorithmV1.drawCount(new BigDecimal("0.05"), 20)).isEqualTo(1);
    assertThat(DrawAlgorithmV1.drawCount(new BigDecimal("0.05"), 21)).isEqualTo(2);
    // 0.07 × 100 is exactly 7 in decimal; in binary floating point it is 7.000000000000001 → 8
    assertThat(DrawAlgorithmV1.drawCount(new BigDecimal("0.07"), 100)).isEqualTo(7);
    assertThat(DrawAlgorithmV1.drawCount(new BigDecimal("0.03"), 0)).isZero();
    assertThat(DrawAlgorithmV1.drawCount(BigDecimal.ZERO, 5)).isZero();
    assertThat(DrawAlgorithmV1.drawCount(BigDecimal.ONE, 5)).isEqualTo(5);
  }

  @Test
  void refusesRatiosOutsideZeroToOne() {
    assertThatThrownBy(() -> new DrawAlgorithmV1.StratumInput("X", "1.01", A))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> new DrawAlgorithmV1.StratumInput("X", "-0.1", A))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DrawAlgorithmV1.StratumInput("X", "five percent", A))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAUsccTwiceWithinOrAcrossStrata() {
    assertThatThrownBy(
            () ->
                DrawAlgorithmV1.freeze(
                    List.of(
                        new DrawAlgorithmV1.StratumInput("A", "0.3", A),
                        new DrawAlgorithmV1.StratumInput("B", "0.3", List.of(A.get(4))))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(A.get(4));
    assertThatThrownBy(
            () ->
                DrawAlgorithmV1.freeze(
                    List.of(
                        new DrawAlgorithmV1.StratumInput(
                            "A", "0.3", List.of(A.get(0), A.get(1), A.get(0))))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesABadNonceOrBatch() {
    DrawAlgorithmV1.FrozenPopulation p = DrawAlgorithmV1.freeze(strata());
    assertThatThrownBy(() -> DrawAlgorithmV1.draw(p, PLAN, 1, new byte[16], null, TestClock.now()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DrawAlgorithmV1.draw(p, PLAN, 0, nonce(), null, TestClock.now()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void newNoncesAreThirtyTwoFreshBytes() {
    byte[] a = DrawAlgorithmV1.newNonce();
    byte[] b = DrawAlgorithmV1.newNonce();
    assertThat(a).hasSize(32);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void largeStrataGiveTheSameResultAsTheVerifiersPlainCode() {
    // above the parallel threshold: the parallel path must agree with the single-threaded verifier
    List<String> big = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      String first17 = String.format("91330100MA%07d", i);
      big.add(first17 + Uscc.checkCharacter(first17));
    }
    DrawRecord r =
        DrawAlgorithmV1.draw(
            DrawAlgorithmV1.freeze(List.of(new DrawAlgorithmV1.StratumInput("big", "0.1", big))),
            PLAN,
            3,
            nonce(),
            "",
            Instant.EPOCH);
    assertThat(r.strata().get(0).selected()).hasSize(3_000);
    assertThat(VerifyDraw.verify(toJson(r)).match()).isTrue();
  }

  @Test
  void equalKeyPrefixesAreOrderedByTheFullKey() {
    // the sort packs the key's first bits with the index; forcing nearly all of the 64 bits to be
    // the index makes most prefixes collide, and the order must still be the full key order
    byte[] seed = HexFormat.of().parseHex(SEED);
    List<String> population = new ArrayList<>(A);
    population.addAll(B);
    population.addAll(D);
    List<String> plain = DrawAlgorithmV1.smallestKeys(seed, population, population.size(), false, 0);
    List<String> byHand = new ArrayList<>(population);
    byHand.sort((a, b) -> DrawAlgorithmV1.key(seed, a).compareTo(DrawAlgorithmV1.key(seed, b)));
    assertThat(plain).isEqualTo(byHand);
    for (int shift : new int[] {58, 61, 62, 63}) {
      assertThat(DrawAlgorithmV1.smallestKeys(seed, population, population.size(), false, shift))
          .as("shift " + shift)
          .isEqualTo(byHand);
      assertThat(DrawAlgorithmV1.smallestKeys(seed, population, 5, false, shift))
          .isEqualTo(byHand.subList(0, 5));
    }
  }

  @Test
  void bucketedSelectionEqualsAFullSortOfTheHexKeys() {
    byte[] seed = HexFormat.of().parseHex(SEED);
    for (int n : new int[] {1, 2, 3, 17, 2_000}) {
      List<String> population = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String first17 = String.format("92330000MA%07d", i * 13);
        population.add(first17 + Uscc.checkCharacter(first17));
      }
      List<String> byHand = new ArrayList<>(population);
      byHand.sort((a, b) -> DrawAlgorithmV1.key(seed, a).compareTo(DrawAlgorithmV1.key(seed, b)));
      for (int count : new int[] {1, n / 3, n - 1, n}) {
        for (int shift : new int[] {0, 40, 60}) {
          if (count > 0) {
            assertThat(DrawAlgorithmV1.smallestKeys(seed, population, count, false, shift))
                .as("n %d count %d shift %d", n, count, shift)
                .isEqualTo(byHand.subList(0, count));
          }
        }
      }
    }
  }

  @Test
  void serialisesToThePublishedJsonAndHidesTheNonceBeforeTheDraw() throws Exception {
    DrawRecord r = record();
    ObjectMapper mapper = new ObjectMapper();
    JsonNode json = mapper.readTree(mapper.writeValueAsString(r));
    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "algorithm", "planNumber", "batch", "commitment", "nonce", "beacon", "populationHash",
            "seed", "strata", "drawnAt");
    assertThat(json.get("batch").isInt()).isTrue();
    assertThat(json.get("strata").get(1).get("ratio").isTextual()).isTrue();
    assertThat(json.get("strata").get(1).get("ratio").asText()).isEqualTo("0.05");
    assertThat(mapper.readValue(mapper.writeValueAsString(r), DrawRecord.class)).isEqualTo(r);

    String before = mapper.writeValueAsString(r.beforeDraw());
    assertThat(before).contains(COMMITMENT).doesNotContain(r.nonce()).doesNotContain("nonce");
    // new commitments name the version new batches are drawn with; the commitment itself is the same
    assertThat(DrawRecord.Commitment.of(PLAN, 1, nonce())).isEqualTo(recordV2().beforeDraw());
    assertThat(DrawRecord.Commitment.of(PLAN, 1, nonce()).commitment()).isEqualTo(r.beforeDraw().commitment());
  }

  static String toJson(DrawRecord r) {
    try {
      return new ObjectMapper().writeValueAsString(r);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
