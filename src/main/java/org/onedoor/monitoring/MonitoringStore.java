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

  void addToIntake(long intake, int received, int stored, int duplicates, int rejected, int warnings) {
    jdbc.sql("UPDATE monitoring_intake SET received = received + :r, stored = stored + :s,"
            + " duplicates = duplicates + :d, rejected = rejected + :x, warnings = warnings + :w WHERE id = :id")
        .param("r", received).param("s", stored).param("d", duplicates).param("x", rejected).param("w", warnings)
        .param("id", intake).update();
  }

  /** Inserts the readings whose key is new; returns per reading whether it was stored. */
  boolean[] insertNew(List<Reading> readings, long intake) {
    String sql = isPostgres()
        ? "INSERT INTO monitoring_record (source, uscc, indicator, measured_at, measured_value, intake_id)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
        : "INSERT INTO monitoring_record (source, uscc, indicator, measured_at, measured_value, intake_id)"
            + " SELECT CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(18)), CAST(? AS VARCHAR(60)),"
            + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS DOUBLE PRECISION), CAST(? AS BIGINT)"
            + " FROM (VALUES (0)) AS one (x) WHERE NOT EXISTS (SELECT 1 FROM monitoring_record"
            + " WHERE source = ? AND uscc = ? AND indicator = ? AND measured_at = ?)";
    boolean h2 = !isPostgres();
    int[][] counts = batch.batchUpdate(sql, readings, readings.size(), (ps, r) -> {
      Timestamp at = Timestamp.from(r.measuredAt());
      ps.setString(1, r.source());
      ps.setString(2, r.uscc());
      ps.setString(3, r.indicator());
      ps.setTimestamp(4, at);
      ps.setDouble(5, r.value());
      ps.setLong(6, intake);
      if (h2) {
        ps.setString(7, r.source());
        ps.setString(8, r.uscc());
        ps.setString(9, r.indicator());
        ps.setTimestamp(10, at);
      }
    });
    boolean[] stored = new boolean[readings.size()];
    int i = 0;
    for (int[] chunk : counts) {
      for (int count : chunk) {
        // SUCCESS_NO_INFO (-2) only with a driver rewriting batches, which this statement is not sent through
        stored[i++] = count != 0;
      }
    }
    return stored;
  }

  /** Adds the series not known yet (idempotent). */
  void ensureSeries(Collection<Reading> readings, Instant now) {
    List<Object[]> fresh = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (Reading r : readings) {
      String key = r.source() + "|" + r.uscc() + "|" + r.indicator();
      if (!knownSeries.contains(key) && keys.add(key)) {
        fresh.add(new Object[] {r.source(), r.uscc(), r.indicator(), Timestamp.from(now)});
      }
    }
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

  /** Every series of a source; the last reading read from the records' key (an index probe each). */
  List<Series> series(String source) {
    return jdbc.sql("SELECT s.uscc, s.indicator, s.missing_warned_for, (SELECT MAX(r.measured_at) FROM monitoring_record r"
            + " WHERE r.source = s.source AND r.uscc = s.uscc AND r.indicator = s.indicator) AS last_at"
            + " FROM monitoring_series s WHERE s.source = :s")
        .param("s", source)
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
