package org.onedoor.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.onedoor.inspection.InspectionAccess;
import org.onedoor.inspection.InspectionAudit;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Photos and documents attached to an inspection. An upload is its own transaction, independent of any
 * task: what was uploaded stays whatever happens to the form that refers to it. The type is sniffed from
 * the content; the SHA-256 of the bytes is stored and shown, and the same file twice in one inspection is
 * stored once (a phone retrying an upload gets the first copy back).
 */
@Service
public class EvidenceStore {

  /**
   * One file's metadata. {@code department}: the uploader's department in this inspection (null: an admin).
   * {@code originalSizeBytes}: the size of the photo before the phone made it smaller (null: stored as sent);
   * {@code sizeBytes} and {@code sha256} are always those of the stored bytes.
   */
  public record Evidence(long id, String inspectionNumber, String department, String fileName, String mediaType,
      long sizeBytes, String sha256, String description, String uploadedBy, Instant uploadedAt,
      Long originalSizeBytes) {

    /** True when the phone made the photo smaller before uploading it. */
    public boolean resizedOnPhone() {
      return originalSizeBytes != null;
    }
  }

  /** The result of an upload: the stored file and whether this call stored it (false: it was already there). */
  public record Stored(Evidence evidence, boolean created) {}

  static final int MAX_DESCRIPTION = 500;
  static final int MAX_FILE_NAME = 255;

  private final JdbcClient jdbc;
  private final EvidenceProperties properties;
  private final InspectionAccess access;
  private final InspectionAudit audit;

