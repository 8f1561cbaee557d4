package org.onedoor.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The entity directory (检查对象名录库, R2): upsert by USCC, look-up and paged search, and the
 * history of every status change. An upsert that changes nothing writes nothing (not even
 * {@code updated_at}), which makes re-importing a file a no-op.
 */
@Service
public class EntityDirectory {

  /** Separator of stored supervision tags. */
  static final String TAG_SEPARATOR = "、";

  public static final int MAX_PAGE_SIZE = 200;

  /** What an upsert did to one entity. */
  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  /** One entity to write and, should its status change, the reason recorded in the history. */
  public record Change(EntityDraft draft, String reason) {}

  public record StatusChange(
      String oldStatus, String newStatus, Instant changedAt, String reason, String source) {}

  /** Search filters; null or blank = any. */
  public record Criteria(
      String uscc, String name, boolean nameContains, String category, String region, String status) {}

  public record Page<T>(List<T> items, int page, int size, long total) {}

  private static final String COLUMNS =
      "uscc, name, type, category, subcategory, unit, region, address, legal_representative,"
          + " established_on, status, credit_class, risk_level, tags, commitment, created_at, updated_at";

  private static final String INSERT_ENTITY =
      "INSERT INTO directory_entity (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;

  public EntityDirectory(
      JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.tx = tx;
    this.events = events;
  }

  /**
   * Sets the registration status of a stored entity (another feature's decision, e.g. listed on the
   * abnormal list), recording the change in the history; a status equal to the stored one writes
   * nothing. Returns false when the entity is not in the directory.
   */
  public boolean changeStatus(String uscc, String newStatus, String reason, String source, Instant now) {
    return Boolean.TRUE.equals(tx.execute(status -> {
      Optional<DirectoryEntity> stored = find(uscc);
      if (stored.isEmpty()) {
        return false;
      }
      String old = stored.get().status();
      if (old.equals(newStatus)) {
        return true;
      }
      jdbc.sql("UPDATE directory_entity SET status = :s, updated_at = :at WHERE uscc = :u")
          .param("s", newStatus).param("at", Timestamp.from(now)).param("u", uscc).update();
      jdbc.sql("INSERT INTO directory_entity_status_history (uscc, old_status, new_status, changed_at, reason, source)"
              + " VALUES (:u, :o, :n, :at, :r, :src)")
          .param("u", uscc).param("o", old).param("n", newStatus).param("at", Timestamp.from(now))
          .param("r", trim(reason, 500)).param("src", trim(source, 100)).update();
      events.publishEvent(new EntityStatusChanged(uscc, old, newStatus, reason, source, now));
      return true;
    }));
  }

  /** Credit classes (R2, R13): A low risk … D high risk. */
  public static final List<String> CREDIT_CLASSES = List.of("A", "B", "C", "D");
  /** Risk levels (R2, R13), lowest first. */
  public static final List<String> RISK_LEVELS = List.of("low", "medium", "high");

  /**
   * Sets the credit class and risk level of a stored entity (the credit feature's recalculation, R13);
   * the credit feature keeps the history with its causes. Values equal to the stored ones write
   * nothing. Returns false when the entity is not in the directory.
   */
  public boolean changeCreditRating(String uscc, String creditClass, String riskLevel, Instant now) {
    if (!CREDIT_CLASSES.contains(creditClass)) {
      throw new IllegalArgumentException("credit class " + creditClass);
    }
    if (!RISK_LEVELS.contains(riskLevel)) {
      throw new IllegalArgumentException("risk level " + riskLevel);
    }
    if (find(uscc).isEmpty()) {
      return false;
    }
    jdbc.sql("UPDATE directory_entity SET credit_class = :c, risk_level = :l, updated_at = :at"
            + " WHERE uscc = :u AND (credit_class <> :c OR risk_level <> :l)")
        .param("c", creditClass).param("l", riskLevel).param("at", Timestamp.from(now)).param("u", uscc).update();
    return true;
  }

  /**
   * Validates and writes one entity. {@code cells} holds the text of each column given (an absent
   * column keeps the stored value, or takes its default); every bad column is reported at once.
   */
  public Outcome upsert(Map<EntityColumn, String> cells, String source, String reason, Instant now) {
    EntityDraft.Result parsed = EntityDraft.parse(cells);
    if (!parsed.isOk()) {
      throw new BadRequestException(
          parsed.problems().stream().map(EntityDraft.Problem::asFieldError).toList());
    }
    return write(List.of(new Change(parsed.draft(), reason)), source, now).get(0);
  }

