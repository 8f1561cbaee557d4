package org.onedoor.notification;

import org.onedoor.security.Role;
import org.springframework.security.core.Authentication;

/** Who may do what with notifications beyond their own: administrators see and resend every failed message. */
final class NotificationRoles {

  private NotificationRoles() {}

  static boolean isAdmin(Authentication user) {
    return user != null && user.getAuthorities().stream().anyMatch(a -> Role.CAMUNDA_ADMIN_GROUP.equals(a.getAuthority()));
  }
}
