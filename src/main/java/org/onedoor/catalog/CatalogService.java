package org.onedoor.catalog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.onedoor.catalog.Catalog.Item;
import org.onedoor.catalog.Catalog.ItemDraft;
import org.onedoor.catalog.Catalog.Page;
import org.onedoor.catalog.Catalog.SubItem;
import org.onedoor.catalog.Catalog.SubItemDraft;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.platform.web.NotFoundException;
import org.onedoor.security.OrganisationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The random-inspection item catalogue (R1): checklist → item → sub-item → check content lines.
 * Versioned: a draft is edited (or imported) and then published; a published version never
 * changes, so a plan that names its version keeps exactly the items it was published with. A new
 * draft starts as a copy of the latest published version.
 */
@Service
public class CatalogService {

  static final String DRAFT = "DRAFT";
  static final String PUBLISHED = "PUBLISHED";
  static final int MAX_PAGE_SIZE = 200;
  static final String METHOD_SEPARATOR = "、";

  private final JdbcClient jdbc;
  private final OrganisationProperties organisation;

  public CatalogService(JdbcClient jdbc, OrganisationProperties organisation) {
    this.jdbc = jdbc;
    this.organisation = organisation;
  }

  // ---- versions ----

  public List<Version> versions() {
    return jdbc.sql(
            """
            SELECT v.version_no, v.status, v.note, v.created_by, v.created_at, v.published_by, v.published_at,
                   (SELECT COUNT(*) FROM catalog_item i WHERE i.version_id = v.id) AS items
            FROM catalog_version v ORDER BY v.version_no DESC
            """)
        .query(CatalogService::version)
        .list();
  }

  public Version version(int versionNo) {
    return versions().stream()
        .filter(v -> v.versionNo() == versionNo)
        .findFirst()
        .orElseThrow(() -> new NotFoundException("version", "目录版本 " + versionNo + " 不存在"));
  }

  public Optional<Version> latestPublished() {
    return versions().stream().filter(Version::isPublished).findFirst();
  }

