package org.onedoor.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Readings older than the retention are deleted, series by series, but a series' newest reading stays (the check
 * of missing reports counts from it); old deviations go too. Readings of the year 2000 of a business of its own,
 * so that the run deletes nothing of other tests'.
 */
@OnedoorSpringTest
class MonitoringRetentionTest {

  @Autowired MonitoringRetention retention;
  @Autowired JdbcClient jdbc;

  static Instant at(int year, int month, int day) {
    return LocalDateTime.of(year, month, day, 8, 0).atZone(MonitoringFixture.ZONE).toInstant();
  }

  void reading(String uscc, String indicator, Instant at, double value) {
    jdbc.sql("INSERT INTO monitoring_record (source, uscc, indicator, measured_at, measured_value, intake_id)"
            + " VALUES ('drug-production', :u, :i, :at, :v, 0)")
        .param("u", uscc).param("i", indicator).param("at", Timestamp.from(at)).param("v", value).update();
  }

  List<String> readings(String uscc) {
    return jdbc.sql("SELECT indicator || ' ' || CAST(measured_value AS VARCHAR) FROM monitoring_record WHERE uscc = :u"
            + " ORDER BY indicator, measured_at").param("u", uscc).query(String.class).list();
  }

  @Test
  void readingsOlderThanTheRetentionGoButEachSeriesKeepsItsNewest() {
    String uscc = MonitoringFixture.freshUscc();
    for (String indicator : List.of("cold-storage-temperature", "water-toc")) {
      jdbc.sql("INSERT INTO monitoring_series (source, uscc, indicator, first_seen_at)"
              + " VALUES ('drug-production', :u, :i, :at)")
          .param("u", uscc).param("i", indicator).param("at", Timestamp.from(at(2000, 1, 1))).update();
    }
    reading(uscc, "cold-storage-temperature", at(2000, 1, 1), 1.0);
    reading(uscc, "cold-storage-temperature", at(2000, 6, 1), 2.0);
    reading(uscc, "cold-storage-temperature", at(2001, 6, 1), 3.0);
    reading(uscc, "water-toc", at(2000, 3, 1), 4.0); // its series' only (newest) reading: stays
    jdbc.sql("INSERT INTO monitoring_deviation (source, rule_code, uscc, measured_at, indicator, measured_value)"
            + " VALUES ('drug-production', 'DP-08', :u, :at, 'cold-storage-temperature', 2.0)")
        .param("u", uscc).param("at", Timestamp.from(at(2000, 6, 1))).update();

    // the default retention, 3 years: on 1 January 2004 the cut-off is 1 January 2001 (calendar zone)
    MonitoringRetention.Purge purge = retention.purge(LocalDateTime.of(2004, 1, 1, 0, 0)
        .atZone(MonitoringFixture.ZONE).toInstant());
    assertThat(purge.cutoff()).isEqualTo(LocalDateTime.of(2001, 1, 1, 0, 0).atZone(MonitoringFixture.ZONE).toInstant());
    assertThat(purge.readings()).isGreaterThanOrEqualTo(2);
    assertThat(readings(uscc)).containsExactly("cold-storage-temperature 3.0", "water-toc 4.0");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM monitoring_deviation WHERE uscc = :u").param("u", uscc)
        .query(Long.class).single()).isZero();

    // again: nothing more to delete for this business
    retention.purge(LocalDateTime.of(2004, 1, 1, 0, 0).atZone(MonitoringFixture.ZONE).toInstant());
    assertThat(readings(uscc)).containsExactly("cold-storage-temperature 3.0", "water-toc 4.0");
  }
}
