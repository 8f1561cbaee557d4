package org.onedoor.listing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.onedoor.evidence.EvidenceStore;
import org.onedoor.evidence.EvidenceType;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * The documents a business handed in with an objection or a removal application (its evidence), stored
 * with the filing. The checks are the evidence feature's ({@link EvidenceStore#properties()}): the same
 * size limit and accepted types, the type recognised from the content, never from the name; the SHA-256
 * of the bytes is stored and shown.
 */
@Service
public class ListingDocuments {

  /** The most files one filing may carry. */
  public static final int MAX_FILES_PER_FILING = 20;

  /** A file as received: its name, the size the client declared and the bytes. */
  public record Upload(String fileName, long declaredSize, byte[] content) {}

  /** A stored document's metadata. {@code kind}: OBJECTION or REMOVAL; {@code filingId}: that filing's id. */
  public record Document(long id, long listingId, String kind, long filingId, String fileName, String mediaType,
      String typeLabel, long sizeBytes, String sha256, String uploadedBy, Instant uploadedAt) {}

  /** An upload that passed the checks: its clean name and its type. */
  record Checked(Upload upload, String name, EvidenceType type) {}

  private final JdbcClient jdbc;
  private final EvidenceStore evidence;

  public ListingDocuments(JdbcClient jdbc, EvidenceStore evidence) {
    this.jdbc = jdbc;
    this.evidence = evidence;
  }

  /** The largest file accepted, in bytes (the evidence feature's limit). */
  public long maxFileSize() {
    return evidence.properties().maxFileSize().toBytes();
  }

  /** The limits in words, for the page: "每个文件不超过 20 MB，每次最多 20 个；只接受 JPEG 照片、…（按文件内容识别）". */
  public String limitsInWords() {
    return "每个文件不超过 " + EvidenceStore.megabytes(maxFileSize()) + "，每次最多 " + MAX_FILES_PER_FILING + " 个；只接受 "
        + evidence.allowedInWords() + "（按文件内容识别）";
  }

  /**
   * Checks every file before anything is saved: a bad one → 400 with field {@code documents} naming the
   * file and the reason (all bad files at once).
   */
  List<Checked> check(List<Upload> uploads) {
    List<Upload> files = uploads == null ? List.of() : uploads.stream()
        .filter(u -> u != null && !(u.declaredSize() == 0 && (u.fileName() == null || u.fileName().isBlank())))
        .toList();
    if (files.size() > MAX_FILES_PER_FILING) {
      throw new BadRequestException("documents", "每次登记最多 " + MAX_FILES_PER_FILING + " 个文件");
    }
    long max = evidence.properties().maxFileSize().toBytes();
    List<FieldError> errors = new ArrayList<>();
    List<Checked> checked = new ArrayList<>();
    for (Upload u : files) {
      String shown = u.fileName() == null || u.fileName().isBlank() ? "（未命名文件）" : u.fileName().strip();
      byte[] content = u.content();
      if (u.declaredSize() > max || (content != null && content.length > max)) {
        errors.add(new FieldError("documents", "文件“" + shown + "”超过 " + EvidenceStore.megabytes(max) + " 的上限"));
        continue;
      }
      if (content == null || content.length == 0) {
        errors.add(new FieldError("documents", "文件“" + shown + "”是空文件"));
        continue;
      }
      var type = EvidenceType.sniff(content).filter(evidence.properties().allowed()::contains);
      if (type.isEmpty()) {
        errors.add(new FieldError("documents", "文件“" + shown + "”按内容识别不是可接受的类型；只接受 "
            + evidence.allowedInWords()));
        continue;
      }
      checked.add(new Checked(u, EvidenceStore.fileName(u.fileName(), type.get(), "材料"), type.get()));
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    return checked;
  }

  /** Stores checked files for an objection or a removal (exactly one of the two ids), in the caller's transaction. */
  void store(long listingId, Long objectionId, Long removalId, List<Checked> files, String actor, Instant now) {
    for (Checked f : files) {
      byte[] content = f.upload().content();
      GeneratedKeyHolder key = new GeneratedKeyHolder();
      jdbc.sql("""
              INSERT INTO listing_document (listing_id, objection_id, removal_id, file_name, media_type, size_bytes,
                  sha256, uploaded_by, uploaded_at)
              VALUES (:l, :o, :r, :f, :m, :s, :h, :by, :at)""")
          .param("l", listingId).param("o", objectionId).param("r", removalId).param("f", f.name())
          .param("m", f.type().mediaType()).param("s", (long) content.length).param("h", EvidenceStore.sha256(content))
          .param("by", actor).param("at", Timestamp.from(now)).update(key, "id");
      long id = key.getKey().longValue();
      jdbc.sql("INSERT INTO listing_document_content (document_id, content) VALUES (:id, :c)")
          .param("id", id).param("c", content).update();
    }
  }

  /** Every document of a case, oldest first (metadata only). */
  public List<Document> ofListing(long listingId) {
    return jdbc.sql(SELECT + " WHERE listing_id = :l ORDER BY id").param("l", listingId).query(this::map).list();
  }

  public List<Document> ofObjection(long objectionId) {
    return jdbc.sql(SELECT + " WHERE objection_id = :o ORDER BY id").param("o", objectionId).query(this::map).list();
  }

  public List<Document> ofRemoval(long removalId) {
    return jdbc.sql(SELECT + " WHERE removal_id = :r ORDER BY id").param("r", removalId).query(this::map).list();
  }

  /** A document of this case; 404 when the id belongs to no document of it. */
  public Document get(long listingId, long documentId) {
    return jdbc.sql(SELECT + " WHERE listing_id = :l AND id = :id").param("l", listingId).param("id", documentId)
        .query(this::map).optional()
        .orElseThrow(() -> new NotFoundException("documentId", "第 " + listingId + " 号案件没有编号为 " + documentId + " 的材料"));
  }

  public byte[] content(long documentId) {
    return jdbc.sql("SELECT content FROM listing_document_content WHERE document_id = :id").param("id", documentId)
        .query((rs, i) -> rs.getBytes(1)).single();
  }

  /** "合同.pdf（PDF 文档，12 KB）、照片.jpg（JPEG 照片，1.2 MB）", or empty. */
  public static String names(List<Document> documents) {
    return String.join("、", documents.stream().map(d -> d.fileName() + "（" + d.typeLabel() + "，" + size(d.sizeBytes()) + "）")
        .toList());
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " 字节";
    }
    if (bytes < 1024 * 1024) {
      return Math.round(bytes / 1024.0) + " KB";
    }
    return String.format("%.1f MB", bytes / (1024.0 * 1024));
  }

  private static final String SELECT = "SELECT id, listing_id, objection_id, removal_id, file_name, media_type,"
      + " size_bytes, sha256, uploaded_by, uploaded_at FROM listing_document";

  private Document map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    Long objection = rs.getObject("objection_id", Long.class);
    String mediaType = rs.getString("media_type");
    return new Document(rs.getLong("id"), rs.getLong("listing_id"), objection != null ? "OBJECTION" : "REMOVAL",
        objection != null ? objection : rs.getLong("removal_id"), rs.getString("file_name"), mediaType,
        EvidenceType.fromMediaType(mediaType).map(EvidenceType::label).orElse(mediaType), rs.getLong("size_bytes"),
        rs.getString("sha256"), rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant());
  }
}
