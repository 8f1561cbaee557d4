package org.onedoor.monitoring;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.calendar.CalendarProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Readings are not kept for ever ({@code onedoor.monitoring.retention}, 3 years): daily at {@code retention-cron}
 * the readings measured before the cut-off are deleted series by series (source, business, indicator: the
 * primary key's prefix, so each delete is an index range, on H2 and PostgreSQL alike), 200 series a
 * transaction; a series' newest reading stays whatever its age, since the check of missing reports counts the
 * silence from it. Deviations older than the cut-off go too. Warnings keep their own text of the readings that
 * raised them, and intakes their counts. Idempotent: on several nodes each may run it.
 */
@Component
public class MonitoringRetention {

  private static final Logger log = LoggerFactory.getLogger(MonitoringRetention.class);
  private static final int SERIES_PER_TRANSACTION = 200;

  /** What one run deleted. */
  public record Purge(Instant cutoff, int readings, int deviations) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate tx;
  private final MonitoringProperties properties;
  private final ZoneId zone;

  MonitoringRetention(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, MonitoringProperties properties,
      CalendarProperties calendar) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.tx = tx;
    this.properties = properties;
    this.zone = calendar.zone();
  }

  @Scheduled(cron = "${onedoor.monitoring.retention-cron:0 45 2 * * *}", zone = "${onedoor.calendar.zone:Asia/Shanghai}")
  void run() {
    if (properties.retention().isZero()) {
      return;
    }
    Purge purge = purge(ClockUtil.now().toInstant());
    log.info("monitoring retention: {} readings and {} deviations measured before {} deleted", purge.readings(),
        purge.deviations(), purge.cutoff());
  }

  /** Deletes what is older than the retention before {@code now}; nothing when the retention is zero (for ever). */
  public Purge purge(Instant now) {
    if (properties.retention().isZero()) {
      return new Purge(null, 0, 0);
    }
    Instant cutoff = now.atZone(zone).minus(properties.retention()).toInstant();
    return purgeBefore(cutoff);
  }

  Purge purgeBefore(Instant cutoff) {
    Timestamp before = Timestamp.from(cutoff);
    record Series(String source, String uscc, String indicator) {}
    List<Series> series = jdbc.sql("SELECT source, uscc, indicator FROM monitoring_series ORDER BY source, uscc, indicator")
        .query((rs, n) -> new Series(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    int readings = 0;
    for (int from = 0; from < series.size(); from += SERIES_PER_TRANSACTION) {
      List<Object[]> args = new ArrayList<>();
      for (Series s : series.subList(from, Math.min(series.size(), from + SERIES_PER_TRANSACTION))) {
        args.add(new Object[] {s.source(), s.uscc(), s.indicator(), before, s.source(), s.uscc(), s.indicator()});
      }
      int[] deleted = tx.execute(status -> batch.batchUpdate("""
          DELETE FROM monitoring_record WHERE source = ? AND uscc = ? AND indicator = ? AND measured_at < ?
             AND measured_at < (SELECT MAX(r.measured_at) FROM monitoring_record r
                                 WHERE r.source = ? AND r.uscc = ? AND r.indicator = ?)""", args));
      for (int d : deleted) {
        readings += Math.max(d, 0);
      }
    }
    int deviations = tx.execute(status -> jdbc.sql("DELETE FROM monitoring_deviation WHERE measured_at < :before")
        .param("before", before).update());
    return new Purge(cutoff, readings, deviations);
  }
}