  /** A new draft, holding a copy of the latest published version (or empty when none). */
  @Transactional
  public Version createDraft(String user, String note, Instant now) {
    if (versions().stream().anyMatch(v -> DRAFT.equals(v.status()))) {
      throw new ConflictException("已有未发布的草稿版本，请先发布或编辑该版本");
    }
    int next = jdbc.sql("SELECT COALESCE(MAX(version_no), 0) + 1 FROM catalog_version").query(Integer.class).single();
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO catalog_version (version_no, status, note, created_by, created_at)"
                + " VALUES (:no, :status, :note, :by, :at)")
        .param("no", next)
        .param("status", DRAFT)
        .param("note", note)
        .param("by", user)
        .param("at", Timestamp.from(now))
        .update(key, "id");
    long draftId = key.getKeyAs(Number.class).longValue();
    latestPublished().ifPresent(published -> copyVersion(versionId(published.versionNo()), draftId));
    return version(next);
  }

  @Transactional
  public Version publish(int versionNo, String user, Instant now) {
    Version version = version(versionNo);
    requireDraft(version);
    if (version.items() == 0) {
      throw new BadRequestException("version", "空版本不能发布：至少需要一个抽查事项");
    }
    jdbc.sql("UPDATE catalog_version SET status = :published, published_by = :by, published_at = :at"
            + " WHERE version_no = :no AND status = :draft")
        .param("published", PUBLISHED)
        .param("by", user)
        .param("at", Timestamp.from(now))
        .param("no", versionNo)
        .param("draft", DRAFT)
        .update();
    return version(versionNo);
  }

  // ---- editing a draft ----

  /** Creates or replaces one item (with its sub-items and lines) in a draft version. */
  @Transactional
  public Item putItem(int versionNo, String itemCode, ItemDraft draft) {
    Version version = version(versionNo);
    requireDraft(version);
    validate(itemCode, draft);
    // sub-item codes are unique within a version: one held by another item would break the insert
    Map<String, String> owners = subItemOwners(versionNo, draft.subItems().stream().map(s -> s.code().strip()).toList());
    List<FieldError> taken = new ArrayList<>();
    for (int i = 0; i < draft.subItems().size(); i++) {
      String owner = owners.get(draft.subItems().get(i).code().strip());
      if (owner != null && !owner.equals(itemCode)) {
        taken.add(new FieldError("subItems[" + i + "].code", "子项编码已属于事项 " + owner));
      }
    }
    if (!taken.isEmpty()) {
      throw new BadRequestException(taken);
    }
    long versionId = versionId(versionNo);
    deleteItemRows(versionId, itemCode);
    long checklistId = ensureChecklist(versionId, draft);
    GeneratedKeyHolder itemKey = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO catalog_item (version_id, checklist_id, code, name, department, legal_basis, kind, methods)
            VALUES (:v, :checklist, :code, :name, :department, :basis, :kind, :methods)
            """)
        .param("v", versionId)
        .param("checklist", checklistId)
        .param("code", itemCode)
        .param("name", draft.name().strip())
        .param("department", draft.department())
        .param("basis", draft.legalBasis().strip())
        .param("kind", ItemKind.parse(draft.kind()).orElseThrow().code())
        .param("methods", draft.methods().stream()
            .map(m -> CheckMethod.parse(m).orElseThrow().code())
            .distinct()
            .collect(Collectors.joining(METHOD_SEPARATOR)))
        .update(itemKey, "id");
    long itemId = itemKey.getKeyAs(Number.class).longValue();
    for (SubItemDraft sub : draft.subItems()) {
      GeneratedKeyHolder subKey = new GeneratedKeyHolder();
      jdbc.sql("INSERT INTO catalog_sub_item (version_id, item_id, code, name) VALUES (:v, :item, :code, :name)")
          .param("v", versionId)
          .param("item", itemId)
          .param("code", sub.code().strip())
          .param("name", sub.name().strip())
          .update(subKey, "id");
      long subId = subKey.getKeyAs(Number.class).longValue();
      int seq = 1;
      for (String line : sub.contentLines()) {
        jdbc.sql("INSERT INTO catalog_content_line (version_id, sub_item_id, seq, text) VALUES (:v, :sub, :seq, :text)")
            .param("v", versionId)
            .param("sub", subId)
            .param("seq", seq++)
            .param("text", line.strip())
            .update();
      }
    }
    return item(versionNo, itemCode);
  }

  @Transactional
  public void deleteItem(int versionNo, String itemCode) {
    requireDraft(version(versionNo));
    if (deleteItemRows(versionId(versionNo), itemCode) == 0) {
      throw new NotFoundException("code", "版本 " + versionNo + " 中没有抽查事项 " + itemCode);
    }
  }

  // ---- reading ----

  public Item item(int versionNo, String itemCode) {
    List<Item> found = loadItems(versionId(versionNo), null, itemCode, 0, 1);
    if (found.isEmpty()) {
      throw new NotFoundException("code", "版本 " + versionNo + " 中没有抽查事项 " + itemCode);
    }
    return found.get(0);
  }

  /** Items of a version, optionally of one department, in code order. */
  public Page<Item> items(int versionNo, String department, int page, int size) {
    if (page < 0) {
      throw new BadRequestException("page", "不能为负数");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new BadRequestException("size", "应在 1 到 " + MAX_PAGE_SIZE + " 之间");
    }
    if (department != null && organisation.department(department).isEmpty()) {
      throw new BadRequestException("department", "未知的部门：" + department);
    }
    long versionId = versionId(versionNo);
    long total = jdbc.sql("SELECT COUNT(*) FROM catalog_item WHERE version_id = :v"
            + (department == null ? "" : " AND department = :d"))
        .param("v", versionId)
        .params(department == null ? Map.of() : Map.of("d", department))
        .query(Long.class)
        .single();
    return new Page<>(loadItems(versionId, department, null, page * size, size), page, size, total);
  }

  /** The owning department of each of {@code codes} found in the version (missing codes are absent). */
  public Map<String, String> departmentsOf(int versionNo, java.util.Collection<String> codes) {
    if (codes.isEmpty()) {
      return Map.of();
    }
    Map<String, String> found = new LinkedHashMap<>();
    jdbc.sql("SELECT code, department FROM catalog_item WHERE version_id = :v AND code IN (:codes)")
        .param("v", versionId(versionNo))
        .param("codes", List.copyOf(codes))
        .query(rs -> {
          found.put(rs.getString("code"), rs.getString("department"));
        });
    return found;
  }

  /** The draft version, if there is one (at most one at a time). */
  public Optional<Version> draft() {
    return versions().stream().filter(v -> DRAFT.equals(v.status())).findFirst();
  }

  /** The item, if the version has it. */
  public Optional<Item> findItem(int versionNo, String itemCode) {
    List<Item> found = loadItems(versionId(versionNo), null, itemCode, 0, 1);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /**
   * Which items of a version hold these sub-item codes (sub-item codes are unique within a
   * version): sub-item code → item code.
   */
  public Map<String, String> subItemOwners(int versionNo, java.util.Collection<String> subItemCodes) {
    Map<String, String> owners = new LinkedHashMap<>();
    if (subItemCodes.isEmpty()) {
      return owners;
    }
    jdbc.sql("SELECT s.code, i.code AS item FROM catalog_sub_item s JOIN catalog_item i ON i.id = s.item_id"
            + " WHERE s.version_id = :v AND s.code IN (:codes)")
        .param("v", versionId(versionNo))
        .param("codes", List.copyOf(subItemCodes))
        .query(rs -> {
          owners.put(rs.getString("code"), rs.getString("item"));
        });
    return owners;
  }

  /** The version to read when the caller names none: the latest published one. */
  public int defaultVersionNo() {
    return latestPublished()
        .map(Version::versionNo)
        .orElseThrow(() -> new NotFoundException("version", "尚未发布任何目录版本"));
  }

  private List<Item> loadItems(long versionId, String department, String code, int offset, int limit) {
    StringBuilder sql = new StringBuilder(
        """
        SELECT i.id, i.code, i.name, c.code AS checklist_code, c.name AS checklist_name, i.department,
               i.legal_basis, i.kind, i.methods
        FROM catalog_item i JOIN catalog_checklist c ON c.id = i.checklist_id
        WHERE i.version_id = :v
        """);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("v", versionId);
    if (department != null) {
      sql.append(" AND i.department = :d");
      params.put("d", department);
    }
    if (code != null) {
      sql.append(" AND i.code = :code");
      params.put("code", code);
    }
    sql.append(" ORDER BY i.code LIMIT :limit OFFSET :offset");
    params.put("limit", limit);
    params.put("offset", offset);
    record Row(long id, Item item) {}
    List<Row> rows = jdbc.sql(sql.toString()).params(params)
        .query((rs, n) -> new Row(rs.getLong("id"), new Item(
            rs.getString("code"), rs.getString("name"), rs.getString("checklist_code"),
            rs.getString("checklist_name"), rs.getString("department"), rs.getString("legal_basis"),
            rs.getString("kind"), Arrays.asList(rs.getString("methods").split(METHOD_SEPARATOR)), List.of())))
        .list();
    if (rows.isEmpty()) {
      return List.of();
    }
    // one query for the sub-items and lines of the whole page, not one per item
    Map<Long, Map<Long, SubItemBuilder>> subs = new LinkedHashMap<>();
    jdbc.sql(
            """
            SELECT s.item_id, s.id, s.code, s.name, l.text
            FROM catalog_sub_item s LEFT JOIN catalog_content_line l ON l.sub_item_id = s.id
            WHERE s.item_id IN (:items) ORDER BY s.item_id, s.code, l.seq
            """)
        .param("items", rows.stream().map(Row::id).toList())
        .query(rs -> {
          SubItemBuilder sub = subs.computeIfAbsent(rs.getLong("item_id"), k -> new LinkedHashMap<>())
              .computeIfAbsent(rs.getLong("id"), k -> {
                try {
                  return new SubItemBuilder(rs.getString("code"), rs.getString("name"));
                } catch (java.sql.SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
          String text = rs.getString("text");
          if (text != null) {
            sub.lines.add(text);
          }
        });
    List<Item> items = new ArrayList<>();
    for (Row row : rows) {
      List<SubItem> subItems = subs.getOrDefault(row.id(), Map.of()).values().stream()
          .map(b -> new SubItem(b.code, b.name, List.copyOf(b.lines)))
          .toList();
      Item i = row.item();
      items.add(new Item(i.code(), i.name(), i.checklistCode(), i.checklistName(), i.department(),
          i.legalBasis(), i.kind(), i.methods(), subItems));
    }
    return items;
  }

  private static final class SubItemBuilder {
    final String code;
    final String name;
    final List<String> lines = new ArrayList<>();

    SubItemBuilder(String code, String name) {
      this.code = code;
      this.name = name;
    }
  }

  // ---- internals ----

  /** Checks an item as {@link #putItem} does, every field at once; throws {@link BadRequestException}. */
  public void validate(String itemCode, ItemDraft draft) {
    List<FieldError> errors = new ArrayList<>();
    if (itemCode == null || !itemCode.matches("[A-Za-z0-9._-]{1,40}")) {
      errors.add(new FieldError("code", "事项编码应为 1–40 位字母、数字或 . _ -"));
    }
    if (draft == null) {
      throw new BadRequestException("body", "缺少事项内容");
    }
    text(errors, "checklistCode", draft.checklistCode(), 40);
    text(errors, "checklistName", draft.checklistName(), 200);
    text(errors, "name", draft.name(), 300);
    text(errors, "legalBasis", draft.legalBasis(), 1000);
    if (draft.department() == null || organisation.department(draft.department()).isEmpty()) {
      errors.add(new FieldError("department", "未知的部门：" + draft.department()));
    }
    if (ItemKind.parse(draft.kind()).isEmpty()) {
      errors.add(new FieldError("kind", "应为 general（一般）或 key（重点）"));
    }
    if (draft.methods() == null || draft.methods().isEmpty()) {
      errors.add(new FieldError("methods", "至少选择一种检查方式"));
    } else {
      for (String method : draft.methods()) {
        if (CheckMethod.parse(method).isEmpty()) {
          errors.add(new FieldError("methods", "未知的检查方式：" + method));
        }
      }
    }
    if (draft.subItems() == null || draft.subItems().isEmpty()) {
      errors.add(new FieldError("subItems", "至少需要一个子项"));
    } else {
      java.util.Set<String> codes = new java.util.HashSet<>();
      for (int i = 0; i < draft.subItems().size(); i++) {
        SubItemDraft sub = draft.subItems().get(i);
        String at = "subItems[" + i + "]";
        text(errors, at + ".code", sub.code(), 40);
        text(errors, at + ".name", sub.name(), 300);
        if (sub.code() != null && !codes.add(sub.code().strip())) {
          errors.add(new FieldError(at + ".code", "子项编码重复：" + sub.code()));
        }
        if (sub.contentLines() == null || sub.contentLines().isEmpty()) {
          errors.add(new FieldError(at + ".contentLines", "至少需要一条检查内容"));
        } else {
          for (int j = 0; j < sub.contentLines().size(); j++) {
            text(errors, at + ".contentLines[" + j + "]", sub.contentLines().get(j), 1000);
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
  }

  private static void text(List<FieldError> errors, String field, String value, int max) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "必填"));
    } else if (value.strip().length() > max) {
      errors.add(new FieldError(field, "不能超过 " + max + " 个字符"));
    }
  }

  private void requireDraft(Version version) {
    if (!DRAFT.equals(version.status())) {
      throw new ConflictException("目录版本 " + version.versionNo() + " 已发布，不能修改；请新建版本");
    }
  }

  private long versionId(int versionNo) {
    return jdbc.sql("SELECT id FROM catalog_version WHERE version_no = :no")
        .param("no", versionNo)
        .query(Long.class)
        .optional()
        .orElseThrow(() -> new NotFoundException("version", "目录版本 " + versionNo + " 不存在"));
  }

  private long ensureChecklist(long versionId, ItemDraft draft) {
    String code = draft.checklistCode().strip();
    Optional<Long> existing = jdbc.sql("SELECT id FROM catalog_checklist WHERE version_id = :v AND code = :code")
        .param("v", versionId).param("code", code).query(Long.class).optional();
    if (existing.isPresent()) {
      jdbc.sql("UPDATE catalog_checklist SET name = :name, department = :d WHERE id = :id")
          .param("name", draft.checklistName().strip()).param("d", draft.department())
          .param("id", existing.get()).update();
      return existing.get();
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO catalog_checklist (version_id, code, name, department) VALUES (:v, :code, :name, :d)")
        .param("v", versionId).param("code", code).param("name", draft.checklistName().strip())
        .param("d", draft.department())
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  private int deleteItemRows(long versionId, String itemCode) {
    Optional<Long> itemId = jdbc.sql("SELECT id FROM catalog_item WHERE version_id = :v AND code = :code")
        .param("v", versionId).param("code", itemCode).query(Long.class).optional();
    if (itemId.isEmpty()) {
      return 0;
    }
    jdbc.sql("DELETE FROM catalog_content_line WHERE sub_item_id IN (SELECT id FROM catalog_sub_item WHERE item_id = :i)")
        .param("i", itemId.get()).update();
    jdbc.sql("DELETE FROM catalog_sub_item WHERE item_id = :i").param("i", itemId.get()).update();
    return jdbc.sql("DELETE FROM catalog_item WHERE id = :i").param("i", itemId.get()).update();
  }

  /** Copies every row of one version into another, set-wise (thousands of lines in a few statements). */
  private void copyVersion(long fromId, long toId) {
    Map<String, Object> ids = Map.of("from", fromId, "to", toId);
    jdbc.sql("INSERT INTO catalog_checklist (version_id, code, name, department)"
            + " SELECT :to, code, name, department FROM catalog_checklist WHERE version_id = :from")
        .params(ids).update();
    jdbc.sql(
            """
            INSERT INTO catalog_item (version_id, checklist_id, code, name, department, legal_basis, kind, methods)
            SELECT :to, nc.id, i.code, i.name, i.department, i.legal_basis, i.kind, i.methods
            FROM catalog_item i
            JOIN catalog_checklist oc ON oc.id = i.checklist_id
            JOIN catalog_checklist nc ON nc.version_id = :to AND nc.code = oc.code
            WHERE i.version_id = :from
            """)
        .params(ids).update();
    jdbc.sql(
            """
            INSERT INTO catalog_sub_item (version_id, item_id, code, name)
            SELECT :to, ni.id, s.code, s.name
            FROM catalog_sub_item s
            JOIN catalog_item oi ON oi.id = s.item_id
            JOIN catalog_item ni ON ni.version_id = :to AND ni.code = oi.code
            WHERE s.version_id = :from
            """)
        .params(ids).update();
    jdbc.sql(
            """
            INSERT INTO catalog_content_line (version_id, sub_item_id, seq, text)
            SELECT :to, ns.id, l.seq, l.text
            FROM catalog_content_line l
            JOIN catalog_sub_item os ON os.id = l.sub_item_id
            JOIN catalog_sub_item ns ON ns.version_id = :to AND ns.code = os.code
            WHERE l.version_id = :from
            """)
        .params(ids).update();
  }

  private static Version version(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    Timestamp published = rs.getTimestamp("published_at");
    return new Version(
        rs.getInt("version_no"), rs.getString("status"), rs.getString("note"), rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant(), rs.getString("published_by"),
        published == null ? null : published.toInstant(), rs.getLong("items"));
  }
}
