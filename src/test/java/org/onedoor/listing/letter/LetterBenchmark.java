package org.onedoor.listing.letter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.onedoor.listing.ListingDecided;
import org.onedoor.listing.ListingDecided.Kind;

/**
 * Letters rendered per second (wording, layout, font subsetting, saving, SHA-256; no database),
 * on one thread and on all cores, after a warm-up. Not a unit test (nothing asserts a time); run it
 * with
 *
 * <pre>./mvnw -q -o test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test -Dexec.mainClass=org.onedoor.listing.letter.LetterBenchmark</pre>
 */
public final class LetterBenchmark {

  static final int WARM_UP = 200;
  static final int LETTERS = 1000;
  static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    LetterFont font = new LetterFont();
    LetterRenderer renderer = new LetterRenderer(font);
    run(renderer, font, WARM_UP, 1);
    int cores = Runtime.getRuntime().availableProcessors();
    for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
      long start = System.nanoTime();
      long bytes = run(renderer, font, LETTERS, threads);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%d letters on %d thread(s): %.2f s, %.0f letters/s, %.1f KB per letter%n",
          LETTERS, threads, seconds, LETTERS / seconds, bytes / 1024.0 / LETTERS);
    }
    // CPU time per letter on this thread: a figure a busy machine does not distort
    long cpuStart = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < LETTERS; i++) {
      ListingDecided d = LetterSamples.decision(Kind.values()[i % 5], i, "基准〔2026〕" + i + "号");
      DecisionLetters.sha256(renderer.render(LetterWording.compose(d, new LetterProperties(null, null), font::covers), d.at()));
    }
    double cpuMs = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e6 / LETTERS;
    System.out.printf("CPU time per letter: %.1f ms (%.0f letters per CPU-second)%n", cpuMs, 1000 / cpuMs);
  }

  /** Renders {@code n} letters of every kind in turn; answers the bytes produced. */
  static long run(LetterRenderer renderer, LetterFont font, int n, int threads) throws Exception {
    LetterProperties settings = new LetterProperties(null, null);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        parts.add(
            pool.submit(
                () -> {
                  long bytes = 0;
                  for (int i = first; i < n; i += threads) {
                    Kind kind = Kind.values()[i % Kind.values().length];
                    ListingDecided d = LetterSamples.decision(kind, i, "基准〔2026〕" + i + "号");
                    byte[] pdf = renderer.render(LetterWording.compose(d, settings, font::covers), d.at());
                    DecisionLetters.sha256(pdf);
                    bytes += pdf.length;
                  }
                  return bytes;
                }));
      }
      long total = 0;
      for (Future<Long> part : parts) {
        total += part.get();
      }
      return total;
    } finally {
      pool.shutdown();
    }
  }
}
