package org.onedoor.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.inspection.InspectionAccess;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Evidence of an inspection for staff of its departments (and administrators): upload (multipart field
 * {@code file}, optional {@code description} and {@code originalSize}: the size of the photo the phone made
 * smaller before uploading it), list, download.
 */
@RestController
class EvidenceController {

  private final EvidenceStore store;
  private final InspectionAccess access;

  EvidenceController(EvidenceStore store, InspectionAccess access) {
    this.store = store;
    this.access = access;
  }

  /** The list with the limits the page states. */
  record EvidenceList(String inspectionNumber, long maxFileBytes, List<String> types, List<String> mediaTypes,
      int maxFiles, List<EvidenceStore.Evidence> items) {}

  @PostMapping(path = "/api/v1/inspections/{number}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<EvidenceStore.Evidence> upload(@PathVariable String number, @RequestPart("file") MultipartFile file,
      @RequestParam(required = false) String description, @RequestParam(required = false) String originalSize,
      Authentication caller) {
    access.requireAccess(number, caller);
    Long original = originalSize(originalSize);
    byte[] content;
    long max = store.properties().maxFileSize().toBytes();
    try {
      // never read more than the limit into memory
      content = file.getSize() > max ? null : file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    EvidenceStore.Stored stored = store.upload(number, file.getOriginalFilename(), file.getSize(), content, description,
        original, caller.getName(), InspectionAccess.groups(caller), ClockUtil.now().toInstant());
    if (!stored.created()) {
      return ResponseEntity.ok(stored.evidence());
    }
    return ResponseEntity.created(URI.create("/api/v1/inspections/" + number + "/evidence/" + stored.evidence().id()))
        .body(stored.evidence());
  }

  /** The optional field {@code originalSize}: a positive whole number of bytes, or absent (blank counts as absent). */
  static Long originalSize(String given) {
    if (given == null || given.isBlank()) {
      return null;
    }
    try {
      long value = Long.parseLong(given.strip());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new BadRequestException("originalSize", "应为原图的字节数（正整数）");
  }

  @GetMapping("/api/v1/inspections/{number}/evidence")
  EvidenceList list(@PathVariable String number, Authentication caller) {
    access.requireAccess(number, caller);
    EvidenceProperties p = store.properties();
    return new EvidenceList(number, p.maxFileSize().toBytes(), p.types(),
        p.allowed().stream().map(EvidenceType::mediaType).toList(), p.maxFilesPerInspection(), store.list(number));
  }

  @GetMapping("/api/v1/inspections/{number}/evidence/{id}")
  ResponseEntity<byte[]> download(@PathVariable String number, @PathVariable long id, Authentication caller) {
    access.requireAccess(number, caller);
    EvidenceStore.Evidence evidence = store.get(number, id);
    boolean image = EvidenceType.fromMediaType(evidence.mediaType()).map(EvidenceType::isImage).orElse(false);
    ContentDisposition disposition = (image ? ContentDisposition.inline() : ContentDisposition.attachment())
        .filename(evidence.fileName(), java.nio.charset.StandardCharsets.UTF_8).build();
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(evidence.mediaType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox; default-src 'none'")
        .header("X-Content-SHA256", evidence.sha256())
        .eTag("\"" + evidence.sha256() + "\"")
        .body(store.content(id));
  }
}
