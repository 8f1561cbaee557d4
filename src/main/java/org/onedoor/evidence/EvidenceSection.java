package org.onedoor.evidence;

import java.time.format.DateTimeFormatter;
import java.util.List;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.inspection.InspectionSection;
import org.springframework.stereotype.Component;

/**
 * The inspection page's "证据材料" section: every file with its type, size and SHA-256; a photo the phone made
 * smaller says so (已在手机端压缩) with the original's size.
 */
@Component
class EvidenceSection implements InspectionSection {

  private final EvidenceStore store;
  private final DateTimeFormatter time;

  EvidenceSection(EvidenceStore store, CalendarProperties calendar) {
    this.store = store;
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(calendar.zone());
  }

  @Override
  public String key() {
    return "evidence";
  }

  @Override
  public String title() {
    return "证据材料";
  }

  @Override
  public int order() {
    return 50;
  }

  @Override
  public Object data(String inspectionNumber) {
    return store.list(inspectionNumber);
  }

  @Override
  public Table table(String inspectionNumber) {
    List<List<String>> rows = store.list(inspectionNumber).stream().map(e -> List.of(
        e.fileName(), EvidenceType.fromMediaType(e.mediaType()).map(EvidenceType::label).orElse(e.mediaType()),
        e.sizeBytes() + " 字节" + (e.resizedOnPhone() ? "（已在手机端压缩，原图 " + e.originalSizeBytes() + " 字节）" : ""),
        e.sha256(), e.uploadedBy(), time.format(e.uploadedAt()),
        e.description() == null ? "" : e.description())).toList();
    return new Table(List.of("文件名", "类型", "大小", "SHA-256", "上传人", "上传时间", "说明"), rows);
  }
}
