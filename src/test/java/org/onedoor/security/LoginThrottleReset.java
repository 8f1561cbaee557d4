package org.onedoor.security;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Every test class of the shared application context starts with no failed logins counted: all
 * tests call from one address (loopback), so one class's wrong passwords must not make the next
 * class wait. Registered in src/test/resources/META-INF/spring.factories.
 */
public class LoginThrottleReset extends AbstractTestExecutionListener {

  @Override
  public void beforeTestClass(TestContext context) {
    clear(context);
  }

  @Override
  public void afterTestClass(TestContext context) {
    clear(context);
  }

  private static void clear(TestContext context) {
    if (context.hasApplicationContext()) {
      context.getApplicationContext().getBeanProvider(LoginThrottle.class).ifAvailable(LoginThrottle::clear);
    }
  }
}
