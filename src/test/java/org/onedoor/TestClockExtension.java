package org.onedoor;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (src/test/resources/META-INF/services, autodetection on in
 * junit-platform.properties): each class starts (before its Spring context is built), and each test ends, on the suite's clock
 * ({@link TestClock}), whatever moment a test fixed or reset.
 */
public class TestClockExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  private static volatile boolean announced;

  @Override
  public void beforeAll(ExtensionContext context) {
    TestClock.reset();
    if (!announced) {
      announced = true;
      System.out.println("onedoor tests run on the clock of " + TestClock.describe());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestClock.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    TestClock.reset();
  }
}
