package org.onedoor.demo;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.onedoor.directory.InspectorAccounts;
import org.onedoor.directory.InspectorDirectory;
import org.onedoor.security.OrganisationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * In the demo profile every inspector who can be drawn signs in with the demo password (issue 14,
 * item 5). New inspectors get it when the directory creates their user; at every start this gives
 * it to the directory's inspectors that do not have it yet (users of an older demo database, or an
 * import before the demo password existed). Idempotent: a user is done once (user info
 * {@value InspectorAccounts#DEMO_PASSWORD}); the configured demo staff keep their own account.
 */
@Component
@Profile("demo")
public class DemoInspectorAccounts {

  private static final Logger log = LoggerFactory.getLogger(DemoInspectorAccounts.class);

  private final InspectorDirectory directory;
  private final InspectorAccounts accounts;
  private final IdentityService identity;
  private final OrganisationProperties organisation;

  public DemoInspectorAccounts(InspectorDirectory directory, InspectorAccounts accounts, IdentityService identity,
      OrganisationProperties organisation) {
    this.directory = directory;
    this.accounts = accounts;
    this.identity = identity;
    this.organisation = organisation;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(5) // after the demo slice (order 0), before the demo plan is drawn (order 10)
  public void onReady() {
    give();
  }

  /** Gives the demo password to every directory inspector still without it; returns how many. */
  public int give() {
    if (identity.isReadOnly() || accounts.demoPassword().isEmpty()) {
      return 0;
    }
    long started = System.nanoTime();
    Set<String> staff = organisation.demoUsers().stream().map(OrganisationProperties.StaffMember::id)
        .collect(Collectors.toSet());
    Map<String, String> done = accounts.userInfo(InspectorAccounts.DEMO_PASSWORD);
    Set<String> existing = accounts.existing(directory.staffNumbers());
    int given = 0;
    for (String id : directory.staffNumbers()) {
      if (staff.contains(id) || done.containsKey(id) || !existing.contains(id)) {
        continue;
      }
      accounts.setPassword(id, accounts.demoPassword());
      identity.setUserInfo(id, InspectorAccounts.DEMO_PASSWORD, "set");
      given++;
    }
    log.info("demo inspectors: {} given the demo password in {} ms", given, (System.nanoTime() - started) / 1_000_000);
    return given;
  }
}
