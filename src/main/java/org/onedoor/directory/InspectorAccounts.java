package org.onedoor.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.routing.UsableAccounts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Whether inspectors can sign in (issue 14, item 5). An inspector's staff number is their user id;
 * the directory creates a missing user with a random password nobody knows and records that
 * password's stored hash as the user info {@value #INITIAL_PASSWORD}. The account is usable once
 * the user exists, is not locked and its password differs from that initial one (an administrator
 * set it in Admin, the demo set {@code demo}); with a read-only identity provider (LDAP) an
 * existing user is usable. The draw matches only usable accounts ({@code InspectorMatcherV1}).
 */
@Service
public class InspectorAccounts implements UsableAccounts {

  /** User info key: the stored hash of the unusable password the directory gave a new user. */
  public static final String INITIAL_PASSWORD = "onedoor.initial-password";

  private static final int CHUNK = 500;

  /** User info key: set on a user the demo gave its password (see {@code DemoInspectorAccounts}). */
  public static final String DEMO_PASSWORD = "onedoor.demo-password";

  private final IdentityService identity;
  private final JdbcClient jdbc;
  private final String demoPassword;

  public InspectorAccounts(IdentityService identity, JdbcClient jdbc,
      @Value("${onedoor.demo.inspector-password:}") String demoPassword) {
    this.identity = identity;
    this.jdbc = jdbc;
    this.demoPassword = demoPassword;
  }

  /** The password every inspector gets in the demo profile; empty elsewhere. */
  public String demoPassword() {
    return demoPassword;
  }

  /**
   * Creates the user: in the demo profile with the demo password, elsewhere with an unusable
   * random password whose hash is remembered.
   */
  public void createWithoutPassword(String userId, String name) {
    User created = identity.newUser(userId);
    created.setFirstName(name);
    created.setLastName("");
    boolean demo = !demoPassword.isEmpty();
    created.setPassword(demo ? demoPassword : java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID());
    identity.saveUser(created);
    if (demo) {
      identity.setUserInfo(userId, DEMO_PASSWORD, "set");
      return;
    }
    String hash = storedPasswordHash(userId);
    if (hash != null) {
      identity.setUserInfo(userId, INITIAL_PASSWORD, hash);
    }
  }

  /** The staff numbers among {@code userIds} whose accounts can sign in now. */
  @Override
  public Set<String> usable(Collection<String> userIds) {
    Set<String> usable = new HashSet<>();
    Map<String, String> initial = identity.isReadOnly() ? Map.of() : initialPasswords();
    Date now = ClockUtil.getCurrentTime();
    List<String> all = new ArrayList<>(new HashSet<>(userIds));
    for (int i = 0; i < all.size(); i += CHUNK) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
      for (User user : identity.createUserQuery().userIdIn(chunk.toArray(String[]::new)).list()) {
        if (user instanceof UserEntity entity) {
          if (entity.getLockExpirationTime() != null && entity.getLockExpirationTime().after(now)) {
            continue;
          }
          String hash = entity.getPassword();
          if (!identity.isReadOnly() && (hash == null || hash.equals(initial.get(user.getId())))) {
            continue;
          }
        }
        usable.add(user.getId());
      }
    }
    return usable;
  }

  /** The ids among {@code userIds} that are users of the identity service. */
  public Set<String> existing(Collection<String> userIds) {
    Set<String> out = new HashSet<>();
    List<String> all = new ArrayList<>(new HashSet<>(userIds));
    for (int i = 0; i < all.size(); i += CHUNK) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
      identity.createUserQuery().userIdIn(chunk.toArray(String[]::new)).list().forEach(u -> out.add(u.getId()));
    }
    return out;
  }

  /** Gives the user a password and forgets the initial one (the account becomes usable). */
  public void setPassword(String userId, String password) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    user.setPassword(password);
    identity.saveUser(user);
    identity.deleteUserInfo(userId, INITIAL_PASSWORD);
  }

  /** The users holding user info {@code key}, with its value (one query, database identity only). */
  public Map<String, String> userInfo(String key) {
    Map<String, String> out = new HashMap<>();
    jdbc.sql("SELECT USER_ID_, VALUE_ FROM ACT_ID_INFO WHERE KEY_ = :k")
        .param("k", key)
        .query(rs -> {
          out.put(rs.getString("USER_ID_"), rs.getString("VALUE_"));
        });
    return out;
  }

  private String storedPasswordHash(String userId) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    return user instanceof UserEntity entity ? entity.getPassword() : null;
  }

  private Map<String, String> initialPasswords() {
    return userInfo(INITIAL_PASSWORD);
  }
}
