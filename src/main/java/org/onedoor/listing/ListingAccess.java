package org.onedoor.listing;

import org.onedoor.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may see a case's page and its documents and register what the business filed: staff of the
 * department that decides the case (the registration authority) and administrators. An unknown case → 404.
 */
@Component
class ListingAccess {

  private final Listings listings;

  ListingAccess(Listings listings) {
    this.listings = listings;
  }

  /** The case, when the caller may handle it; 404 when there is none, 403 for other departments. */
  Listings.Listing requireDepartment(long id, Authentication user) {
    Listings.Listing l = listings.get(id);
    if (!has(user, Role.CAMUNDA_ADMIN_GROUP) && !has(user, l.department())) {
      throw new AccessDeniedException("只有作出决定的部门（" + l.authority() + "）的工作人员可以查看和登记");
    }
    return l;
  }

  static boolean has(Authentication user, String group) {
    return user != null && user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(group));
  }
}
