package org.onedoor.disclosure;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.onedoor.ChineseBrowser;
import org.onedoor.TestClock;
import org.onedoor.directory.Uscc;
import org.onedoor.draw.DrawAlgorithmV1;
import org.onedoor.draw.DrawAlgorithmV1.StratumInput;
import org.onedoor.draw.DrawRecord;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How long 核验本次抽取 takes in headless Chromium for a city-sized record: a draw of N entities
 * (default 73,000) in 4 strata (ratios 0.03/0.1/0.3/0.8) rendered by DrawPageHtml into a file and
 * verified from file://, against the JDK verifier on the same record. No server, no database.
 *
 * <pre>./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) org.onedoor.disclosure.DrawVerifyBrowserBenchmark 73000</pre>
 */
public final class DrawVerifyBrowserBenchmark {

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 73_000;
    String[] ratios = {"0.03", "0.1", "0.3", "0.8"};
    List<List<String>> strata = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      strata.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      String body = String.format("91330100MA%07d", i);
      strata.get(i % 4).add(body + Uscc.checkCharacter(body));
    }
    List<StratumInput> inputs = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      inputs.add(new StratumInput(String.valueOf("ABCD".charAt(s)), ratios[s], strata.get(s)));
    }
    DrawRecord record = DrawAlgorithmV1.draw(DrawAlgorithmV1.freeze(inputs), "BENCH-2026-001", 1,
        DrawAlgorithmV1.newNonce(), "2026-12-01 福彩3D 开奖号码 5 8 2", TestClock.now());
    ObjectMapper json = new ObjectMapper();
    String recordJson = json.writeValueAsString(record);
    long jdk = System.nanoTime();
    String jdkResult = org.onedoor.draw.VerifyDraw.verify(recordJson).line();
    jdk = System.nanoTime() - jdk;

    String html = new DrawPageHtml(gg.jte.TemplateEngine.createPrecompiled(gg.jte.ContentType.Html), ZoneId.of("Asia/Shanghai")).render(
        new DrawPublicRecords.DrawView("BENCH-2026-001-b1", "BENCH-2026-001", 1, recordJson, json.readTree(recordJson)));
    Path page = Files.createTempFile("draw-bench-", ".html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    WebDriver browser = ChineseBrowser.startOrSkip(1280, 1000);
    try {
      browser.get(page.toUri().toString());
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(5));
      long runs = 3;
      for (int run = 1; run <= runs; run++) {
        long start = System.nanoTime();
        browser.findElement(By.id("verify")).click();
        wait.until(d -> d.findElement(By.id("verify-result")).getAttribute("class").matches(".*\\b(match|mismatch|error)\\b.*"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        String text = browser.findElement(By.id("verify-result")).getText();
        System.out.printf("browser run %d: %d entities, page %.1f MB, %d ms: %s%n", run, n, html.length() / 1e6 * 1.0,
            ms, text.substring(0, Math.min(2, text.length())));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
            "document.getElementById('verify-result').className = 'verify-result';");
      }
      System.out.printf("JDK VerifyDraw (cold JVM, one run): %d ms: %s%n", jdk / 1_000_000, jdkResult);
    } finally {
      browser.quit();
      Files.deleteIfExists(page);
    }
  }
}
