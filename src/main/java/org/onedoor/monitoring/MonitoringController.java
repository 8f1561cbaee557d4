package org.onedoor.monitoring;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.directory.ImportMachinery;
import org.onedoor.directory.ImportReport;
import org.onedoor.monitoring.MonitoringProperties.Source;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.onedoor.platform.web.NotFoundException;
import org.onedoor.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Monitoring intake (issue 15, item 3; docs/api.md "Monitoring records").
 *
 * <ul>
 *   <li>{@code POST /api/v1/monitoring/records} — for monitoring platforms (role {@code role-monitoring-system},
 *       or an administrator): a JSON array of readings. 200 with the counts when every reading was good; 400
 *       naming each bad reading and field ({@code records[3].value}) when some were not — the good ones are
 *       stored all the same, and the body says how many.
 *   <li>{@code POST /api/v1/monitoring/uploads} — for people: a CSV or XLSX file, imported in the background;
 *       202 with the import's id. {@code GET /api/v1/monitoring/uploads/{id}} its report with the warnings raised
 *       (the uploader or an administrator); {@code GET /api/v1/monitoring/uploads/template} the file format. The
 *       warnings page's card 监测数据导入 uses them (the Tasklist sign-in reaches these paths too).
 *   <li>{@code GET /api/v1/monitoring/sources} — the sources with their indicators.
 * </ul>
 */
@RestController
class MonitoringController {

  /** What a submission did (the body of 200, and beside the errors in 400). */
  record Answer(int received, int stored, int duplicates, int rejected, int warningsRaised) {}

  /** 400: onedoor's error shape plus what was stored all the same. */
  record Refused(int status, String error, String path, List<FieldError> errors, int received, int stored,
      int duplicates, int rejected, int warningsRaised) {}

  record Accepted(long id, String status) {}

  /** An upload's report: the import's, and the warnings its readings raised so far. */
  record UploadReport(@JsonUnwrapped ImportReport report, int warningsRaised) {}

  private final MonitoringProperties properties;
  private final MonitoringSources sources;
  private final ReadingParser parser;
  private final MonitoringIntake intake;
  private final MonitoringFileImporter importer;
  private final ImportMachinery machinery;
  private final MonitoringStore store;

  MonitoringController(MonitoringProperties properties, MonitoringSources sources, ReadingParser parser,
      MonitoringIntake intake, MonitoringFileImporter importer, ImportMachinery machinery, MonitoringStore store) {
    this.properties = properties;
    this.sources = sources;
    this.parser = parser;
    this.intake = intake;
    this.importer = importer;
    this.machinery = machinery;
    this.store = store;
  }

  @PostMapping(path = "/api/v1/monitoring/records", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> records(@RequestBody(required = false) byte[] body, Authentication caller,
      HttpServletRequest request) {
    if (body == null || body.length == 0) {
      throw new BadRequestException("records", "请求体应为监测数据的 JSON 数组（1–" + properties.maxRecordsPerRequest() + " 条）");
    }
    Instant now = ClockUtil.now().toInstant();
    JsonReadings.Parsed parsed = JsonReadings.parse(body, properties.maxRecordsPerRequest(), parser, now);
    List<MonitoringIntake.Refusal> refused = parsed.refused();
    List<MonitoringIntake.Candidate> candidates = parsed.candidates();
    long refusedRows = parsed.refusedElements();
    MonitoringIntake.Outcome outcome = intake.ingestCall(candidates, (int) refusedRows, submitter(caller), now);
    List<MonitoringIntake.Refusal> all = new ArrayList<>(refused);
    all.addAll(outcome.refusals());
    int rejected = (int) all.stream().mapToLong(MonitoringIntake.Refusal::position).distinct().count();
    Answer answer = new Answer(parsed.elements(), outcome.stored(), outcome.duplicates(), rejected, outcome.warningsRaised());
    if (all.isEmpty()) {
      return ResponseEntity.ok(answer);
    }
    List<FieldError> errors = all.stream()
        .sorted(Comparator.comparingLong(MonitoringIntake.Refusal::position))
        .map(r -> new FieldError("records[" + r.position() + "]" + (r.field().isEmpty() ? "" : "." + r.field()),
            r.reason()))
        .toList();
    return ResponseEntity.badRequest().body(new Refused(400, HttpStatus.BAD_REQUEST.getReasonPhrase(),
        request.getRequestURI(), errors, answer.received(), answer.stored(), answer.duplicates(), answer.rejected(),
        answer.warningsRaised()));
  }

  @PostMapping("/api/v1/monitoring/uploads")
  ResponseEntity<Accepted> upload(@RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "charset", required = false) String charset, Authentication caller) throws IOException {
    // someone who may submit for no source would only get every row refused: say so before the file is taken
    List<String> groups = groups(caller);
    if (sources.all().stream().noneMatch(s -> MonitoringSources.maySubmit(s, caller.getName(), groups))) {
      throw new AccessDeniedException("只有监测数据来源所属部门的人员或系统管理员可以导入监测数据");
    }
    long id = machinery.submit(importer, file, charset, caller.getName());
    return ResponseEntity.accepted().location(URI.create("/api/v1/monitoring/uploads/" + id))
        .body(new Accepted(id, "QUEUED"));
  }

  @GetMapping("/api/v1/monitoring/uploads/{id:\\d+}")
  UploadReport report(@PathVariable long id, Authentication caller) {
    ImportReport report = machinery.report(id)
        .filter(r -> MonitoringFileImporter.KIND.equals(r.kind()))
        .orElseThrow(() -> new NotFoundException("id", "没有编号为 " + id + " 的监测数据上传"));
    if (!report.createdBy().equals(caller.getName()) && !groups(caller).contains(Role.CAMUNDA_ADMIN_GROUP)) {
      throw new AccessDeniedException("只有上传人或系统管理员可以查看该上传的报告");
    }
    // counted after the report is read: a report that says DONE comes with the final count
    return new UploadReport(report, store.warningsOfImport(id));
  }

  @GetMapping("/api/v1/monitoring/uploads/template")
  ResponseEntity<byte[]> template() {
    return ImportMachinery.template(importer);
  }

  record IndicatorView(String code, String name, String unit, Double min, Double max) {}

  record SourceView(String code, String name, String department, List<IndicatorView> indicators) {}

  @GetMapping("/api/v1/monitoring/sources")
  List<SourceView> sources() {
    List<SourceView> views = new ArrayList<>();
    for (Source s : sources.all()) {
      views.add(new SourceView(s.code(), s.name(), s.department(), s.indicators().stream()
          .map(i -> new IndicatorView(i.code(), i.name(), i.unit(), i.min(), i.max())).toList()));
    }
    return views;
  }

  private static MonitoringIntake.Submitter submitter(Authentication caller) {
    return new MonitoringIntake.Submitter(caller.getName(), groups(caller));
  }

  private static List<String> groups(Authentication caller) {
    return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
  }
}
