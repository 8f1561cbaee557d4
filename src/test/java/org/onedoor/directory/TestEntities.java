package org.onedoor.directory;

import java.util.concurrent.atomic.AtomicInteger;

/** Valid USCCs for tests, distinct within a JVM (the test context and its database are shared). */
final class TestEntities {

  private static final AtomicInteger NEXT = new AtomicInteger(1);

  private TestEntities() {}

  /** A valid USCC made from a number. */
  static String uscc(long n) {
    String first17 = "91440300" + String.format("%09d", n);
    return first17 + Uscc.checkCharacter(first17);
  }

  /** A valid USCC no other test uses. */
  static String fresh(int testClass) {
    return uscc(testClass * 1_000_000L + NEXT.getAndIncrement());
  }

  /** The same code with a wrong check character. */
  static String withBadCheck(String uscc) {
    char good = uscc.charAt(17);
    return uscc.substring(0, 17) + (good == '0' ? '1' : '0');
  }
}
