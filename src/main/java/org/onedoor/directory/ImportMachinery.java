package org.onedoor.directory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.onedoor.directory.DirectoryImports.Job;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import machinery as other features reach it (issue 15: monitoring records are uploaded as CSV or
 * XLSX like the directories): what a {@link FileImporter} of another feature is built from, and the
 * report of any import. Uploads of every kind share the store, the background runs, the batches, the
 * takeover by another node and the per-row report.
 */
@Component
public class ImportMachinery {

  final DirectoryImports imports;
  final TransactionTemplate tx;
  final ImportSettings settings;

  public ImportMachinery(DirectoryImports imports, TransactionTemplate tx, ImportSettings settings) {
    this.imports = imports;
    this.tx = tx;
    this.settings = settings;
  }

  /** Largest file accepted (also the multipart limit, spring.servlet.multipart.max-file-size). */
  public static final long MAX_FILE_BYTES = 50L * 1024 * 1024;

  /**
   * Checks an upload (the multipart {@code file}, an optional declared {@code charset} UTF-8|GBK|GB18030),
   * stores it and queues its import; returns the import's id. 400 naming {@code file} or {@code charset}.
   */
  public long submit(FileImporter importer, MultipartFile file, String charset, String user) throws IOException {
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
    try (InputStream content = file.getInputStream()) {
      return importer.submit(fileName(file.getOriginalFilename()), declared, user, content);
    }
  }

  /** The file format of a kind: a UTF-8 CSV with a byte order mark (so Excel opens it in Chinese) holding the header row. */
  public static ResponseEntity<byte[]> template(FileImporter importer) {
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

  /** The report of an import, empty when there is none with that id. */
  public Optional<ImportReport> report(long id) {
    return imports.find(id).map(job -> report(job, imports.rejections(id)));
  }

  static ImportReport report(Job job, List<DirectoryImports.Rejection> rejected) {
    List<ImportReport.RejectedRow> rejections =
        rejected.stream().map(r -> new ImportReport.RejectedRow(r.row(), r.column(), r.reason())).toList();
    int percent =
        job.status() == DirectoryImports.Status.DONE
            ? 100
            : job.rowsTotal() == 0 ? 0 : (int) (100L * job.rowsDone() / job.rowsTotal());
    return new ImportReport(
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
}
