package org.onedoor.evidence;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code onedoor.evidence.*}.
 *
 * @param maxFileSize the largest file accepted (default 20MB; Spring's multipart limit, 50MB, must stay above it)
 * @param types the accepted types by code: jpeg, png, pdf, heic, webp (default all five), recognised from the content
 * @param maxFilesPerInspection the most files one inspection may hold (default 200)
 */
@ConfigurationProperties("onedoor.evidence")
public record EvidenceProperties(DataSize maxFileSize, List<String> types, Integer maxFilesPerInspection) {

  public EvidenceProperties {
    maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(20) : maxFileSize;
    types = types == null || types.isEmpty() ? List.of("jpeg", "png", "pdf", "heic", "webp") : List.copyOf(types);
    maxFilesPerInspection = maxFilesPerInspection == null ? 200 : maxFilesPerInspection;
    for (String code : types) {
      if (EvidenceType.fromCode(code).isEmpty()) {
        throw new IllegalArgumentException("onedoor.evidence.types: unknown type '" + code
            + "' (known: jpeg, png, pdf, heic, webp)");
      }
    }
    if (maxFileSize.toBytes() < 1 || maxFilesPerInspection < 1) {
      throw new IllegalArgumentException("onedoor.evidence: max-file-size and max-files-per-inspection must be positive");
    }
  }

  public Set<EvidenceType> allowed() {
    Set<EvidenceType> allowed = new LinkedHashSet<>();
    types.forEach(code -> allowed.add(EvidenceType.fromCode(code).orElseThrow()));
    return allowed;
  }
}
