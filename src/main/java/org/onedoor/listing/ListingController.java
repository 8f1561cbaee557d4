package org.onedoor.listing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.directory.Uscc;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.security.Role;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

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
  private final ListingAccess access;
  private final ListingCase cases;
  private final ListingDocuments documents;

  ListingController(Listings listings, ListingFilings filings, ListingStarts starts, ListingAccess access,
      ListingCase cases, ListingDocuments documents) {
    this.listings = listings;
    this.filings = filings;
    this.starts = starts;
    this.access = access;
    this.cases = cases;
    this.documents = documents;
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

  /** The case as its staff page shows it: display text in Chinese, the filings and their documents. */
  @GetMapping("/api/v1/listings/{id}/case")
  ListingCase.View casePage(@PathVariable long id, Authentication user) {
    requireDepartment(id, user);
    // whether the case waits for a filing is the engine's state, read as the system (access checked above)
    return starts.asSystem(() -> cases.of(id));
  }

  /** A document the business handed in with a filing, for staff of the deciding department. */
  @GetMapping("/api/v1/listings/{id}/documents/{documentId}")
  ResponseEntity<byte[]> document(@PathVariable long id, @PathVariable long documentId, Authentication user) {
    requireDepartment(id, user);
    ListingDocuments.Document d = documents.get(id, documentId);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(d.mediaType()))
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(d.fileName(), StandardCharsets.UTF_8).build().toString())
        .eTag(d.sha256())
        .body(documents.content(d.id()));
  }

  /** An objection with its documents, as the staff page sends it (multipart: fields and files "documents"). */
  @PostMapping(path = "/api/v1/listings/{id}/objections", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  Listings.Objection objectWithDocuments(@PathVariable long id,
      @RequestParam(required = false) String filedOn, @RequestParam(required = false) String content,
      @RequestParam(required = false) String evidence,
      @RequestParam(name = "documents", required = false) List<MultipartFile> files, Authentication user) {
    requireDepartment(id, user);
    LocalDate day = date("filedOn", filedOn);
    List<ListingDocuments.Upload> uploads = uploads(files);
    return starts.asSystem(() -> filings.fileObjection(id, day, content, evidence, uploads, user.getName(),
        ClockUtil.now().toInstant()));
  }

  /** A removal application with its documents, as the staff page sends it (multipart). */
  @PostMapping(path = "/api/v1/listings/{id}/removal-applications", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  Listings.Removal applyWithDocuments(@PathVariable long id,
      @RequestParam(required = false) String appliedOn, @RequestParam(required = false) String reasonCode,
      @RequestParam(required = false) String remedy,
      @RequestParam(name = "documents", required = false) List<MultipartFile> files, Authentication user) {
    requireDepartment(id, user);
    LocalDate day = date("appliedOn", appliedOn);
    List<ListingDocuments.Upload> uploads = uploads(files);
    return starts.asSystem(() -> filings.applyForRemoval(id, day, reasonCode, remedy, uploads, user.getName(),
        ClockUtil.now().toInstant()));
  }

  private static LocalDate date(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeException e) {
      throw new BadRequestException(field, "日期格式应为 YYYY-MM-DD，收到“" + value.strip() + "”");
    }
  }

  private List<ListingDocuments.Upload> uploads(List<MultipartFile> files) {
    List<ListingDocuments.Upload> uploads = new ArrayList<>();
    if (files == null) {
      return uploads;
    }
    for (MultipartFile f : files) {
      if (f.getSize() > documents.maxFileSize()) {
        // too large to read: the check names it without loading the bytes
        uploads.add(new ListingDocuments.Upload(f.getOriginalFilename(), f.getSize(), null));
        continue;
      }
      try {
        uploads.add(new ListingDocuments.Upload(f.getOriginalFilename(), f.getSize(), f.getBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return uploads;
  }

  @PostMapping(path = "/api/v1/listings/{id}/objections", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  Listings.Objection object(@PathVariable long id, @RequestBody ObjectionRequest request, Authentication user) {
    requireDepartment(id, user);
    if (request == null) {
      throw new BadRequestException("body", "请求体不能为空");
    }
    return starts.asSystem(() -> filings.fileObjection(id, request.filedOn(), request.content(), request.evidence(),
        user.getName(), ClockUtil.now().toInstant()));
  }

  @PostMapping(path = "/api/v1/listings/{id}/removal-applications", consumes = MediaType.APPLICATION_JSON_VALUE)
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
    access.requireDepartment(id, user);
  }

  private static boolean has(Authentication user, String group) {
    return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(group));
  }
}
