package org.onedoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * {@link BrowserExtension} around small fixture classes run by JUnit's own engine (EngineTestKit): with the
 * real Chromium a failed test leaves its screenshot and a passing one none, and both quit their browser;
 * with fake browsers the failure stays the test's own when the screenshot fails, a failure in
 * {@code @BeforeEach} is shown too, and a browser replaced within the test is quit; without Chromium the
 * test is skipped, saying why.
 */
class BrowserExtensionTest {

  /** The fixtures run only inside {@link #run}: not on their own in the suite, where some must fail. */
  private static boolean insideTheKit;
  /** How the fixtures' extensions start browsers, set by each test. */
  private static BrowserExtension.Launcher launcher;
  /** The browsers the fixtures' extensions started, in order, and their sizes (1280x900). */
  private static final List<WebDriver> started = new ArrayList<>();
  private static final List<String> sizes = new ArrayList<>();

  static boolean insideTheKit() {
    return insideTheKit;
  }

  /** An extension as a test class holds one, starting its browsers with {@link #launcher}; size null: none before. */
  static BrowserExtension fixtureBrowser(int[] size, boolean restartable) {
    return new BrowserExtension((w, h) -> {
      WebDriver driver = launcher.start(w, h);
      started.add(driver);
      sizes.add(w + "x" + h);
      return driver;
    }, size, restartable);
  }

  @BeforeEach
  @AfterEach
  void forget() {
    started.clear();
    sizes.clear();
    launcher = null;
  }

  @EnabledIf("org.onedoor.BrowserExtensionTest#insideTheKit")
  static class FailsOnAPage {
    @RegisterExtension final BrowserExtension chromium = fixtureBrowser(new int[] {800, 600}, false);

    @Test
    void fails() {
      chromium.driver().get("data:text/html;charset=utf-8,<h1>fixture page</h1>");
      assertThat(chromium.driver().getPageSource()).as("the fixture's own check").contains("another page");
    }
  }

  @EnabledIf("org.onedoor.BrowserExtensionTest#insideTheKit")
  static class PassesOnAPage {
    @RegisterExtension final BrowserExtension chromium = fixtureBrowser(new int[] {800, 600}, false);

    @Test
    void passes() {
      chromium.driver().get("data:text/html;charset=utf-8,<h1>fixture page</h1>");
      assertThat(chromium.driver().getPageSource()).contains("fixture page");
    }
  }

  @EnabledIf("org.onedoor.BrowserExtensionTest#insideTheKit")
  static class FailsInItsSetUp {
    @RegisterExtension final BrowserExtension chromium = fixtureBrowser(new int[] {800, 600}, false);

    @BeforeEach
    void setUp() {
      throw new IllegalStateException("the fixture's set-up failed");
    }

    @Test
    void neverRuns() {}
  }

  @EnabledIf("org.onedoor.BrowserExtensionTest#insideTheKit")
  static class TriesTwoWidths {
    @RegisterExtension final BrowserExtension chromium = fixtureBrowser(null, false);

    @Test
    void startsTwice() throws IOException {
      assertThatThrownBy(() -> chromium.driver().getCurrentUrl()).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no browser is running");
      chromium.start(1280, 900).get("http://wide/");
      chromium.start(390, 900).get("http://narrow/");
    }
  }

  @EnabledIf("org.onedoor.BrowserExtensionTest#insideTheKit")
  static class Restarts {
    @RegisterExtension final BrowserExtension chromium = fixtureBrowser(new int[] {1280, 1000}, true);

    @Test
    void restarts() throws IOException {
      ((ChineseBrowser.Restartable) chromium.driver()).restart();
      chromium.driver().get("http://after-the-restart/");
    }
  }

  @Test
  void aFailedTestLeavesAScreenshotAndTheAddressOfItsPageAndItsBrowserQuits() throws IOException {
    chromiumInstalled();
    launcher = ChineseBrowser::startOrSkip;
    Path shot = ChineseBrowser.SCREENSHOTS.resolve("FailsOnAPage-fails-failed.png");
    Files.deleteIfExists(shot);

    Run run = run(FailsOnAPage.class);

    run.results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    assertThat(failure(run.results)).as("the test's own failure, not the extension's")
        .isInstanceOf(AssertionError.class).hasMessageContaining("the fixture's own check");
    assertThat(Files.readAllBytes(shot)).as("a PNG").startsWith(0x89, 'P', 'N', 'G');
    assertThat(run.stderr).contains("FailsOnAPage-fails failed on data:text/html", shot.toString());
    assertThat(started).hasSize(1);
    assertThat(((RemoteWebDriver) started.get(0)).getSessionId()).as("quit").isNull();
  }

