package org.onedoor.disclosure;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onedoor.disclosure.Disclosures.AbnormalEntry;
import org.onedoor.disclosure.Disclosures.EntitySummary;
import org.onedoor.disclosure.Disclosures.Page;
import org.onedoor.disclosure.Disclosures.PlanRecords;
import org.onedoor.disclosure.Disclosures.PublicListing;
import org.onedoor.disclosure.Disclosures.PublicPlan;
import org.onedoor.disclosure.Disclosures.PublicResult;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public JSON API (no login, GET only): search, entities, plans, result notices and the abnormal
 * list, read from the disclosure projection only. Pages: {@code page} from 0, {@code size} 1–100
 * (default 20). The draw records are served by {@link PublicDrawApiController}.
 */
@RestController
@RequestMapping("/public/api")
class PublicApiController {

  private final PublicRecords records;

  PublicApiController(PublicRecords records) {
    this.records = records;
  }

  /** Entities by USCC (whole or beginning) or by the beginning of their name. */
  @GetMapping("/search")
  Page<EntitySummary> search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    int[] p = records.paging(page, size);
    return records.search(q, p[0], p[1]);
  }

  /** An entity's results and list decisions; the first page is answered as stored with the entity. */
  @GetMapping("/entities/{uscc}")
  ResponseEntity<?> entity(@PathVariable String uscc, @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    int[] p = records.paging(page, size);
    Optional<String> stored = records.storedEntityJson(uscc, p[0], p[1]);
    if (stored.isPresent()) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
          .body(stored.get().getBytes(StandardCharsets.UTF_8));
    }
    return ResponseEntity.ok(records.entity(uscc, p[0], p[1])
        .orElseThrow(() -> new NotFoundException("uscc", "没有统一社会信用代码为 " + uscc + " 的公示信息")));
  }

  @GetMapping("/plans")
  Page<PublicPlan> plans(@RequestParam(required = false) Integer year, @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    int[] p = records.paging(page, size);
    return records.plans(year, p[0], p[1]);
  }

  @GetMapping("/plans/{number}")
  PlanRecords plan(@PathVariable String number, @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    int[] p = records.paging(page, size);
    PlanRecords found = records.plan(number, p[0], p[1])
        .orElseThrow(() -> new NotFoundException("number", "没有编号为 " + number + " 的公示抽查计划"));
    return found;
  }

  /** Result notices, newest first; filters: department (code), plan (number). */
  @GetMapping("/results")
  Page<PublicResult> results(@RequestParam(required = false) String department,
      @RequestParam(required = false) String plan, @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    int[] p = records.paging(page, size);
    return records.results(department, plan, p[0], p[1]);
  }

  /** A result notice with every version (corrections, withdrawal), oldest first. */
  @GetMapping("/results/{id}")
  Map<String, Object> result(@PathVariable long id) {
    List<PublicResult> versions = records.resultVersions(id);
    if (versions.isEmpty()) {
      throw new NotFoundException("id", "没有编号为 " + id + " 的公示检查结果");
    }
    boolean withdrawn = versions.get(versions.size() - 1).withdrawn();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("current", versions.get(versions.size() - 1).shown(withdrawn));
    body.put("versions", versions.stream().map(v -> v.shown(withdrawn)).toList());
    return body;
  }

  /** The abnormal list; filters: status, ground (1–4), department, year of listing, q (name or USCC prefix). */
  @GetMapping("/abnormal-list")
  Page<AbnormalEntry> abnormalList(@RequestParam(required = false) String status,
      @RequestParam(required = false) String ground, @RequestParam(required = false) String department,
      @RequestParam(required = false) Integer year, @RequestParam(required = false) String q,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    int[] p = records.paging(page, size);
    return records.abnormalList(status, ground, department, year, q, p[0], p[1]);
  }

  /** A decision on the list with every version, oldest first. */
  @GetMapping("/listings/{id}")
  Map<String, Object> listing(@PathVariable long id) {
    List<PublicListing> versions = records.listingVersions(id);
    if (versions.isEmpty()) {
      throw new NotFoundException("id", "没有编号为 " + id + " 的公示名录决定");
    }
    boolean withdrawn = versions.get(versions.size() - 1).withdrawn();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("current", versions.get(versions.size() - 1).shown(withdrawn));
    body.put("versions", versions.stream().map(v -> v.shown(withdrawn)).toList());
    return body;
  }
}
