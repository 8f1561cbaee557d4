package org.onedoor;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.opentest4j.TestAbortedException;

/**
 * The Chinese Chromium of {@link ChineseBrowser} for one test, held by the test class as a field:
 * <pre>{@code
 * @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(1280, 900);
 * final WebDriver browser = chromium.driver();
 * }</pre>
 * It starts the browser before the class's own {@code @BeforeEach} methods (the test is skipped, saying so
 * on stderr, where Chromium or chromedriver is missing); when the test fails it prints the page's address
 * and saves target/screenshots/{Class}-{method}-failed.png; after the class's {@code @AfterEach} methods
 * it quits the browser, whatever happened before.
 *
 * <p>{@link #driver()} is one reference for the whole test, so fields, waits and page helpers can hold it
 * from the start: it speaks to whichever Chromium is running now, the one started before the test or the
 * one a test that tries several widths started last with {@link #start(int, int)}.
 */
public final class BrowserExtension implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

  /** How a browser of a size is started: {@link ChineseBrowser#startOrSkip}, or another in BrowserExtensionTest. */
  interface Launcher {
    WebDriver start(int width, int height) throws IOException;
  }

  /** What Chromium can do, so that a test may cast the reference as it would cast a ChromeDriver's (HasCdp …). */
  private static final Class<?>[] DRIVER_INTERFACES = publicInterfacesOf(ChromeDriver.class);

  private final Launcher launcher;
  /** The size started before each test, or null where the test starts its own browsers. */
  private final int[] startedBefore;
  private final boolean restartable;
  private final WebDriver driver;
  private WebDriver current;
  private int width;
  private int height;
  private boolean failureShown;

  BrowserExtension(Launcher launcher, int[] startedBefore, boolean restartable) {
    this.launcher = launcher;
    this.startedBefore = startedBefore;
    this.restartable = restartable;
    this.driver = reference();
  }

  /** A browser of this window size, started before each test. */
  public static BrowserExtension sized(int width, int height) {
    return new BrowserExtension(ChineseBrowser::startOrSkip, new int[] {width, height}, false);
  }

  /** No browser until the test calls {@link #start(int, int)}: for a test that tries one width after another. */
  public static BrowserExtension startedByTest() {
    return new BrowserExtension(ChineseBrowser::startOrSkip, null, false);
  }

  /**
   * The same, with a driver that is also a {@link ChineseBrowser.Restartable}: {@link TasklistPage#load}
   * then answers a page load that stalls for good with a fresh Chromium instead of a new tab.
   */
  public BrowserExtension restartable() {
    return new BrowserExtension(launcher, startedBefore, true);
  }

  /** The running browser, for the whole test; using it while none runs is an IllegalStateException. */
  public WebDriver driver() {
    return driver;
  }

  /** Quits the running browser, if any, and starts one of this window size behind {@link #driver()}. */
  public WebDriver start(int width, int height) throws IOException {
    quit();
    current = launcher.start(width, height);
    this.width = width;
    this.height = height;
    return driver;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    failureShown = false;
    if (startedBefore != null) {
      start(startedBefore[0], startedBefore[1]);
    }
  }

  /** Right after the test method, before the class's {@code @AfterEach} methods change what the page shows. */
  @Override
  public void afterTestExecution(ExtensionContext context) {
    showFailure(context);
  }

  /** A failure in a {@code @BeforeEach} or {@code @AfterEach} method is shown here; the browser always quits. */
  @Override
  public void afterEach(ExtensionContext context) {
    try {
      showFailure(context);
    } finally {
      quit();
    }
  }

  /** The address on stderr and a screenshot, each only reported when it cannot be had: the test's failure is what counts. */
  private void showFailure(ExtensionContext context) {
    Optional<Throwable> thrown = context.getExecutionException();
    if (failureShown || current == null || thrown.isEmpty() || thrown.get() instanceof TestAbortedException) {
      return;
    }
    failureShown = true;
    String test = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
    try {
      System.err.println(test + " failed on " + current.getCurrentUrl());
    } catch (RuntimeException unknown) {
      System.err.println(test + " failed; the browser did not say on which page: " + unknown);
    }
    String name = test + "-failed";
    try {
      ChineseBrowser.screenshot(current, name);
      System.err.println("  its page: " + ChineseBrowser.SCREENSHOTS.resolve(name + ".png"));
    } catch (IOException | RuntimeException noShot) {
      System.err.println("  no screenshot of its page: " + noShot);
    }
  }

  private void quit() {
    WebDriver quitting = current;
    current = null;
    if (quitting != null) {
      try {
        quitting.quit();
      } catch (RuntimeException stuck) {
        System.err.println("a stuck Chromium did not quit cleanly: " + stuck);
      }
    }
  }

  private WebDriver reference() {
    Set<Class<?>> interfaces = new LinkedHashSet<>(Set.of(DRIVER_INTERFACES));
    if (restartable) {
      interfaces.add(ChineseBrowser.Restartable.class);
    }
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == ChineseBrowser.Restartable.class) {
        start(width, height);
        return null;
      }
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "browser of this test: " + current;
        };
      }
      WebDriver target = current;
      if (target == null) {
        throw new IllegalStateException("no browser is running: it starts before each test of a class using "
            + "BrowserExtension.sized, or when the test calls start(width, height), and quits after the test");
      }
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (WebDriver) Proxy.newProxyInstance(BrowserExtension.class.getClassLoader(),
        interfaces.toArray(Class<?>[]::new), handler);
  }

  private static Class<?>[] publicInterfacesOf(Class<?> type) {
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (Modifier.isPublic(i.getModifiers())) {
          interfaces.add(i);
        }
      }
    }
    return interfaces.toArray(Class<?>[]::new);
  }
}
