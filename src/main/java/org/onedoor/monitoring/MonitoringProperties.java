package org.onedoor.monitoring;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Monitoring intake ({@code onedoor.monitoring}, see application.yml): the sources that may send
 * readings, each with the department it concerns, its rule table (a DMN decision officials edit) and
 * its indicators; the limits of a request.
 *
 * @param maxRecordsPerRequest readings in one {@code POST /api/v1/monitoring/records} (5,000)
 * @param maxClockSkew how far after the server's clock a reading may be measured (the sender's clock)
 * @param silenceCron when the check of missing reports runs (Spring cron, calendar zone; "-" = off)
 * @param retention how long readings are kept after their measurement (3 years; {@code P0D} = for ever); a
 *     series' newest reading stays whatever its age (the check of missing reports starts from it)
 * @param retentionCron when older readings are deleted (Spring cron, calendar zone; "-" = off)
 * @param sources the monitoring sources
 */
@ConfigurationProperties("onedoor.monitoring")
public record MonitoringProperties(
    Integer maxRecordsPerRequest, Duration maxClockSkew, String silenceCron, Period retention, String retentionCron,
    List<Source> sources) {

  public MonitoringProperties {
    maxRecordsPerRequest = maxRecordsPerRequest == null ? 5000 : maxRecordsPerRequest;
    maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(10) : maxClockSkew;
    silenceCron = silenceCron == null || silenceCron.isBlank() ? "0 30 6 * * *" : silenceCron;
    retention = retention == null ? Period.ofYears(3) : retention;
    retentionCron = retentionCron == null || retentionCron.isBlank() ? "0 45 2 * * *" : retentionCron;
    if (retention.isNegative()) {
      throw new IllegalArgumentException("onedoor.monitoring.retention must not be negative: " + retention);
    }
    sources = sources == null ? List.of() : List.copyOf(sources);
    if (maxRecordsPerRequest < 1) {
      throw new IllegalArgumentException("onedoor.monitoring.max-records-per-request must be positive");
    }
  }

  /**
   * A monitoring source (a platform sending readings).
   *
   * @param code used in requests and files, e.g. {@code drug-production}
   * @param name in Chinese, e.g. 药品生产在线监测; files may name the source by it
   * @param department the department its warnings go to (onedoor.organisation)
   * @param decision the key of its rule table, a DMN decision in processes/
   * @param indicators what it measures
   * @param accounts the user ids of the platform's own accounts (role {@code monitoring-system}) that send
   *     its readings over REST; people of the department and administrators may send them too
   */
  public record Source(String code, String name, String department, String decision, List<Indicator> indicators,
      List<String> accounts) {
    public Source {
      indicators = indicators == null ? List.of() : List.copyOf(indicators);
      accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }
  }

  /**
   * An indicator of a source.
   *
   * @param code e.g. {@code cleanroom-temperature}
   * @param name in Chinese, e.g. 洁净区温度; files may name the indicator by it
   * @param unit e.g. ℃
   * @param min the lowest plausible reading (a lower one is refused as an error of the sender, not a deviation)
   * @param max the highest plausible reading
   */
  public record Indicator(String code, String name, String unit, Double min, Double max) {}
}
