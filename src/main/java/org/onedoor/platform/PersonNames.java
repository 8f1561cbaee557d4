package org.onedoor.platform;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

/**
 * What a person reads instead of a user id: the user's name (张伟, stored as Camunda's first name),
 * 系统 for the engine's own steps ("system"), the id itself when no user has it.
 */
@Service
public class PersonNames {

  public static final String SYSTEM = "system";

  private final IdentityService identity;

  public PersonNames(IdentityService identity) {
    this.identity = identity;
  }

  public String name(String userId) {
    if (userId == null || userId.isBlank()) {
      return "";
    }
    if (SYSTEM.equals(userId)) {
      return "系统";
    }
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return name.isEmpty() ? userId : name;
  }
}
