package org.onedoor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.onedoor.notification.NotificationTestServers;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The full application on an in-memory H2 database with the demo profile, on a random port, job
 * executor off (tests execute jobs explicitly), metrics export on as in production. Every test class using it shares one Spring context.
 * Notifications go to a real SMTP server and work-messenger robots in the test JVM
 * ({@link NotificationTestServers}, started once); nothing is sent unless a test sends it. A test class must
 * not add settings of its own (@DynamicPropertySource, @TestPropertySource, @MockBean): that would start a
 * second context, whose Camunda engine would take the name "default" from the shared one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:onedoor-test;DB_CLOSE_ON_EXIT=FALSE;NON_KEYWORDS=VALUE",
      "camunda.bpm.job-execution.enabled=false",
      // the demo slice has its own test (DemoSliceLoaderTest); tests here start from an empty directory
      "onedoor.demo.load-slice=false",
      "onedoor.demo.run-plan=false",
      // notifications: no background scan or sender; the notification tests drive each step
      "onedoor.notifications.background=false",
      // tests run the monthly credit recalculation themselves, on a clock they set
      "onedoor.credit.recalculation-cron=-",
      // a monitoring rule's warning starts its process in the committing thread, so tests see it at once
      "onedoor.credit.warning-start=inline",
      // old readings are deleted when a test says so (MonitoringRetentionTest), not at 02:45 of a long run
      "onedoor.monitoring.retention-cron=-"
    })
@ContextConfiguration(initializers = NotificationTestServers.class)
@ActiveProfiles("demo")
@AutoConfigureObservability(tracing = false)
public @interface OnedoorSpringTest {}
