package org.onedoor.listing;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.directory.Uscc;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The abnormal operations list for staff: cases, objections and removal applications as filed. */
@RestController
class ListingController {

  static final int MAX_PAGE_SIZE = 200;

  record ObjectionRequest(LocalDate filedOn, String content, String evidence) {}

  record RemovalRequest(LocalDate appliedOn, String reasonCode, String remedy) {}

  record StartRequest(String uscc, String ground, String facts, String department) {}

  record Started(String processInstanceId, Long listingId, String registration) {}

  private final Listings listings;
  private final ListingFilings filings;
  private final ListingStarts starts;

  ListingController(Listings listings, ListingFilings filings, ListingStarts starts) {
    this.listings = listings;
    this.filings = filings;
    this.starts = starts;
  }

  /** A chief lists an entity whose information was not published in the ordered time (or another ground). */
  @PostMapping("/api/v1/listings")
  @ResponseStatus(HttpStatus.CREATED)
  Started start(@RequestBody StartRequest request, Authentication user) {
    if (request == null) {
      throw new BadRequestException("body", "请求体不能为空");
    }
    if (!has(user, Role.CAMUNDA_ADMIN_GROUP) && !has(user, Role.CHIEF.workGroupId(String.valueOf(request.department())))) {
      throw new AccessDeniedException("只有本部门科长可以发起列入经营异常名录");
    }
    return starts.startByChief(request.uscc(), request.ground(), request.facts(), request.department(), user.getName());
  }

  @GetMapping("/api/v1/listings")
  Listings.Page<Listings.Listing> search(@RequestParam(required = false) String status,
      @RequestParam(required = false) String ground, @RequestParam(required = false) String uscc,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new BadRequestException("size", "每页条数应在 1–" + MAX_PAGE_SIZE + " 之间");
    }
    if (page < 0 || page > 1_000_000) {
      throw new BadRequestException("page", "页码应在 0–1000000 之间");
    }
    return listings.search(status, ground, uscc, page, size);
  }

  @GetMapping("/api/v1/listings/{id}")
  Listings.Detail get(@PathVariable long id) {
    return listings.detail(id);
  }

  @PostMapping("/api/v1/listings/{id}/objections")
  @ResponseStatus(HttpStatus.CREATED)
  Listings.Objection object(@PathVariable long id, @RequestBody ObjectionRequest request, Authentication user) {
    requireDepartment(id, user);
    if (request == null) {
      throw new BadRequestException("body", "请求体不能为空");
    }
    return starts.asSystem(() -> filings.fileObjection(id, request.filedOn(), request.content(), request.evidence(),
        user.getName(), ClockUtil.now().toInstant()));
  }

  @PostMapping("/api/v1/listings/{id}/removal-applications")
  @ResponseStatus(HttpStatus.CREATED)
  Listings.Removal applyForRemoval(@PathVariable long id, @RequestBody RemovalRequest request, Authentication user) {
    requireDepartment(id, user);
    if (request == null) {
      throw new BadRequestException("body", "请求体不能为空");
    }
    return starts.asSystem(() -> filings.applyForRemoval(id, request.appliedOn(), request.reasonCode(),
        request.remedy(), user.getName(), ClockUtil.now().toInstant()));
  }

  /** The entity's listing history, newest first. */
  @GetMapping("/api/v1/entities/{uscc}/listings")
  List<Listings.Listing> history(@PathVariable String uscc) {
    String code = Uscc.normalise(uscc);
    Uscc.problem(code).ifPresent(p -> {
      throw new BadRequestException("uscc", p);
    });
    return listings.history(code);
  }

  /** Filings are entered by staff of the listing department (or an administrator). */
  private void requireDepartment(long id, Authentication user) {
    String department = listings.get(id).department();
    if (!has(user, Role.CAMUNDA_ADMIN_GROUP) && !has(user, department)) {
      throw new AccessDeniedException("只有作出决定的部门的工作人员可以登记");
    }
  }

  private static boolean has(Authentication user, String group) {
    return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(group));
  }
}
