package org.onedoor.directory;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.onedoor.platform.web.NotFoundException;
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

  private final Map<String, FileImporter> importers = new LinkedHashMap<>();
  private final ImportMachinery machinery;

  public ImportController(List<FileImporter> importers, ImportMachinery machinery) {
    importers.forEach(i -> this.importers.put(i.kind(), i));
    this.machinery = machinery;
  }

  private FileImporter importer(String kind) {
    FileImporter importer = importers.get(kind);
    if (importer == null) {
      throw new NotFoundException("kind", "没有“" + kind + "”这种导入；可用：" + String.join("、", importers.keySet()));
    }
    return importer;
  }

  public record Accepted(long id, String status) {}

  @PostMapping("/{kind:[a-z]+}")
  public ResponseEntity<Accepted> importFile(
      @PathVariable String kind,
      @RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "charset", required = false) String charset,
      Principal principal)
      throws IOException {
    long id = machinery.submit(importer(kind), file, charset, principal.getName());
    return ResponseEntity.accepted()
        .location(URI.create("/api/management/v1/imports/" + id))
        .body(new Accepted(id, DirectoryImports.Status.QUEUED.name()));
  }

  @GetMapping("/{id:\\d+}")
  public ImportReport report(@PathVariable long id) {
    return machinery.report(id).orElseThrow(() -> new NotFoundException("id", "没有编号为 " + id + " 的导入"));
  }

  /** The header row of the entity file format, in Chinese. */
  public static String templateHeader() {
    return Stream.of(EntityColumn.values()).map(EntityColumn::chinese).collect(Collectors.joining(","));
  }

  /** The file format of a kind: a UTF-8 CSV with a byte order mark (so Excel opens it in Chinese) holding the header row. */
  @GetMapping("/{kind:[a-z]+}/template")
  public ResponseEntity<byte[]> template(@PathVariable String kind) {
    return ImportMachinery.template(importer(kind));
  }

}
