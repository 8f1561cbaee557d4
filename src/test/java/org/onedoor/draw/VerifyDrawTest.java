package org.onedoor.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyDrawTest {

  private final DrawRecord record = DrawAlgorithmV1Test.record();
  private final String json = DrawAlgorithmV1Test.toJson(record);

  @Test
  void aRecordFromTheAlgorithmMatches() {
    assertThat(VerifyDraw.verify(json)).isEqualTo(new VerifyDraw.Result(true, null));
    assertThat(VerifyDraw.verify(json).line()).isEqualTo("MATCH");
  }

  @Test
  void aDrawWithoutBeaconMatches() {
    DrawRecord r =
        DrawAlgorithmV1.draw(
            DrawAlgorithmV1.freeze(DrawAlgorithmV1Test.strata()),
            "2026-SJ-002",
            2,
            DrawAlgorithmV1Test.nonce(),
            null,
            java.time.Instant.EPOCH);
    String j = DrawAlgorithmV1Test.toJson(r);
    assertThat(j).contains("\"beacon\":null");
    assertThat(VerifyDraw.verify(j).match()).isTrue();
  }

  @Test
  void oneUsccChangedInAPopulationIsAPopulationHashMismatch() {
    // the last USCC of stratum A, changed in its check character: still sorted
    String tampered = json.replace("91330100MA2079190Y\"]", "91330100MA2079190X\"]");
    assertThat(tampered).isNotEqualTo(json);
    VerifyDraw.Result r = VerifyDraw.verify(tampered);
    assertThat(r.match()).isFalse();
    assertThat(r.line()).startsWith("MISMATCH: populationHash: record says " + record.populationHash());
  }

  @Test
  void aSwappedSelectionNamesTheStratumAndIndex() {
    // stratum D draws everybody; swap its selected[1] and selected[2]
    String selected =
        "\"selected\":[\"91330110MA5000093D\",\"91330110MA50000311\",\"91330110MA5000124Y\",\"91330110MA50000627\"]";
    assertThat(json).contains(selected);
    String tampered =
        json.replace(
            selected,
            "\"selected\":[\"91330110MA5000093D\",\"91330110MA5000124Y\",\"91330110MA50000311\",\"91330110MA50000627\"]");
    assertThat(VerifyDraw.verify(tampered).line())
        .isEqualTo(
            "MISMATCH: stratum D: selected[1] is 91330110MA5000124Y, recomputed 91330110MA50000311");

    // stratum A: another member of the population instead of the drawn one
    String tamperedA = json.replace("\"91330100MA20316763\"]", "\"91330100MA2055433N\"]");
    assertThat(VerifyDraw.verify(tamperedA).line())
        .isEqualTo(
            "MISMATCH: stratum A: selected[2] is 91330100MA2055433N, recomputed 91330100MA20316763");
  }

  @Test
  void aWrongNonceIsACommitmentMismatch() {
    String other = "ff" + record.nonce().substring(2);
    VerifyDraw.Result r = VerifyDraw.verify(json.replace(record.nonce(), other));
    assertThat(r.line()).startsWith("MISMATCH: commitment: record says " + record.commitment());
  }

  @Test
  void otherDifferences() {
    assertThat(VerifyDraw.verify(json.replace("2026-SJ-001", "2026-SJ-009")).line())
        .startsWith("MISMATCH: seed: record says " + record.seed());
    assertThat(VerifyDraw.verify(json.replace("福彩", "体彩")).line()).startsWith("MISMATCH: seed:");
    assertThat(VerifyDraw.verify(json.replace("\"batch\":1", "\"batch\":2")).line())
        .startsWith("MISMATCH: seed:");
    assertThat(VerifyDraw.verify(json.replace("onedoor-draw-v1", "onedoor-draw-v9")).line())
        .startsWith("MISMATCH: algorithm");
    // a v1 record relabelled v2 lacks the rule rows v2 requires
    assertThatThrownBy(() -> VerifyDraw.verify(json.replace("onedoor-draw-v1", "onedoor-draw-v2")))
        .isInstanceOf(VerifyDraw.UnreadableException.class).hasMessageContaining("rule");
    // one more drawn than the ratio allows
    assertThat(VerifyDraw.verify(json.replace("\"ratio\":\"0.05\"", "\"ratio\":\"0.3\"")).line())
        .isEqualTo("MISMATCH: stratum B: selected has 1 USCCs, ceil(0.3 × 7) = 3");
    assertThat(VerifyDraw.verify(json.replace("\"ratio\":\"0.05\"", "\"ratio\":\"1.5\"")).line())
        .isEqualTo("MISMATCH: stratum B: ratio 1.5 is outside [0, 1]");
  }

  @Test
  void anUnsortedPopulationIsAMismatchEvenWithTheRightHash() {
    // moving a USCC from stratum A to stratum B keeps the union, so the hash, but B is no longer sorted
    String tampered =
        json.replace("\"91330100MA2071271U\",", "")
            .replace("\"population\":[\"92330106MA3104729P\"", "\"population\":[\"92330106MA3104729P\",\"91330100MA2071271U\"");
    assertThat(VerifyDraw.verify(tampered).line())
        .startsWith("MISMATCH: stratum B: population[1] 91330100MA2071271U does not come after");
  }

  @Test
  void readsEscapesAndWhitespace() {
    String pretty =
        json.replace(",", " ,\n  ")
            .replace("福", "\\u798f")
            .replace("-SJ-", "\\u002DSJ-");
    assertThat(VerifyDraw.verify(pretty).match()).isTrue();
  }

  /** onedoor-draw-v2 (issue 15): v1's arithmetic, its own seed, and every stratum's rule row checked. */
  @Test
  void aVersionTwoRecordMatchesAndItsRuleRowsAreChecked() {
    String v2 = DrawAlgorithmV1Test.toJson(DrawAlgorithmV1Test.recordV2());
    assertThat(VerifyDraw.verify(v2).line()).isEqualTo("MATCH");
    // the same record under v1's name: another seed
    assertThat(VerifyDraw.verify(v2.replace("onedoor-draw-v2", "onedoor-draw-v1")).line()).startsWith("MISMATCH: seed:");
    // ratioSource "rule" but the row says another ratio
    assertThat(VerifyDraw.verify(v2.replace("\"id\":\"Ratio_05\",\"row\":5,\"ratio\":\"0.05\"",
        "\"id\":\"Ratio_05\",\"row\":5,\"ratio\":\"0.1\"")).line())
        .isEqualTo("MISMATCH: stratum r05: ratio 0.05 is not the rule's 0.1 (ratioSource rule)");
    // "floor" must be above the row's ratio
    assertThat(VerifyDraw.verify(v2.replace("\"ratioSource\":\"plan\"", "\"ratioSource\":\"floor\"")).line())
        .isEqualTo("MATCH");
    assertThat(VerifyDraw.verify(v2.replace("\"ratio\":\"0.05\",\"yearlyCap\":1},\"ratioSource\":\"rule\"",
        "\"ratio\":\"0.05\",\"yearlyCap\":1},\"ratioSource\":\"floor\"")).line())
        .isEqualTo("MISMATCH: stratum r05: ratio 0.05 is not above the rule's 0.05 (ratioSource floor)");
    assertThat(VerifyDraw.verify(v2.replace("\"ratioSource\":\"plan\"", "\"ratioSource\":\"guess\"")).line())
        .isEqualTo("MISMATCH: stratum r01: ratioSource \"guess\" is none of rule, plan, floor");
    assertThat(VerifyDraw.verify(v2.replace("\"row\":5,", "\"row\":0,")).line())
        .startsWith("MISMATCH: stratum r05: rule version and row");
    assertThat(VerifyDraw.verify(v2.replace("\"name\":\"r07\"", "\"name\":\"r05\"")).line())
        .isEqualTo("MISMATCH: stratum name r05 is used twice");
    assertThatThrownBy(() -> VerifyDraw.verify(v2.replace("\"yearlyCap\"", "\"cap\"")))
        .isInstanceOf(VerifyDraw.UnreadableException.class).hasMessageContaining("yearlyCap");
  }

  @Test
  void garbageIsUnreadable() {
    assertThatThrownBy(() -> VerifyDraw.verify("{\"algorithm\":")).isInstanceOf(VerifyDraw.UnreadableException.class);
    assertThatThrownBy(() -> VerifyDraw.verify("[]")).isInstanceOf(VerifyDraw.UnreadableException.class);
    assertThatThrownBy(() -> VerifyDraw.verify(json.replace("\"seed\"", "\"sead\"")))
        .isInstanceOf(VerifyDraw.UnreadableException.class)
        .hasMessageContaining("seed");
    assertThatThrownBy(() -> VerifyDraw.verify(json + " x")).isInstanceOf(VerifyDraw.UnreadableException.class);
    // a repeated field could be read two ways
    assertThatThrownBy(() -> VerifyDraw.verify(json.replaceFirst("\\{", "{\"seed\":\"0\",")))
        .isInstanceOf(VerifyDraw.UnreadableException.class)
        .hasMessageContaining("repeated");
  }

  @Test
  void runsAsASingleFileWithNothingButTheJdk(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("draw.json");
    Files.writeString(good, json, StandardCharsets.UTF_8);
    Path bad = dir.resolve("tampered.json");
    Files.writeString(
        bad, json.replace("91330100MA2079190Y\"]", "91330100MA2079190X\"]"), StandardCharsets.UTF_8);
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{", StandardCharsets.UTF_8);

    assertThat(launch(good)).isEqualTo(new Run(0, "MATCH"));
    Run mismatch = launch(bad);
    assertThat(mismatch.exit()).isEqualTo(1);
    assertThat(mismatch.out()).startsWith("MISMATCH: populationHash");
    Run unreadable = launch(broken);
    assertThat(unreadable.exit()).isEqualTo(2);
    assertThat(unreadable.out()).startsWith("UNREADABLE");
    assertThat(launch(dir.resolve("missing.json")).exit()).isEqualTo(2);
  }

  record Run(int exit, String out) {}

  /** {@code java src/main/java/org/onedoor/draw/VerifyDraw.java <file>}, from the project root. */
  private static Run launch(Path file) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Dfile.encoding=UTF-8"));
    command.add("src/main/java/org/onedoor/draw/VerifyDraw.java");
    command.add(file.toString());
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(Path.of("").toAbsolutePath().toFile())
            .redirectErrorStream(true);
    pb.environment().remove("CLASSPATH");
    Process p = pb.start();
    // nothing from the project on the class path: the launcher compiles the one file alone
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }
}
