package org.onedoor.listing;

import java.util.Map;
import org.onedoor.security.PersonStartRule;
import org.springframework.stereotype.Component;

/**
 * A chief proposes an abnormal-list case in Tasklist's start form ({@code listing-start}). Listing is
 * decided by the registration authority only ({@link ListingProperties#registrationAuthority()},
 * market supervision), so the department must be that authority and the chief's own; the initiator
 * is the signed-in chief (the start event's {@code camunda:initiator}; an {@code initiator} variable
 * naming anybody else is refused before the start).
 */
@Component
public class ListingStartRule implements PersonStartRule {

  private final ListingProperties properties;

  public ListingStartRule(ListingProperties properties) {
    this.properties = properties;
  }

  @Override
  public String processKey() {
    return Listings.PROCESS;
  }

  @Override
  public void check(Starter starter, Map<String, Object> variables) {
    Object department = variables.get("department");
    String authority = properties.registrationAuthority();
    if (department instanceof String code && !code.isBlank() && !authority.equals(code)) {
      throw new Refused("department: 列入经营异常名录只能由登记机关（" + authority + "）作出 / only the registration"
          + " authority (" + authority + ") decides an abnormal-list case");
    }
    starter.requireOwnDepartment(variables, "department");
  }
}
