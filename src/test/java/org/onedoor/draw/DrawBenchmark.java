package org.onedoor.draw;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import org.onedoor.TestClock;
import org.onedoor.directory.Uscc;

/**
 * Issue 4's benchmark: the in-memory draw of 1,000,000 entities in 4 strata against computing the
 * same 1,000,000 HMACs alone, measured in one run after warm-up. Goal: at most 1.5× and under 2 s.
 * Not a unit test (nothing asserts a time); run it with
 *
 * <pre>./mvnw -q -o test-compile &amp;&amp; java -cp target/classes:target/test-classes org.onedoor.draw.DrawBenchmark</pre>
 *
 * <p>or, through Maven (the plugin version is given because the POM does not declare it):
 *
 * <pre>./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test -Dexec.mainClass=org.onedoor.draw.DrawBenchmark</pre>
 *
 * <p>Both sides use the same HMAC code (one {@link Mac} per thread, no allocation per entity), and
 * each is measured once on one thread and once on all cores, so the ratios compare like with
 * like. Freezing the population (sorting it and hashing it) happens at an earlier step of the plan
 * process, before the beacon is known, and is timed separately.
 */
public final class DrawBenchmark {

  static final int N = 1_000_000;
  static final String[] NAMES = {"A", "B", "C", "D"};
  static final String[] RATIOS = {"0.03", "0.1", "0.3", "0.8"};
  static final int[] SIZES = {100_000, 400_000, 300_000, 200_000};
  static final int WARM_UP = 3;
  static final int RUNS = 7;

  public static void main(String[] args) {
    List<List<String>> strata = population();
    List<DrawAlgorithmV1.StratumInput> input = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      input.add(new DrawAlgorithmV1.StratumInput(NAMES[s], RATIOS[s], strata.get(s)));
    }
    byte[] nonce = DrawAlgorithmV1.newNonce();
    DrawAlgorithmV1.FrozenPopulation frozen = DrawAlgorithmV1.freeze(input);
    byte[] seed =
        DrawAlgorithmV1.seed(
            java.util.HexFormat.of().formatHex(nonce), "beacon", frozen.populationHash(), "BENCH", 1);
    List<List<String>> sorted = frozen.strata().stream().map(DrawAlgorithmV1.FrozenStratum::population).toList();

    System.out.printf(
        "onedoor-draw-v1 benchmark: %,d entities in 4 strata (ratios %s), %d cores, %s%n",
        N, String.join("/", RATIOS), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));

    double[] freeze = new double[RUNS];
    double[] hmac1 = new double[RUNS];
    double[] draw1 = new double[RUNS];
    double[] hmacN = new double[RUNS];
    double[] drawN = new double[RUNS];
    int drawn = 0;
    for (int r = -WARM_UP; r < RUNS; r++) {
      long t0 = System.nanoTime();
      DrawAlgorithmV1.freeze(input);
      long t1 = System.nanoTime();
      hmacAlone(seed, sorted, false);
      long t2 = System.nanoTime();
      DrawRecord one = DrawAlgorithmV1.draw(frozen, "BENCH", 1, nonce, "beacon", TestClock.now(), false);
      long t3 = System.nanoTime();
      hmacAlone(seed, sorted, true);
      long t4 = System.nanoTime();
      DrawRecord all = DrawAlgorithmV1.draw(frozen, "BENCH", 1, nonce, "beacon", TestClock.now(), true);
      long t5 = System.nanoTime();
      if (!one.strata().equals(all.strata())) {
        throw new IllegalStateException("parallel and sequential draws differ");
      }
      drawn = all.strata().stream().mapToInt(s -> s.selected().size()).sum();
      if (r >= 0) {
        freeze[r] = ms(t1 - t0);
        hmac1[r] = ms(t2 - t1);
        draw1[r] = ms(t3 - t2);
        hmacN[r] = ms(t4 - t3);
        drawN[r] = ms(t5 - t4);
      }
    }
    System.out.printf("drawn: %,d of %,d; %d runs after %d warm-up runs; median (min) ms%n", drawn, N, RUNS, WARM_UP);
    System.out.printf("  freeze population (sort + hash, before the beacon): %s%n", fmt(freeze));
    System.out.printf("  one thread:  HMACs alone %s  draw %s  ratio %.2f×%n", fmt(hmac1), fmt(draw1), median(draw1) / median(hmac1));
    System.out.printf("  all cores:   HMACs alone %s  draw %s  ratio %.2f×%n", fmt(hmacN), fmt(drawN), median(drawN) / median(hmacN));
    System.out.printf(
        "  goal: draw ≤ 1.5× HMACs and < 2000 ms: %s%n",
        median(drawN) / median(hmacN) <= 1.5 && median(draw1) / median(hmac1) <= 1.5 && median(drawN) < 2000
            ? "met"
            : "NOT met");
  }

  /** The same HMAC-SHA256 of every USCC, and nothing else. */
  static void hmacAlone(byte[] seed, List<List<String>> strata, boolean parallel) {
    for (List<String> stratum : strata) {
      int n = stratum.size();
      int chunk = 8_192;
      long[] sink = new long[(n + chunk - 1) / chunk];
      IntStream range = IntStream.range(0, sink.length);
      if (parallel) {
        range = range.parallel();
      }
      range.forEach(
          c -> {
            Mac mac = DrawAlgorithmV1.newMac(seed);
            byte[] out = new byte[32];
            byte[] buf = new byte[64];
            long x = 0;
            for (int i = c * chunk, end = Math.min(n, i + chunk); i < end; i++) {
              DrawAlgorithmV1.hmac(mac, stratum.get(i), buf, out);
              x += out[0];
            }
            sink[c] = x;
          });
      if (Arrays.stream(sink).sum() == Long.MIN_VALUE) {
        System.out.print("");
      }
    }
  }

  /** 1,000,000 distinct valid USCCs of the form 9133010 + 10 digits + check character. */
  static List<List<String>> population() {
    List<List<String>> strata = new ArrayList<>();
    int next = 0;
    for (int size : SIZES) {
      List<String> s = new ArrayList<>(size);
      for (int i = 0; i < size; i++, next++) {
        // spread over the number space so that strata interleave in the sorted union
        long id = (next * 7_919L) % 10_000_000_000L;
        String first17 = String.format("9133010%010d", id);
        s.add(first17 + Uscc.checkCharacter(first17));
      }
      strata.add(s);
    }
    return strata;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }

  private static String fmt(double[] values) {
    return String.format("%7.1f (%6.1f)", median(values), Arrays.stream(values).min().orElse(0));
  }
}
