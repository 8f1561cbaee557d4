package org.onedoor.listing;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/**
 * Starts {@code abnormal-listing}: by a chief through the staff API (the caller is checked there), and
 * engine calls made on behalf of staff whose rights the API has already checked.
 */
@Service
public class ListingStarts {

  private final RuntimeService runtime;
  private final IdentityService identity;
  private final HistoryService history;
  private final Listings listings;

  public ListingStarts(RuntimeService runtime, IdentityService identity, HistoryService history, Listings listings) {
    this.listings = listings;
    this.runtime = runtime;
    this.identity = identity;
    this.history = history;
  }

  ListingController.Started startByChief(String uscc, String ground, String facts, String department, String user) {
    // the same checks 登记列异线索 makes, answered as 400 before anything starts
    listings.validate(new Listings.NewListing(uscc, null, ground, facts, department, "CHIEF", null, user));
    Map<String, Object> variables = new HashMap<>();
    variables.put("uscc", uscc);
    variables.put("ground", ground);
    variables.put("facts", facts);
    variables.put("department", department);
    variables.put("initiator", user);
    return asSystem(() -> {
      ProcessInstance instance = runtime.createProcessInstanceByKey(Listings.PROCESS)
          .businessKey("CHIEF-" + uscc + "-" + ground).setVariables(variables).execute();
      Object id = variable(instance, "listingId");
      Object existing = variable(instance, "existingListingId");
      return new ListingController.Started(instance.getId(),
          id instanceof Number n ? n.longValue() : existing instanceof Number e ? e.longValue() : null,
          String.valueOf(variable(instance, "registration")));
    });
  }

  private Object variable(ProcessInstance instance, String name) {
    var v = history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).variableName(name)
        .singleResult();
    return v == null ? null : v.getValue();
  }

  /** Runs engine calls without the signed-in user's engine authorizations (checked by the caller). */
  public <T> T asSystem(Supplier<T> work) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }
}
