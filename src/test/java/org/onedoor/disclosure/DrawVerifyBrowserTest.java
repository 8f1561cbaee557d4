package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.onedoor.BrowserExtension;
import org.onedoor.ChineseBrowser;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.catalog.CatalogService;
import org.onedoor.draw.DrawAlgorithmV1;
import org.onedoor.draw.DrawService;
import org.onedoor.plan.PlanService;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 核验本次抽取 in headless Chromium: a real drawn plan verifies (一致) at 1280 and 360 px; a saved copy
 * of the page with one USCC changed in its embedded record, opened from a file with no server,
 * names the first difference; and the page's JavaScript computes the same commitment, population
 * hash, seed, keys and counts as DrawAlgorithmV1 for a fixed vector. Screenshots in
 * target/screenshots (draw-verify-*.png).
 */
@OnedoorSpringTest
class DrawVerifyBrowserTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired PlanService plans;
  @Autowired DrawService draws;
  @TempDir Path dir;
  final ObjectMapper json = new ObjectMapper();
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(1280, 1000);
  final WebDriver browser = chromium.driver();
  final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
  DrawPageFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new DrawPageFixture(jdbc, catalog, plans, draws);
  }

  @Test
  void aPublishedDrawVerifiesAndATamperedSavedCopyNamesTheFirstDifference() throws Exception {
    String id = fixture.drawn("2026-12-01 福彩3D 第2026321期 开奖号码 5 8 2");
    browser.get("http://localhost:" + port + "/public/draws/" + id);
    assertThat(browser.getTitle()).startsWith("抽取记录 " + id);
    assertThat(browser.findElement(By.id("needs-script")).isDisplayed()).as("JavaScript is on").isFalse();
    assertThat(verify()).startsWith("一致");
    ChineseBrowser.screenshot(browser, "draw-verify-1280");

    browser.manage().window().setSize(new Dimension(360, 780));
    browser.navigate().refresh();
    js().executeScript("window.scrollTo(0, 0);");
    ChineseBrowser.screenshot(browser, "draw-page-360-top");
    assertThat(verify()).startsWith("一致");
    assertThat(((Number) js().executeScript("return document.documentElement.scrollWidth;")).intValue())
        .as("nothing is wider than a 360 px screen").isLessThanOrEqualTo(360);
    ChineseBrowser.screenshot(browser, "draw-verify-360");

    // a saved copy of the page, with the 5th selected entity of the second stratum drawing five or more
    // (class B, v2 stratum r07: the rule row of class B at medium risk) changed in the embedded record
    String source = new TestHttp(port).get("/public/draws/" + id, null).body();
    JsonNode record = json.readTree(DrawPageTest.embedded(source));
    int index = 0;
    for (int seen = 0, i = 0; i < record.get("strata").size(); i++) {
      if (record.get("strata").get(i).get("selected").size() >= 5 && ++seen == 2) {
        index = i;
        break;
      }
    }
    JsonNode stratum = record.get("strata").get(index);
    String name = stratum.get("name").asText();
    String recorded = stratum.get("selected").get(4).asText();
    String notSelected = null;
    for (JsonNode u : stratum.get("population")) {
      if (!stratum.get("selected").toString().contains(u.asText())) {
        notSelected = u.asText();
        break;
      }
    }
    int selectedAt = source.indexOf("\"selected\"", source.indexOf("\"name\":\"" + name + "\""));
    int victim = source.indexOf(recorded, selectedAt);
    String tampered = source.substring(0, victim) + notSelected + source.substring(victim + recorded.length());
    Path saved = Files.writeString(dir.resolve("draw-" + id + ".html"), tampered, StandardCharsets.UTF_8);

    browser.get(saved.toUri().toString());
    assertThat(name).isEqualTo("r07");
    assertThat(verify()).isEqualTo("不一致：第 " + (index + 1) + " 层 “" + name + "” 的第 5 个抽中对象不一致：记录为 " + notSelected
        + "，重算为 " + recorded);
    ChineseBrowser.screenshot(browser, "draw-verify-tampered-360");
    browser.manage().window().setSize(new Dimension(1280, 1000));
    ChineseBrowser.screenshot(browser, "draw-verify-tampered-1280");
  }

  @Test
  void theBrowserComputesTheSameCommitmentHashSeedKeysAndCountsAsDrawAlgorithmV1() throws Exception {
    String id = fixture.drawn(null);
    browser.get("http://localhost:" + port + "/public/draws/" + id);
    wait.until(d -> d.findElement(By.id("verify")).isDisplayed());

    byte[] nonce = new byte[32];
    for (int i = 0; i < nonce.length; i++) {
      nonce[i] = (byte) (i * 7 + 3);
    }
    String nonceHex = HexFormat.of().formatHex(nonce);
    // ASCII, Chinese and a character outside the BMP: UTF-8 byte order is not UTF-16 order there
    List<String> population = List.of("91330100MA2X000001", "91110000100000000A", "测试企业", "\uFF21", "\uD835\uDFD8x",
        "12345678901234567X");
    String beacon = "2026-12-01 福彩3D 开奖号码 5 8 2";
    String populationHash = DrawAlgorithmV1.populationHash(population);
    byte[] seed = DrawAlgorithmV1.seed(nonceHex, beacon, populationHash, "SJ-2026-001", 2);
    String seedHex = HexFormat.of().formatHex(seed);

    assertThat(inBrowser("onedoorDrawV1.commitment(arguments[0])", nonceHex))
        .isEqualTo(DrawAlgorithmV1.commitment(nonce));
    assertThat(inBrowser("onedoorDrawV1.populationHash(arguments[0])", population)).isEqualTo(populationHash);
    assertThat(inBrowser("onedoorDrawV1.seedHex(arguments[0], arguments[1], arguments[2], 'SJ-2026-001', 2)",
        nonceHex, beacon, populationHash)).isEqualTo(seedHex);
    assertThat(inBrowser("onedoorDrawV1.seedHex(arguments[0], null, arguments[1], 'SJ-2026-001', 1)",
        nonceHex, populationHash))
        .isEqualTo(HexFormat.of().formatHex(DrawAlgorithmV1.seed(nonceHex, null, populationHash, "SJ-2026-001", 1)));
    // onedoor-draw-v2 (issue 15): the seed text starts with its own name
    assertThat(inBrowser("onedoorDrawV1.seedHex(arguments[0], arguments[1], arguments[2], 'SJ-2026-001', 2, "
        + "'onedoor-draw-v2')", nonceHex, beacon, populationHash)).isEqualTo(HexFormat.of().formatHex(
            DrawAlgorithmV1.seed(DrawAlgorithmV1.V2, nonceHex, beacon, populationHash, "SJ-2026-001", 2)));
    for (String uscc : population) {
      assertThat(inBrowser("onedoorDrawV1.keyHex(arguments[0], arguments[1])", seedHex, uscc))
          .as("key of %s", uscc).isEqualTo(DrawAlgorithmV1.key(seed, uscc));
    }
    // exact decimals: in binary floating point 0.07 × 100 and 0.55 × 20 round up one too many
    Map<String, Integer> sizes = Map.of("0.07", 100, "0.55", 20, "0.03", 73000, "0.3333", 3, "1", 9, "0", 5,
        "0.05", 0, "1E-1", 25, "0.000001", 1);
    sizes.forEach((ratio, size) -> assertThat(
            ((Number) js().executeScript("return onedoorDrawV1.drawCount(arguments[0], arguments[1]);", ratio, size))
                .intValue())
        .as("ceil(%s × %d)", ratio, size).isEqualTo(DrawAlgorithmV1.drawCount(new BigDecimal(ratio), size)));
    assertThat(js().executeScript("return onedoorDrawV1.drawCount('1.5', 4);")).isNull();
  }

  /** Presses 核验本次抽取 and returns the outcome once the computation has finished. */
  private String verify() {
    wait.until(d -> d.findElement(By.id("verify")).isDisplayed());
    browser.findElement(By.id("verify")).click();
    wait.until(d -> {
      String cls = d.findElement(By.id("verify-result")).getAttribute("class");
      return cls.contains("match") || cls.contains("error");
    });
    return browser.findElement(By.id("verify-result")).getText();
  }

  private Object inBrowser(String promise, Object... args) {
    Object[] all = new Object[args.length];
    System.arraycopy(args, 0, all, 0, args.length);
    // the expression names its inputs arguments[i]; inside the callback those are the outer ones
    String script = "var args = arguments; var done = args[args.length - 1];"
        + "Promise.resolve().then(function () { return " + promise.replace("arguments[", "args[") + "; })"
        + ".then(done, function (e) { done('ERROR ' + e); });";
    return js().executeAsyncScript(script, all);
  }

  private JavascriptExecutor js() {
    return (JavascriptExecutor) browser;
  }
}
