package org.onedoor.directory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.onedoor.directory.DirectoryImports.Job;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Bulk imports, for administrators ({@code camunda-admin}).
 *
 * <ul>
 *   <li>{@code POST /api/management/v1/imports/{entities|inspectors|conflicts|catalogue}} (multipart {@code file}, optional {@code
 *       charset} UTF-8|GBK|GB18030): 202 {@code {"id":…,"status":"QUEUED"}} at once
 *   <li>{@code GET /api/management/v1/imports/{id}}: status, progress and every rejected row
 *   <li>{@code GET /api/management/v1/imports/{kind}/template}: the file format (UTF-8 CSV with BOM)
 * </ul>
 */
@RestController
@RequestMapping("/api/management/v1/imports")
public class ImportController {

  /** Largest file accepted (also the multipart limit, spring.servlet.multipart.max-file-size). */
  public static final long MAX_FILE_BYTES = 50L * 1024 * 1024;

  private final Map<String, FileImporter> importers = new LinkedHashMap<>();
  private final DirectoryImports imports;

  public ImportController(List<FileImporter> importers, DirectoryImports imports) {
    importers.forEach(i -> this.importers.put(i.kind(), i));
    this.imports = imports;
  }

  private FileImporter importer(String kind) {
    FileImporter importer = importers.get(kind);
    if (importer == null) {
      throw new NotFoundException("kind", "没有“" + kind + "”这种导入；可用：" + String.join("、", importers.keySet()));
    }
    return importer;
  }

  public record Accepted(long id, String status) {}

  public record RejectedRow(long row, String column, String reason) {}

  /** An import's report. */
  public record Report(
      long id,
      String kind,
      String fileName,
      String charset,
      String status,
      String message,
      int rowsTotal,
      int rowsDone,
      int rowsAccepted,
      int rowsRejected,
      int rowsCreated,
      int rowsUpdated,
      int rowsUnchanged,
      int progressPercent,
      String createdBy,
      Instant createdAt,
      Instant finishedAt,
      List<RejectedRow> rejections) {}

  @PostMapping("/{kind:[a-z]+}")
  public ResponseEntity<Accepted> importFile(
      @PathVariable String kind,
      @RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "charset", required = false) String charset,
      Principal principal)
      throws IOException {
    FileImporter importer = importer(kind);
    Charset declared = null;
    if (charset != null && !charset.isBlank()) {
      declared =
          ImportFile.declared(charset)
              .orElseThrow(() -> new BadRequestException("charset", "应为 UTF-8、GBK 或 GB18030（不填则自动识别）"));
    }
    if (file == null) {
      throw new BadRequestException("file", "请以 multipart 字段 file 上传 CSV 或 XLSX 文件");
    }
    if (file.isEmpty()) {
      throw new BadRequestException("file", "文件为空");
    }
    if (file.getSize() > MAX_FILE_BYTES) {
      throw new BadRequestException("file", "文件超过 50 MB 的上限，请拆分为多个文件");
    }
    long id;
    try (InputStream content = file.getInputStream()) {
      id = importer.submit(fileName(file.getOriginalFilename()), declared, principal.getName(), content);
    }
    return ResponseEntity.accepted()
        .location(URI.create("/api/management/v1/imports/" + id))
        .body(new Accepted(id, DirectoryImports.Status.QUEUED.name()));
  }

  @GetMapping("/{id:\\d+}")
  public Report report(@PathVariable long id) {
    Job job = imports.find(id).orElseThrow(() -> new NotFoundException("id", "没有编号为 " + id + " 的导入"));
    List<RejectedRow> rejections =
        imports.rejections(id).stream().map(r -> new RejectedRow(r.row(), r.column(), r.reason())).toList();
    int percent =
        job.status() == DirectoryImports.Status.DONE
            ? 100
            : job.rowsTotal() == 0 ? 0 : (int) (100L * job.rowsDone() / job.rowsTotal());
    return new Report(
        job.id(),
        job.kind(),
        job.fileName(),
        job.charset(),
        job.status().name(),
        job.message(),
        job.rowsTotal(),
        job.rowsDone(),
        job.rowsAccepted(),
        job.rowsRejected(),
        job.rowsCreated(),
        job.rowsUpdated(),
        job.rowsAccepted() - job.rowsCreated() - job.rowsUpdated(),
        percent,
        job.createdBy(),
        job.createdAt(),
        job.finishedAt(),
        rejections);
  }

  /** The header row of the entity file format, in Chinese. */
  public static String templateHeader() {
    return Stream.of(EntityColumn.values()).map(EntityColumn::chinese).collect(Collectors.joining(","));
  }

  /** The file format of a kind: a UTF-8 CSV with a byte order mark (so Excel opens it in Chinese) holding the header row. */
  @GetMapping("/{kind:[a-z]+}/template")
  public ResponseEntity<byte[]> template(@PathVariable String kind) {
    FileImporter importer = importer(kind);
    byte[] header = (String.join(",", importer.templateHeader()) + "\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[header.length + 3];
    body[0] = (byte) 0xEF;
    body[1] = (byte) 0xBB;
    body[2] = (byte) 0xBF;
    System.arraycopy(header, 0, body, 3, header.length);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(importer.templateName(), StandardCharsets.UTF_8).build().toString())
        .body(body);
  }

  private static String fileName(String original) {
    if (original == null || original.isBlank()) {
      return "upload.csv";
    }
    String name = original.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).strip();
    return name.length() > 255 ? name.substring(name.length() - 255) : name;
  }

}
