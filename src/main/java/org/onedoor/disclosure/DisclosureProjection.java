package org.onedoor.disclosure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.onedoor.catalog.Catalog.Item;
import org.onedoor.catalog.CatalogService;
import org.onedoor.disclosure.Disclosures.Batch;
import org.onedoor.disclosure.Disclosures.PlanItem;
import org.onedoor.disclosure.Disclosures.PublicPlan;
import org.onedoor.draw.DrawCommitted;
import org.onedoor.draw.DrawFrozen;
import org.onedoor.draw.DrawPublished;
import org.onedoor.inspection.ResultApproved;
import org.onedoor.listing.ListingDecided;
import org.onedoor.plan.PlanPublished;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.Plan;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes the disclosure projection from the domain events, inside the transaction that publishes
 * them (plain {@code @EventListener}): if writing fails the decision rolls back and the engine
 * retries it, so a publication is never dropped. Copies what is publishable at event time; a plan
 * is read once, at its publication, through {@link PlanService} and the catalogue.
 */
@Component
class DisclosureProjection {

  private final PublicRecords records;
  private final PlanService plans;
  private final CatalogService catalog;
  private final ObjectMapper json;

  DisclosureProjection(PublicRecords records, PlanService plans, CatalogService catalog, ObjectMapper json) {
    this.records = records;
    this.plans = plans;
    this.catalog = catalog;
    this.json = json;
  }

  @EventListener
  void on(PlanPublished event) {
    Plan plan = plans.get(event.planNumber());
    LocalDate arisen = records.day(event.publishedAt());
    List<Batch> batches = new ArrayList<>();
    for (int i = 0; i < plan.batches().size(); i++) {
      batches.add(new Batch(i + 1, plan.batches().get(i).from(), plan.batches().get(i).to()));
    }
    List<String> authorities = new ArrayList<>();
    List<PlanItem> items = new ArrayList<>();
    for (DepartmentItems department : plan.departments()) {
      String authority = records.authority(department.department());
      authorities.add(authority);
      for (String code : department.items()) {
        Item item = catalog.findItem(plan.catalogVersion(), code).orElse(null);
        items.add(item == null
            ? new PlanItem(department.department(), authority, code, code, null, null, null)
            : new PlanItem(department.department(), authority, code, item.name(), item.checklistName(),
                item.legalBasis(), methodLabels(String.join("、", item.methods()))));
      }
    }
    records.publishPlan(PublicPlan.original(plan.number(), plan.year(), plan.name(), plan.mode(),
            PublicRecords.modeLabel(plan.mode()), plan.leadDepartment(), records.authority(plan.leadDepartment()),
            authorities, plan.drawDate(), batches, plan.catalogVersion(), arisen, records.deadline(arisen),
            event.publishedAt()),
        items);
  }

  /** The commitment of a batch, published with its plan: public before anything is drawn. */
  @EventListener
  void on(DrawCommitted event) {
    records.publishDrawCommitment(event.drawId(), event.planNumber(), event.batch(), event.commitment(),
        event.publicJson(), event.committedAt());
  }

  /** The population hash of a batch, published on the draw date. */
  @EventListener
  void on(DrawFrozen event) {
    records.publishDrawFrozen(event.drawId(), event.planNumber(), event.batch(), event.publicJson(),
        event.frozenAt());
  }

  @EventListener
  void on(DrawPublished event) {
    Plan plan = plans.get(event.planNumber());
    List<String> departments = plan.departments().stream().map(DepartmentItems::department).toList();
    LocalDate windowTo = event.batch() >= 1 && event.batch() <= plan.batches().size()
        ? plan.batches().get(event.batch() - 1).to() : null;
    records.publishDraw(event.drawId(), event.planNumber(), event.batch(), event.recordJson(), event.drawnAt(),
        event.drawnAt(), plan.leadDepartment(), departments, selected(event.recordJson()), windowTo);
  }

  @EventListener
  void on(ResultApproved event) {
    records.publishResult(event);
  }

  @EventListener
  void on(ListingDecided event) {
    records.publishListing(event);
  }

  private List<String> selected(String recordJson) {
    Set<String> usccs = new LinkedHashSet<>();
    try {
      for (JsonNode stratum : json.readTree(recordJson).path("strata")) {
        for (JsonNode uscc : stratum.path("selected")) {
          usccs.add(uscc.asText());
        }
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("draw record of " + recordJson.length() + " characters is not JSON", e);
    }
    return List.copyOf(usccs);
  }

  /** "on-site、documents" (records published before labels were stored) → "现场检查、书面检查". */
  static String methodLabels(String methods) {
    if (methods == null || methods.isBlank()) {
      return methods;
    }
    return java.util.Arrays.stream(methods.split("、"))
        .map(m -> org.onedoor.catalog.CheckMethod.parse(m.strip()).map(org.onedoor.catalog.CheckMethod::label).orElse(m))
        .collect(java.util.stream.Collectors.joining("、"));
  }
}