  public EvidenceStore(JdbcClient jdbc, EvidenceProperties properties, InspectionAccess access, InspectionAudit audit) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.access = access;
    this.audit = audit;
  }

  public EvidenceProperties properties() {
    return properties;
  }

  /** The accepted types in words, for messages: "JPEG 照片、PNG 图片、…". */
  public String allowedInWords() {
    return properties.allowed().stream().map(EvidenceType::label).collect(Collectors.joining("、"));
  }

  @Transactional
  public Stored upload(String inspectionNumber, String fileName, long declaredSize, byte[] content, String description,
      String user, List<String> groups, Instant now) {
    return upload(inspectionNumber, fileName, declaredSize, content, description, null, user, groups, now);
  }

  /**
   * As {@link #upload(String, String, long, byte[], String, String, List, Instant)}, for a photo the phone
   * made smaller: {@code originalSize} is the size of the photo it was made from (null: stored as sent). It
   * must be a JPEG and smaller than the original; the hash is of the bytes stored.
   */
  @Transactional
  public Stored upload(String inspectionNumber, String fileName, long declaredSize, byte[] content, String description,
      Long originalSize, String user, List<String> groups, Instant now) {
    access.requireExists(inspectionNumber);
    long max = properties.maxFileSize().toBytes();
    if (declaredSize > max || (content != null && content.length > max)) {
      throw new BadRequestException("file", "文件超过 " + megabytes(max) + " 的上限");
    }
    if (content == null || content.length == 0) {
      throw new BadRequestException("file", "文件为空");
    }
    EvidenceType type = EvidenceType.sniff(content).filter(properties.allowed()::contains)
        .orElseThrow(() -> new BadRequestException("file", "按文件内容识别，不是可接受的类型；只接受 " + allowedInWords()));
    if (originalSize != null && type != EvidenceType.JPEG) {
      throw new BadRequestException("originalSize", "只有在手机端压缩的 JPEG 照片才有原图大小");
    }
    if (originalSize != null && originalSize <= content.length) {
      throw new BadRequestException("originalSize", "原图大小应大于上传的文件（" + content.length + " 字节）");
    }
    String note = description == null || description.isBlank() ? null : description.strip();
    if (note != null && note.length() > MAX_DESCRIPTION) {
      throw new BadRequestException("description", "最长 " + MAX_DESCRIPTION + " 个字符");
    }
    String sha256 = sha256(content);
    Optional<Evidence> same = find("WHERE inspection_number = :n AND sha256 = :h", inspectionNumber, sha256);
    if (same.isPresent()) {
      return new Stored(same.get(), false);
    }
    int count = jdbc.sql("SELECT COUNT(*) FROM evidence WHERE inspection_number = :n").param("n", inspectionNumber)
        .query(Integer.class).single();
    if (count >= properties.maxFilesPerInspection()) {
      throw new BadRequestException("file", "每次检查最多 " + properties.maxFilesPerInspection() + " 个文件");
    }
    String department = access.departments(inspectionNumber).stream().filter(groups::contains).findFirst().orElse(null);
    String name = fileName(fileName, type);
    try {
      jdbc.sql("INSERT INTO evidence (inspection_number, department, file_name, media_type, size_bytes, sha256,"
              + " description, uploaded_by, uploaded_at, original_size_bytes)"
              + " VALUES (:n, :d, :f, :m, :s, :h, :note, :by, :at, :orig)")
          .param("n", inspectionNumber).param("d", department).param("f", name).param("m", type.mediaType())
          .param("s", (long) content.length).param("h", sha256).param("note", note).param("by", user)
          .param("at", Timestamp.from(now)).param("orig", originalSize).update();
    } catch (DuplicateKeyException e) {
      throw new ConflictException("同一文件正在上传，请刷新列表");
    }
    Evidence stored = find("WHERE inspection_number = :n AND sha256 = :h", inspectionNumber, sha256).orElseThrow();
    jdbc.sql("INSERT INTO evidence_content (evidence_id, content) VALUES (:id, :c)")
        .param("id", stored.id()).param("c", content).update();
    audit.record(inspectionNumber, department, "evidence-uploaded", user, now,
        "上传证据材料“" + name + "”（" + type.label() + "，" + content.length + " 字节"
            + (originalSize == null ? "" : "，已在手机端压缩，原图 " + originalSize + " 字节") + "，SHA-256 " + sha256 + "）",
        note);
    return new Stored(stored, true);
  }

  /** Every file of an inspection, oldest first (metadata only). */
  public List<Evidence> list(String inspectionNumber) {
    return jdbc.sql(SELECT + " WHERE inspection_number = :n ORDER BY id").param("n", inspectionNumber)
        .query((rs, i) -> new Evidence(rs.getLong("id"), rs.getString("inspection_number"), rs.getString("department"),
            rs.getString("file_name"), rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
            rs.getString("description"), rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant(),
            rs.getObject("original_size_bytes", Long.class)))
        .list();
  }

  /** A file of this inspection with its bytes; 404 when the id belongs to no file of it. */
  public Evidence get(String inspectionNumber, long id) {
    return list(inspectionNumber).stream().filter(e -> e.id() == id).findFirst()
        .orElseThrow(() -> new NotFoundException("id", "检查 " + inspectionNumber + " 没有编号为 " + id + " 的证据材料"));
  }

  public byte[] content(long id) {
    return jdbc.sql("SELECT content FROM evidence_content WHERE evidence_id = :id").param("id", id)
        .query((rs, i) -> rs.getBytes(1)).single();
  }

  private static final String SELECT = "SELECT id, inspection_number, department, file_name, media_type, size_bytes,"
      + " sha256, description, uploaded_by, uploaded_at, original_size_bytes FROM evidence";

  private Optional<Evidence> find(String where, String number, String sha256) {
    return jdbc.sql(SELECT + " " + where).param("n", number).param("h", sha256)
        .query((rs, i) -> new Evidence(rs.getLong("id"), rs.getString("inspection_number"), rs.getString("department"),
            rs.getString("file_name"), rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
            rs.getString("description"), rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant(),
            rs.getObject("original_size_bytes", Long.class)))
        .optional();
  }

  static String fileName(String given, EvidenceType type) {
    return fileName(given, type, "证据");
  }

  /**
   * The name without any path and control characters, at most 255 characters; {@code stem} plus the
   * type's extension when none is left. Shared with the documents of listing filings.
   */
  public static String fileName(String given, EvidenceType type, String stem) {
    String name = given == null ? "" : given.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      name = stem + "." + type.extension();
    }
    return name.length() <= MAX_FILE_NAME ? name : name.substring(name.length() - MAX_FILE_NAME);
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String megabytes(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " 字节";
  }
}
