package org.onedoor.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The documented way back in for the administrator (issue 13, item 4). With
 * {@code onedoor.security.admin-recovery=true} (on in the production profile, where the password
 * comes from {@code ONEDOOR_ADMIN_PASSWORD}) every start unlocks the admin user and, when its
 * stored password differs, sets it to the configured one: restart with the variable set and sign in
 * with it. Camunda creates the admin user only once and never touches it again, so without this a
 * forgotten password or a lock left by an older configuration would keep the only administrator out.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class AdministratorRecovery extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(AdministratorRecovery.class);

  private final boolean enabled;
  private final String adminUserId;
  private final String adminPassword;

  public AdministratorRecovery(
      @Value("${onedoor.security.admin-recovery:false}") boolean enabled,
      @Value("${camunda.bpm.admin-user.id:admin}") String adminUserId,
      @Value("${camunda.bpm.admin-user.password:}") String adminPassword) {
    this.enabled = enabled;
    this.adminUserId = adminUserId;
    this.adminPassword = adminPassword;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    if (enabled) {
      recover(engine.getIdentityService(), adminUserId, adminPassword);
    }
  }

  /** Unlocks {@code userId} and sets its password to {@code password} when it differs; true if it set it. */
  static boolean recover(IdentityService identity, String userId, String password) {
    if (password == null || password.isBlank()) {
      return false;
    }
    if (identity.createUserQuery().userId(userId).count() == 0) {
      return false;
    }
    identity.unlockUser(userId);
    if (identity.checkPassword(userId, password)) {
      return false;
    }
    // read again: the check above counted a failed attempt, a new revision of the user
    User user = identity.createUserQuery().userId(userId).singleResult();
    user.setPassword(password);
    identity.saveUser(user);
    identity.unlockUser(userId);
    log.warn("administrator {}: password set to the configured one (ONEDOOR_ADMIN_PASSWORD) and unlocked", userId);
    return true;
  }
}
