package org.onedoor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.HasCdp;

/**
 * Debian's headless Chromium as a Chinese user in Shanghai would have it (navigator.language
 * zh-CN), driven through Debian's chromedriver. Where either is missing the calling test is
 * skipped, and says so on stderr: never silently.
 */
public final class ChineseBrowser {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path SCREENSHOTS = Path.of("target/screenshots");

  private ChineseBrowser() {}

  public static WebDriver startOrSkip(int width, int height) throws IOException {
    return startOrSkip(CHROMIUM, CHROMEDRIVER, width, height);
  }

  /** With other binaries: BrowserExtensionTest points it at a missing one to see the skip. */
  static WebDriver startOrSkip(Path chromium, Path chromedriver, int width, int height) throws IOException {
    boolean installed = Files.isExecutable(chromium) && Files.isExecutable(chromedriver);
    if (!installed) {
      System.err.println("BROWSER TESTS SKIPPED: " + chromium + " or " + chromedriver
          + " is missing (apt-get install chromium chromium-driver fonts-noto-cjk)");
    }
    Assumptions.assumeTrue(installed, "browser tests need Debian's chromium and chromium-driver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
        // a tab a test switched to (a link with target _blank) is not "visible" to Chromium's
        // scheduler: without these, a loaded machine throttles it and a screenshot can hang for minutes
        "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
        "--disable-backgrounding-occluded-windows",
        // headless Chromium ignores --lang alone; --accept-lang sets navigator.languages
        "--lang=zh-CN", "--accept-lang=zh-CN");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    ChromeDriverService.Builder builder = new ChromeDriverService.Builder();
    // -Donedoor.browser.log=true: chromedriver's verbose log (DevTools traffic) in target/chromedriver-*.log
    if (Boolean.getBoolean("onedoor.browser.log")) {
      builder.withVerbose(true).withLogFile(Path.of("target/chromedriver-" + System.nanoTime() + ".log").toFile());
    }
    ChromeDriverService service = builder
        .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort()
        .withEnvironment(Map.of("TZ", "Asia/Shanghai")).build();
    Files.createDirectories(SCREENSHOTS);
    ChromeDriver driver = new ChromeDriver(service, options);
    // a page that never finishes loading fails its test in 90 s, not after WebDriver's 5 minutes
    driver.manage().timeouts().pageLoadTimeout(java.time.Duration.ofSeconds(90));
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_FAILED_REQUESTS));
    return driver;
  }

  /**
   * A browser that can be replaced by a fresh one behind the same reference ({@link BrowserExtension#restartable()}):
   * on a loaded machine headless Chromium now and then stops answering a navigation for good ("Timed out
   * receiving message from renderer"); a long browser test then starts over as a person would reopen the
   * browser, and the waits and page helpers holding the reference carry on.
   */
  public interface Restartable {
    /** Quits the current Chromium (however stuck) and starts a new one of the same size. */
    void restart() throws IOException;
  }

  /**
   * Lays the page out for a screen of this size, a phone's where narrower than 500 px: a window cannot be
   * narrower than Chromium's minimum (500 px), so the viewport is emulated.
   */
  public static void emulateViewport(WebDriver browser, int width, int height) {
    ((HasCdp) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 500));
  }

  /**
   * Every page keeps the requests the server refused or failed ({@code window.onedoorFailedRequests}): a test
   * that finds an error notification on the page can then say which call it came from.
   */
  private static final String RECORD_FAILED_REQUESTS = """
      window.onedoorFailedRequests = [];
      (function () {
        var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
        XMLHttpRequest.prototype.open = function (method, url) {
          this.onedoorCall = method + ' ' + url;
          return open.apply(this, arguments);
        };
        XMLHttpRequest.prototype.send = function () {
          var request = this;
          request.addEventListener('loadend', function () {
            if (request.status === 0 || request.status >= 400) {
              var body = '';
              try { body = String(request.responseText || '').slice(0, 300); } catch (e) { body = ''; }
              window.onedoorFailedRequests.push(new Date().toISOString() + ' ' + request.onedoorCall + ' -> '
                  + request.status + ' ' + body);
            }
          });
          return send.apply(this, arguments);
        };
      })();""";

  /** The requests this page sent that the server refused or that failed, with the start of each answer. */
  @SuppressWarnings("unchecked")
  public static java.util.List<String> failedRequests(WebDriver browser) {
    Object failed = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
        "return window.onedoorFailedRequests || [];");
    return (java.util.List<String>) failed;
  }

  /** Saves the page as target/screenshots/{name}.png. */
  public static void screenshot(WebDriver browser, String name) throws IOException {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
