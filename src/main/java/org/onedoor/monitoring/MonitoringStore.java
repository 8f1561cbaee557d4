package org.onedoor.monitoring;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The monitoring tables (V91). Readings go in as one JDBC batch per intake, each row inserted only
 * when its key is new — {@code ON CONFLICT DO NOTHING} on PostgreSQL, {@code INSERT … SELECT … WHERE
 * NOT EXISTS} on H2 — so the batch says per row whether it was stored, and the primary key is the only
 * index to maintain.
 */
@Repository
class MonitoringStore {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  /** Series known to be in monitoring_series (added after their transaction commits): no statement per reading. */
  private final Set<String> knownSeries = ConcurrentHashMap.newKeySet();
  /**
   * The latest reading of each series this node has stored (after commit). Readings are never removed, so a
   * series seen here at or after a moment has a reading since then whatever other nodes did: the check of
   * missing reports asks the database only about the others.
   */
  private final Map<String, Instant> latestSeen = new ConcurrentHashMap<>();
  private volatile Boolean postgres;

  MonitoringStore(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  boolean isPostgres() {
    Boolean known = postgres;
    if (known == null) {
      known = Boolean.TRUE.equals(batch.execute((java.sql.Connection c) ->
          c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")));
      postgres = known;
    }
    return known;
  }

  long createIntake(String channel, Long importId, String user, Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO monitoring_intake (channel, import_id, submitted_by, submitted_at, received, stored,"
            + " duplicates, rejected, warnings) VALUES (:c, :i, :u, :at, 0, 0, 0, 0, 0)")
        .param("c", channel).param("i", importId).param("u", user).param("at", Timestamp.from(now))
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  /** The intake of an upload, created by its first batch. */
  long intakeOfImport(long importId, String user, Instant now) {
    return jdbc.sql("SELECT id FROM monitoring_intake WHERE import_id = :i").param("i", importId)
        .query(Long.class).optional().orElseGet(() -> createIntake("upload", importId, user, now));
  }

  /** The warnings an upload's readings have raised so far (its batches commit them with their counts). */
  int warningsOfImport(long importId) {
    return jdbc.sql("SELECT warnings FROM monitoring_intake WHERE import_id = :i").param("i", importId)
        .query(Integer.class).optional().orElse(0);
  }

  void addToIntake(long intake, int received, int stored, int duplicates, int rejected, int warnings) {
    jdbc.sql("UPDATE monitoring_intake SET received = received + :r, stored = stored + :s,"
            + " duplicates = duplicates + :d, rejected = rejected + :x, warnings = warnings + :w WHERE id = :id")
        .param("r", received).param("s", stored).param("d", duplicates).param("x", rejected).param("w", warnings)
        .param("id", intake).update();
  }

  /**
   * Inserts the readings whose key is new; returns how many were stored as that many {@code true} (PostgreSQL
   * tells the count, not which). On H2 (no {@code ON CONFLICT}) the batch goes in as plain inserts behind a
   * savepoint — the usual case, new readings, costs a plain insert — and only when a key is already there
   * does it roll back to the savepoint and insert each reading only if its key is new.
   */
  boolean[] insertNew(List<Reading> readings, long intake) {
    if (isPostgres()) {
      return insertNewPostgres(readings, intake);
    }
    TransactionStatus status = TransactionAspectSupport.currentTransactionStatus();
    Object savepoint = status.createSavepoint();
    try {
      batch.batchUpdate("INSERT INTO monitoring_record (source, uscc, indicator, measured_at, measured_value, intake_id)"
          + " VALUES (?, ?, ?, ?, ?, ?)", readings, readings.size(), (ps, r) -> {
            ps.setString(1, r.source());
            ps.setString(2, r.uscc());
            ps.setString(3, r.indicator());
            ps.setTimestamp(4, Timestamp.from(r.measuredAt()));
            ps.setDouble(5, r.value());
            ps.setLong(6, intake);
          });
      status.releaseSavepoint(savepoint);
      boolean[] all = new boolean[readings.size()];
      java.util.Arrays.fill(all, true);
      return all;
    } catch (org.springframework.dao.DuplicateKeyException e) {
      status.rollbackToSavepoint(savepoint);
      status.releaseSavepoint(savepoint);
    }
    // a key was there already (a re-upload): each reading only if its key is new
    int[][] counts = batch.batchUpdate("INSERT INTO monitoring_record (source, uscc, indicator, measured_at,"
        + " measured_value, intake_id) SELECT CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(18)), CAST(? AS VARCHAR(60)),"
        + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS DOUBLE PRECISION), CAST(? AS BIGINT)"
        + " FROM (VALUES (0)) AS one (x) WHERE NOT EXISTS (SELECT 1 FROM monitoring_record"
        + " WHERE source = ? AND uscc = ? AND indicator = ? AND measured_at = ?)", readings, readings.size(), (ps, r) -> {
          Timestamp at = Timestamp.from(r.measuredAt());
          ps.setString(1, r.source());
          ps.setString(2, r.uscc());
          ps.setString(3, r.indicator());
          ps.setTimestamp(4, at);
          ps.setDouble(5, r.value());
          ps.setLong(6, intake);
          ps.setString(7, r.source());
          ps.setString(8, r.uscc());
          ps.setString(9, r.indicator());
          ps.setTimestamp(10, at);
        });
    boolean[] stored = new boolean[readings.size()];
    int i = 0;
    for (int[] chunk : counts) {
      for (int count : chunk) {
        stored[i++] = count != 0;
      }
    }
    return stored;
  }

  /**
   * PostgreSQL: the readings as six arrays in one statement ({@code INSERT … SELECT … FROM unnest(…) ON CONFLICT
   * DO NOTHING}): one round trip and one prepared statement for any number of readings, where a JDBC batch
   * executes a statement per reading. The count says how many were new; which ones does not matter to the
   * intake (the rules look at the deviations table, written the same way once per reading).
   */
  private boolean[] insertNewPostgres(List<Reading> readings, long intake) {
    int n = readings.size();
    String[] sources = new String[n];
    String[] usccs = new String[n];
    String[] indicators = new String[n];
    Timestamp[] times = new Timestamp[n];
    Double[] values = new Double[n];
    for (int i = 0; i < n; i++) {
      Reading r = readings.get(i);
      sources[i] = r.source();
      usccs[i] = r.uscc();
      indicators[i] = r.indicator();
      times[i] = Timestamp.from(r.measuredAt());
      values[i] = r.value();
    }
    Integer inserted = batch.execute((java.sql.Connection c) -> {
      try (java.sql.PreparedStatement ps = c.prepareStatement(
          "INSERT INTO monitoring_record (source, uscc, indicator, measured_at, measured_value, intake_id)"
              + " SELECT s, u, i, t, v, ? FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[],"
              + " ?::float8[]) AS r (s, u, i, t, v) ON CONFLICT DO NOTHING")) {
        ps.setLong(1, intake);
        ps.setArray(2, c.createArrayOf("varchar", sources));
        ps.setArray(3, c.createArrayOf("varchar", usccs));
        ps.setArray(4, c.createArrayOf("varchar", indicators));
        ps.setArray(5, c.createArrayOf("timestamptz", times));
        ps.setArray(6, c.createArrayOf("float8", values));
        return ps.executeUpdate();
      }
    });
    // the first `inserted` flags true: only the count is used
    boolean[] stored = new boolean[n];
    for (int i = 0; i < (inserted == null ? 0 : inserted); i++) {
      stored[i] = true;
    }
    return stored;
  }

  private static String seriesKey(String source, String uscc, String indicator) {
    return source + "|" + uscc + "|" + indicator;
  }

  /** Adds the series not known yet (idempotent), and remembers each series' latest reading once committed. */
  void ensureSeries(Collection<Reading> readings, Instant now) {
    List<Object[]> fresh = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    Map<String, Instant> latest = new HashMap<>();
    for (Reading r : readings) {
      String key = seriesKey(r.source(), r.uscc(), r.indicator());
      latest.merge(key, r.measuredAt(), (a, b) -> a.isAfter(b) ? a : b);
      if (!knownSeries.contains(key) && keys.add(key)) {
        fresh.add(new Object[] {r.source(), r.uscc(), r.indicator(), Timestamp.from(now)});
      }
    }
    afterCommit(() -> latest.forEach((k, at) -> latestSeen.merge(k, at, (a, b) -> a.isAfter(b) ? a : b)));
    if (fresh.isEmpty()) {
      return;
    }
    String sql = isPostgres()
        ? "INSERT INTO monitoring_series (source, uscc, indicator, first_seen_at) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING"
        : "INSERT INTO monitoring_series (source, uscc, indicator, first_seen_at) SELECT CAST(? AS VARCHAR(40)),"
            + " CAST(? AS VARCHAR(18)), CAST(? AS VARCHAR(60)), CAST(? AS TIMESTAMP WITH TIME ZONE) FROM (VALUES (0)) AS one (x)"
            + " WHERE NOT EXISTS (SELECT 1 FROM monitoring_series WHERE source = ? AND uscc = ? AND indicator = ?)";
    List<Object[]> rows = isPostgres() ? fresh
        : fresh.stream().map(f -> new Object[] {f[0], f[1], f[2], f[3], f[0], f[1], f[2]}).toList();
    int[] types = isPostgres() ? new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP}
        : new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR};
    batch.batchUpdate(sql, rows, types);
    afterCommit(() -> keys.forEach(knownSeries::add));
  }

  /** The stored deviations of {@code usccs} measured in ({@code from}, {@code to}], with their values. */
  Map<MonitoringEvaluation.DeviationKey, Double> deviations(String source, Collection<String> usccs, Instant from,
      Instant to) {
    Map<MonitoringEvaluation.DeviationKey, Double> found = new HashMap<>();
    List<String> all = List.copyOf(usccs);
    for (int i = 0; i < all.size(); i += 500) {
      jdbc.sql("SELECT rule_code, uscc, indicator, measured_at, measured_value FROM monitoring_deviation"
              + " WHERE source = :s AND uscc IN (:u) AND measured_at > :from AND measured_at <= :to")
          .param("s", source).param("u", all.subList(i, Math.min(all.size(), i + 500)))
          .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
          .query(rs -> {
            found.put(new MonitoringEvaluation.DeviationKey(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4).toInstant()), rs.getDouble(5));
          });
    }
    return found;
  }

