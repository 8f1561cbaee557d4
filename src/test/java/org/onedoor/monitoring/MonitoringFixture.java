package org.onedoor.monitoring;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.onedoor.TestClock;
import org.onedoor.directory.Uscc;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Businesses and readings for monitoring tests, distinct within the JVM (the test database is shared). */
final class MonitoringFixture {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000L * 100);

  private MonitoringFixture() {}

  /** A valid USCC no other test uses (Fujian codes: the demo city is in Zhejiang). */
  static String freshUscc() {
    String first17 = "91350100" + String.format("%09d", NEXT.incrementAndGet() % 1_000_000_000L);
    return first17 + Uscc.checkCharacter(first17);
  }

  /** The same code with a wrong check character. */
  static String badCheck(String uscc) {
    char good = uscc.charAt(17);
    return uscc.substring(0, 17) + (good == '0' ? '1' : '0');
  }

  /** A drug maker in the directory. */
  static String drugMaker(JdbcClient jdbc, String name) {
    String uscc = freshUscc();
    jdbc.sql("""
        INSERT INTO directory_entity (uscc, name, type, category, subcategory, unit, region, address,
            legal_representative, status, credit_class, risk_level, tags, commitment, created_at, updated_at)
        VALUES (:u, :n, 'enterprise', '药品生产', '化学药品生产企业', '西湖区市场监管所', '西湖区', '临江市西湖区文一路1号',
            '法人甲', 'active', 'B', 'medium', '', FALSE, :t, :t)""")
        .param("u", uscc).param("n", name).param("t", Timestamp.from(TestClock.now())).update();
    return uscc;
  }

  /** One reading as a JSON object. */
  static String json(String uscc, String indicator, Object value, String measuredAt) {
    return "{\"source\":\"drug-production\",\"uscc\":\"" + uscc + "\",\"indicator\":\"" + indicator
        + "\",\"value\":" + (value instanceof String s ? "\"" + s + "\"" : value) + ",\"measuredAt\":\""
        + measuredAt + "\"}";
  }

  static String array(List<String> objects) {
    return "[" + String.join(",", objects) + "]";
  }

  static Instant at(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(ZONE).toInstant();
  }

  static long count(JdbcClient jdbc, String uscc) {
    return jdbc.sql("SELECT COUNT(*) FROM monitoring_record WHERE uscc = :u").param("u", uscc)
        .query(Long.class).single();
  }
}
