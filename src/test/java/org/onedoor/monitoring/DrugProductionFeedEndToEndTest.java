package org.onedoor.monitoring;

import org.onedoor.demo.DrugProductionFeed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.directory.EntityImporter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Three weeks of the demo city's drug-production feed (84 makers, ~19,600 readings) sent by the platform over
 * REST, a day a request, with the morning check of missing reports and the department's inspectors checking
 * the open warnings on Mondays (as the benchmark runs the whole year): every reading stored once, warnings
 * raised by the rules of the table and at most one open per business and rule, a day sent again changes nothing.
 */
@OnedoorSpringTest
class DrugProductionFeedEndToEndTest {

  static final int DAYS = 21;

  @TempDir Path dir;
  @LocalServerPort int port;
  @Autowired EntityImporter entities;
  @Autowired MonitoringEvaluation evaluation;
  @Autowired JdbcTemplate jdbc;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired ObjectMapper json;

  @Test
  void threeWeeksOfTheFeedAreStoredOnceAndRaiseWarningsOneOpenPerBusinessAndRule() throws Exception {
    List<DrugProductionFeed.Maker> makers = DrugProductionFeed.cityMakers(dir.resolve("city"), DrugProductionFeed.DEFAULT_SEED);
    Path csv = dir.resolve("makers.csv");
    List<String> lines = new ArrayList<>();
    lines.add(DrugProductionFeed.entityHeader(dir.resolve("city").resolve("entities.csv")));
    makers.forEach(m -> lines.add(m.csvLine()));
    Files.write(csv, lines, StandardCharsets.UTF_8);
    assertThat(entities.importNow(csv, "admin").rowsAccepted()).isEqualTo(84);
    List<String> usccs = makers.stream().map(DrugProductionFeed.Maker::uscc).toList();
    // the feed's year is 2026: nothing of this year's warnings for these makers may come from before
    String in = "'" + String.join("','", usccs) + "'";
    long warningsBefore = count("SELECT COUNT(*) FROM credit_risk_warning WHERE uscc IN (" + in + ")");
    long readingsBefore = count("SELECT COUNT(*) FROM monitoring_record WHERE uscc IN (" + in + ")");

    TestHttp http = new TestHttp(port);
    SimulatedInspectors inspectors = new SimulatedInspectors(jdbc, management, tasks, forms, identity, "zhangwei");
    DrugProductionFeed feed = new DrugProductionFeed(makers, DrugProductionFeed.DEFAULT_SEED);
    long sent = 0;
    long raised = 0;
    byte[] third = null;
    for (int d = 0; d < DAYS; d++) {
      LocalDate day = feed.nextDay();
      List<Reading> readings = feed.next();
      ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.of(23, 0)).atZone(DrugProductionFeed.ZONE).toInstant()));
      byte[] body = json.writeValueAsBytes(readings.stream().map(DrugProductionFeedEndToEndTest::asJson).toList());
      if (d == 2) {
        third = body;
      }
      JsonNode answer = post(http, body);
      assertThat(answer.get("stored").asInt()).as(day.toString()).isEqualTo(readings.size());
      sent += readings.size();
      raised += answer.get("warningsRaised").asInt();
      Instant morning = day.plusDays(1).atTime(LocalTime.of(6, 30)).atZone(DrugProductionFeed.ZONE).toInstant();
      ClockUtil.setCurrentTime(Date.from(morning));
      raised += evaluation.checkSilence(morning);
      if (day.plusDays(1).getDayOfWeek() == DayOfWeek.MONDAY) {
        ClockUtil.setCurrentTime(Date.from(morning.plusSeconds(9_000)));
        inspectors.checkAll(DrugProductionFeed.SOURCE);
      }
    }

    assertThat(count("SELECT COUNT(*) FROM monitoring_record WHERE uscc IN (" + in + ")") - readingsBefore).isEqualTo(sent);
    long warnings = count("SELECT COUNT(*) FROM credit_risk_warning WHERE feed = 'drug-production' AND uscc IN (" + in + ")")
        - warningsBefore;
    // checkSilence counts the warnings of every business in the shared database: at least ours
    assertThat(raised).isGreaterThanOrEqualTo(warnings);
    assertThat(warnings).isBetween(40L, 200L);
    // every warning is one of the table's rules, started, and describes its readings
    assertThat(count("SELECT COUNT(*) FROM credit_risk_warning WHERE uscc IN (" + in + ") AND (rule_code NOT LIKE 'DP-%'"
        + " OR process_instance_id IS NULL OR description NOT LIKE '药品生产在线监测：%')")).isZero();
    // never two open warnings of one business and rule
    assertThat(count("SELECT COUNT(*) FROM (SELECT uscc, rule_code FROM credit_risk_warning WHERE uscc IN (" + in + ")"
        + " AND status = 'CHECKING' GROUP BY uscc, rule_code HAVING COUNT(*) > 1) x")).isZero();
    // the third day sent again: stored already, no warning
    JsonNode again = post(http, third);
    assertThat(again.get("stored").asInt()).isZero();
    assertThat(again.get("duplicates").asInt()).isEqualTo(again.get("received").asInt());
    assertThat(again.get("warningsRaised").asInt()).isZero();
  }

  private JsonNode post(TestHttp http, byte[] body) throws Exception {
    HttpResponse<String> response = http.post("/api/v1/monitoring/records", "drug-platform",
        new String(body, StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private long count(String sql) {
    Long n = jdbc.queryForObject(sql, Long.class);
    return n == null ? 0 : n;
  }

  private static Map<String, Object> asJson(Reading r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", r.source());
    m.put("uscc", r.uscc());
    m.put("indicator", r.indicator());
    m.put("value", r.value());
    m.put("measuredAt", r.measuredAt().atZone(DrugProductionFeed.ZONE).toOffsetDateTime().toString());
    return m;
  }
}
