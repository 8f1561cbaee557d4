package org.onedoor.oversight;

import java.util.List;
import org.onedoor.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who may read the supervision figures, page and API alike: managers (监管主管) and administrators. */
final class OversightAccess {

  private OversightAccess() {}

  /** 403 unless the caller is a manager (监管主管) or an administrator. */
  static void requireManager(Authentication caller) {
    List<String> groups = caller == null ? List.of()
        : caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    if (!groups.contains(Role.MANAGER.groupId()) && !groups.contains(Role.CAMUNDA_ADMIN_GROUP)) {
      throw new AccessDeniedException("只有监管主管或系统管理员可以查看监管指标");
    }
  }
}