  void insertDeviations(String source, Collection<MonitoringEvaluation.Deviation> deviations) {
    batch.batchUpdate("INSERT INTO monitoring_deviation (source, rule_code, uscc, measured_at, indicator, measured_value)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        deviations.stream().map(d -> new Object[] {source, d.rule().code(), d.uscc(), Timestamp.from(d.at()),
            d.indicator(), d.value()}).toList(),
        new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.VARCHAR, Types.DOUBLE});
  }

  /** A series with the time of its last reading and the last reading a missing-report warning was raised for. */
  record Series(String source, String uscc, String indicator, Instant lastAt, Instant warnedFor) {}

  /**
   * The series of a source without a reading since {@code since}, with their last reading. Series this node
   * stored a reading of since then are left out at once; the others are looked up with index probes on the
   * records' key (is there one since? which is the last?), never a scan of a series' readings.
   */
  List<Series> silentSince(String source, Instant since) {
    List<String[]> all = jdbc.sql("SELECT uscc, indicator FROM monitoring_series WHERE source = :s").param("s", source)
        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    int unknown = 0;
    for (String[] s : all) {
      Instant seen = latestSeen.get(seriesKey(source, s[0], s[1]));
      if (seen == null || seen.isBefore(since)) {
        unknown++;
      }
    }
    if (unknown == 0) {
      return List.of();
    }
    if (unknown * 4 > all.size()) {
      return silentSinceInDatabase(source, since);
    }
    List<Series> silent = new ArrayList<>();
    for (String[] s : all) {
      Instant seen = latestSeen.get(seriesKey(source, s[0], s[1]));
      if (seen == null || seen.isBefore(since)) {
        jdbc.sql("SELECT missing_warned_for, (SELECT MAX(r.measured_at) FROM monitoring_record r WHERE r.source = :s"
                + " AND r.uscc = :u AND r.indicator = :i) AS last_at FROM monitoring_series WHERE source = :s"
                + " AND uscc = :u AND indicator = :i")
            .param("s", source).param("u", s[0]).param("i", s[1])
            .query((rs, n) -> new Series(source, s[0], s[1], instant(rs.getTimestamp("last_at")),
                instant(rs.getTimestamp("missing_warned_for"))))
            .optional()
            .filter(x -> x.lastAt() != null && x.lastAt().isBefore(since))
            .ifPresent(silent::add);
      }
    }
    return silent;
  }

  /** Every series of the source asked in one statement (a node that has seen few of them, e.g. after a start). */
  private List<Series> silentSinceInDatabase(String source, Instant since) {
    // PostgreSQL would answer NOT EXISTS with a hash anti-join over every reading; LATERAL keeps it a
    // nested loop of index probes (MAX on the key's last column is a backward index scan of one row)
    String sql = isPostgres()
        ? "SELECT s.uscc, s.indicator, s.missing_warned_for, l.last_at FROM monitoring_series s CROSS JOIN LATERAL"
            + " (SELECT MAX(r.measured_at) AS last_at FROM monitoring_record r WHERE r.source = s.source"
            + " AND r.uscc = s.uscc AND r.indicator = s.indicator) l WHERE s.source = :s AND l.last_at < :since"
        : "SELECT s.uscc, s.indicator, s.missing_warned_for, (SELECT MAX(r.measured_at) FROM monitoring_record r"
            + " WHERE r.source = s.source AND r.uscc = s.uscc AND r.indicator = s.indicator AND r.measured_at < :since)"
            + " AS last_at FROM monitoring_series s WHERE s.source = :s AND NOT EXISTS (SELECT 1 FROM monitoring_record r"
            + " WHERE r.source = s.source AND r.uscc = s.uscc AND r.indicator = s.indicator AND r.measured_at >= :since)";
    return jdbc.sql(sql)
        .param("s", source).param("since", Timestamp.from(since))
        .query((rs, n) -> new Series(source, rs.getString("uscc"), rs.getString("indicator"),
            instant(rs.getTimestamp("last_at")), instant(rs.getTimestamp("missing_warned_for"))))
        .list();
  }

  /** Marks a series' silence as warned about; false when another node (or an earlier run) did. */
  boolean claimSilence(Series s) {
    return jdbc.sql("UPDATE monitoring_series SET missing_warned_for = :last WHERE source = :s AND uscc = :u"
            + " AND indicator = :i AND (missing_warned_for IS NULL OR missing_warned_for < :last)")
        .param("last", Timestamp.from(s.lastAt())).param("s", s.source()).param("u", s.uscc())
        .param("i", s.indicator()).update() == 1;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static void afterCommit(Runnable work) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          work.run();
        }
      });
    } else {
      work.run();
    }
  }
}