  /**
   * Writes a batch of valid drafts in one transaction (joining the caller's, if any): inserts the
   * new, updates the changed, leaves the identical alone, records status changes.
   */
  public List<Outcome> write(List<Change> changes, String source, Instant now) {
    return tx.execute(status -> writeInTransaction(changes, source, now, status));
  }

  private List<Outcome> writeInTransaction(List<Change> changes, String source, Instant now,
      TransactionStatus status) {
    Set<String> usccs = new LinkedHashSet<>();
    changes.forEach(c -> usccs.add(c.draft().uscc()));
    // New rows first, without looking them up: on PostgreSQL one multi-row INSERT … ON CONFLICT DO
    // NOTHING, elsewhere a batch INSERT when none of the batch is stored. Only the rows already there
    // are then looked up and compared (no look-up at all on a first import).
    Set<String> created = usccs.size() < changes.size() ? Set.of()
        : isPostgres() ? insertNew(changes, now) : insertIfAllNew(changes, now, status);
    usccs.removeAll(created);
    Map<String, DirectoryEntity> stored = load(usccs);
    Map<String, DirectoryEntity> current = new HashMap<>(stored);
    Map<String, DirectoryEntity> written = new LinkedHashMap<>();
    List<Object[]> history = new ArrayList<>();
    List<CreditRatingImported> ratings = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>(changes.size());
    for (Change change : changes) {
      String uscc = change.draft().uscc();
      if (created.contains(uscc)) {
        outcomes.add(Outcome.CREATED);
        continue;
      }
      DirectoryEntity before = current.get(uscc);
      DirectoryEntity after = change.draft().applyTo(before, now);
      if (before != null && after.sameData(before)) {
        outcomes.add(Outcome.UNCHANGED);
        continue;
      }
      outcomes.add(before == null ? Outcome.CREATED : Outcome.UPDATED);
      if (before != null && (!before.creditClass().equals(after.creditClass())
          || !before.riskLevel().equals(after.riskLevel()))) {
        ratings.add(new CreditRatingImported(uscc, before.creditClass(), before.riskLevel(), after.creditClass(),
            after.riskLevel(), trim(change.reason(), 300), trim(source, 100), now));
      }
      if (before != null && !before.status().equals(after.status())) {
        history.add(
            new Object[] {uscc, before.status(), after.status(), Timestamp.from(now), trim(change.reason(), 500), trim(source, 100)});
      }
      current.put(uscc, after);
      written.put(uscc, after);
    }
    List<Object[]> inserts = new ArrayList<>();
    List<Object[]> updates = new ArrayList<>();
    for (DirectoryEntity e : written.values()) {
      if (stored.containsKey(e.uscc())) {
        Object[] row = row(e);
        // SET the columns after uscc, then WHERE uscc
        Object[] update = Arrays.copyOfRange(row, 1, row.length + 1);
        update[update.length - 1] = e.uscc();
        updates.add(update);
      } else {
        inserts.add(row(e));
      }
    }
    if (!inserts.isEmpty()) {
      batch.batchUpdate(
          INSERT_ENTITY,
          inserts,
          ROW_TYPES);
    }
    if (!updates.isEmpty()) {
      int[] types = Arrays.copyOfRange(ROW_TYPES, 1, ROW_TYPES.length + 1);
      types[types.length - 1] = Types.VARCHAR;
      batch.batchUpdate(
          """
          UPDATE directory_entity SET name = ?, type = ?, category = ?, subcategory = ?, unit = ?,
              region = ?, address = ?, legal_representative = ?, established_on = ?, status = ?,
              credit_class = ?, risk_level = ?, tags = ?, commitment = ?, created_at = ?, updated_at = ?
          WHERE uscc = ?
          """,
          updates,
          types);
    }
    if (!history.isEmpty()) {
      batch.batchUpdate(
          """
          INSERT INTO directory_entity_status_history (uscc, old_status, new_status, changed_at, reason, source)
          VALUES (?, ?, ?, ?, ?, ?)
          """,
          history,
          new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR});
      for (Object[] row : history) {
        events.publishEvent(new EntityStatusChanged(
            (String) row[0], (String) row[1], (String) row[2], (String) row[4], (String) row[5], now));
      }
    }
    // after the rows are written: the credit feature records each change in the rating's history
    ratings.forEach(events::publishEvent);
    return outcomes;
  }

  /** Keys of a batch probed before inserting it blind (evenly spaced through the batch). */
  private static final int PROBE_KEYS = 8;

  /**
   * Databases without INSERT … ON CONFLICT (H2): when a probe of a few of the batch's keys finds none
   * stored, the whole batch is inserted at once behind a savepoint; a key stored after all (the
   * probe missed it, or another writer got there first) rolls back to the savepoint and the batch
   * takes the look-up path. Returns the keys inserted: all or none.
   */
  private Set<String> insertIfAllNew(List<Change> changes, Instant now, TransactionStatus status) {
    int probed = Math.min(PROBE_KEYS, changes.size());
    List<String> probe = new ArrayList<>(probed);
    for (int i = 0; i < probed; i++) {
      probe.add(changes.get(i * changes.size() / probed).draft().uscc());
    }
    long stored = jdbc.sql("SELECT COUNT(*) FROM directory_entity WHERE uscc IN (:usccs)")
        .param("usccs", probe).query(Long.class).single();
    if (stored > 0) {
      return Set.of();
    }
    List<Object[]> rows = new ArrayList<>(changes.size());
    for (Change change : changes) {
      rows.add(row(change.draft().applyTo(null, now)));
    }
    Object savepoint = status.createSavepoint();
    try {
      batch.batchUpdate(INSERT_ENTITY, rows, ROW_TYPES);
    } catch (DuplicateKeyException e) {
      status.rollbackToSavepoint(savepoint);
      status.releaseSavepoint(savepoint);
      return Set.of();
    }
    status.releaseSavepoint(savepoint);
    Set<String> inserted = new java.util.HashSet<>();
    changes.forEach(c -> inserted.add(c.draft().uscc()));
    return inserted;
  }

  /** Rows per multi-row INSERT (17 parameters each; PostgreSQL takes at most 32,767 per statement). */
  private static final int INSERT_ROWS = 1_000;

  /**
   * Inserts the drafts (applied to nothing: new entities) whose USCC is not stored yet; returns
   * those inserted. A USCC already stored (or inserted meanwhile by someone else) is left alone.
   */
  private Set<String> insertNew(List<Change> changes, Instant now) {
    Set<String> inserted = new java.util.HashSet<>();
    for (int from = 0; from < changes.size(); from += INSERT_ROWS) {
      List<Change> part = changes.subList(from, Math.min(changes.size(), from + INSERT_ROWS));
      StringBuilder sql = new StringBuilder("INSERT INTO directory_entity (" + COLUMNS + ") VALUES ");
      String values = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
      for (int i = 0; i < part.size(); i++) {
        sql.append(i == 0 ? values : ", " + values);
      }
      sql.append(" ON CONFLICT (uscc) DO NOTHING RETURNING uscc");
      inserted.addAll(batch.query(
          connection -> {
            java.sql.PreparedStatement statement = connection.prepareStatement(sql.toString());
            int index = 1;
            for (Change change : part) {
              Object[] row = row(change.draft().applyTo(null, now));
              for (int c = 0; c < row.length; c++) {
                org.springframework.jdbc.core.StatementCreatorUtils.setParameterValue(
                    statement, index++, ROW_TYPES[c], row[c]);
              }
            }
            return statement;
          },
          (rs, n) -> rs.getString(1)));
    }
    return inserted;
  }

  private static final int[] ROW_TYPES = {
    Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
    Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.VARCHAR, Types.VARCHAR,
    Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN, Types.TIMESTAMP, Types.TIMESTAMP
  };

  private static Object[] row(DirectoryEntity e) {
    return new Object[] {
      e.uscc(), e.name(), e.type(), e.category(), e.subcategory(), e.unit(), e.region(), e.address(),
      e.legalRepresentative(), e.establishedOn() == null ? null : java.sql.Date.valueOf(e.establishedOn()),
      e.status(), e.creditClass(), e.riskLevel(), String.join(TAG_SEPARATOR, e.tags()), e.commitment(),
      Timestamp.from(e.createdAt()), Timestamp.from(e.updatedAt())
    };
  }

  private static String trim(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  private Map<String, DirectoryEntity> load(Set<String> usccs) {
    Map<String, DirectoryEntity> map = new HashMap<>();
    if (usccs.isEmpty()) {
      return map;
    }
    if (isPostgres()) {
      // After five executions the driver prepares this statement on the server, and PostgreSQL
      // keeps the generic plan it chose while the table was empty (a sequential scan) until the
      // next ANALYZE: a first import of 73,000 rows took a minute instead of seconds. Plan each
      // execution for its own values, in this transaction only.
      batch.execute("SET LOCAL plan_cache_mode = force_custom_plan");
    }
    jdbc.sql("SELECT " + COLUMNS + " FROM directory_entity WHERE uscc IN (:usccs)")
        .param("usccs", List.copyOf(usccs))
        .query(EntityDirectory::map)
        .list()
        .forEach(e -> map.put(e.uscc(), e));
    return map;
  }

  private volatile Boolean postgres;

  private boolean isPostgres() {
    Boolean known = postgres;
    if (known == null) {
      known = Boolean.TRUE.equals(batch.execute((java.sql.Connection c) ->
          c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")));
      postgres = known;
    }
    return known;
  }

  /** An entity's name and status (active, abnormal, deregistered, revoked, moved_out). */
  public record NameAndStatus(String name, String status) {
    /** Still in business: not deregistered, revoked or moved out. */
    public boolean operating() {
      return "active".equals(status) || "abnormal".equals(status);
    }
  }

  /** The names and statuses of those of {@code usccs} in the directory, by USCC. */
  public Map<String, NameAndStatus> namesOf(java.util.Collection<String> usccs) {
    Map<String, NameAndStatus> names = new java.util.HashMap<>();
    List<String> all = List.copyOf(new java.util.LinkedHashSet<>(usccs));
    for (int from = 0; from < all.size(); from += 500) {
      jdbc.sql("SELECT uscc, name, status FROM directory_entity WHERE uscc IN (:u)")
          .param("u", all.subList(from, Math.min(all.size(), from + 500)))
          .query(rs -> {
            names.put(rs.getString(1), new NameAndStatus(rs.getString(2), rs.getString(3)));
          });
    }
    return names;
  }

  public Optional<DirectoryEntity> find(String uscc) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM directory_entity WHERE uscc = :uscc")
        .param("uscc", uscc)
        .query(EntityDirectory::map)
        .optional();
  }

  /** The status changes of an entity, oldest first. */
  public List<StatusChange> history(String uscc) {
    return jdbc.sql(
            """
            SELECT old_status, new_status, changed_at, reason, source FROM directory_entity_status_history
            WHERE uscc = :uscc ORDER BY changed_at, id
            """)
        .param("uscc", uscc)
        .query(
            (rs, n) ->
                new StatusChange(
                    rs.getString("old_status"),
                    rs.getString("new_status"),
                    rs.getTimestamp("changed_at").toInstant(),
                    rs.getString("reason"),
                    rs.getString("source")))
        .list();
  }

  /** A page of entities matching every filter given, in USCC order. */
  public Page<DirectoryEntity> search(Criteria criteria, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (present(criteria.uscc())) {
      where.append(" AND uscc = :uscc");
      params.put("uscc", criteria.uscc());
    }
    if (present(criteria.name())) {
      where.append(" AND name LIKE :name ESCAPE '\\'");
      String escaped = criteria.name().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
      params.put("name", (criteria.nameContains() ? "%" : "") + escaped + "%");
    }
    if (present(criteria.category())) {
      where.append(" AND category = :category");
      params.put("category", criteria.category().strip());
    }
    if (present(criteria.region())) {
      where.append(" AND region = :region");
      params.put("region", criteria.region().strip());
    }
    if (present(criteria.status())) {
      where.append(" AND status = :status");
      params.put("status", criteria.status());
    }
    long total =
        jdbc.sql("SELECT COUNT(*) FROM directory_entity" + where).params(params).query(Long.class).single();
    List<DirectoryEntity> items =
        total == 0
            ? List.of()
            : jdbc.sql(
                    "SELECT " + COLUMNS + " FROM directory_entity" + where
                        + " ORDER BY uscc LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(EntityDirectory::map)
                .list();
    return new Page<>(items, page, size, total);
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static DirectoryEntity map(ResultSet rs, int n) throws SQLException {
    java.sql.Date established = rs.getDate("established_on");
    String tags = rs.getString("tags");
    return new DirectoryEntity(
        rs.getString("uscc"),
        rs.getString("name"),
        rs.getString("type"),
        rs.getString("category"),
        rs.getString("subcategory"),
        rs.getString("unit"),
        rs.getString("region"),
        rs.getString("address"),
        rs.getString("legal_representative"),
        established == null ? null : established.toLocalDate(),
        rs.getString("status"),
        rs.getString("credit_class"),
        rs.getString("risk_level"),
        tags == null || tags.isEmpty() ? List.of() : List.of(tags.split(TAG_SEPARATOR)),
        rs.getBoolean("commitment"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

}