  @Test
  void aPassingTestLeavesNoScreenshotAndItsBrowserQuits() throws IOException {
    chromiumInstalled();
    launcher = ChineseBrowser::startOrSkip;
    Path shot = ChineseBrowser.SCREENSHOTS.resolve("PassesOnAPage-passes-failed.png");
    Files.deleteIfExists(shot);

    Run run = run(PassesOnAPage.class);

    run.results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    assertThat(shot).doesNotExist();
    assertThat(run.stderr).doesNotContain("failed on");
    assertThat(started).hasSize(1);
    assertThat(((RemoteWebDriver) started.get(0)).getSessionId()).as("quit").isNull();
  }

  @Test
  void withoutChromiumTheTestIsSkippedAndSaysWhy() {
    Path missing = Path.of("target/no-such-chromium");
    launcher = (w, h) -> ChineseBrowser.startOrSkip(missing, ChineseBrowser.CHROMEDRIVER, w, h);

    Run run = run(PassesOnAPage.class);

    run.results.testEvents().assertStatistics(s -> s.started(1).aborted(1).failed(0).succeeded(0));
    assertThat(run.stderr).contains("BROWSER TESTS SKIPPED: " + missing + " or " + ChineseBrowser.CHROMEDRIVER
        + " is missing");
    assertThat(started).isEmpty();
  }

  @Test
  void aScreenshotThatFailsNeitherReplacesTheTestsFailureNorKeepsTheBrowser() {
    WebDriver browser = fakeBrowser();
    when(((TakesScreenshot) browser).getScreenshotAs(any())).thenThrow(new WebDriverException("renderer gone"));
    launcher = (w, h) -> browser;

    Run run = run(FailsOnAPage.class);

    assertThat(failure(run.results)).isInstanceOf(AssertionError.class).hasMessageContaining("the fixture's own check");
    assertThat(failure(run.results).getSuppressed()).as("nothing added by the extension").isEmpty();
    assertThat(run.stderr).contains("FailsOnAPage-fails failed on http://fake/page", "no screenshot", "renderer gone");
    verify(browser).quit();
  }

  @Test
  void aFailureInTheClassesOwnSetUpIsShownAndTheBrowserQuits() {
    WebDriver browser = fakeBrowser();
    when(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE)).thenThrow(new WebDriverException("no shot"));
    launcher = (w, h) -> browser;

    Run run = run(FailsInItsSetUp.class);

    assertThat(failure(run.results)).hasMessage("the fixture's set-up failed");
    assertThat(run.stderr).contains("FailsInItsSetUp-neverRuns failed on http://fake/page");
    verify((TakesScreenshot) browser, times(1)).getScreenshotAs(OutputType.FILE);
    verify(browser).quit();
  }

  @Test
  void aBrowserStartedAgainWithinTheTestQuitsTheOneBefore() {
    launcher = (w, h) -> fakeBrowser();

    Run run = run(TriesTwoWidths.class);

    run.results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(sizes).containsExactly("1280x900", "390x900");
    WebDriver wide = started.get(0);
    WebDriver narrow = started.get(1);
    verify(wide).get("http://wide/");
    verify(wide).quit();
    verify(narrow).get("http://narrow/");
    verify(narrow, never()).get("http://wide/");
    verify(narrow).quit();
  }

  @Test
  void aRestartableBrowserRestartsAtItsSizeBehindTheSameReference() {
    launcher = (w, h) -> fakeBrowser();

    Run run = run(Restarts.class);

    run.results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(sizes).containsExactly("1280x1000", "1280x1000");
    verify(started.get(0)).quit();
    verify(started.get(0), never()).get(any());
    verify(started.get(1)).get("http://after-the-restart/");
    verify(started.get(1)).quit();
  }

  record Run(EngineExecutionResults results, String stderr) {}

  /** Runs a fixture class with JUnit Jupiter, catching what it says on stderr (and passing it on). */
  private static Run run(Class<?> fixture) {
    PrintStream stderr = System.err;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    insideTheKit = true;
    System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
    try {
      EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
      return new Run(results, said.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(stderr);
      insideTheKit = false;
      stderr.print(said.toString(StandardCharsets.UTF_8));
    }
  }

  private static Throwable failure(EngineExecutionResults results) {
    List<Event> failed = results.testEvents().failed().list();
    assertThat(failed).hasSize(1);
    return failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow();
  }

  private static WebDriver fakeBrowser() {
    WebDriver browser = mock(WebDriver.class, withSettings().extraInterfaces(TakesScreenshot.class));
    when(browser.getCurrentUrl()).thenReturn("http://fake/page");
    when(browser.getPageSource()).thenReturn("<h1>fake page</h1>");
    return browser;
  }

  private static void chromiumInstalled() {
    Assumptions.assumeTrue(Files.isExecutable(ChineseBrowser.CHROMIUM) && Files.isExecutable(ChineseBrowser.CHROMEDRIVER),
        "needs Debian's chromium and chromium-driver");
  }
}
