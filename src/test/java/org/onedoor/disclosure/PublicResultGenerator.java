package org.onedoor.disclosure;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.onedoor.calendar.WorkingDayCalendar;
import org.onedoor.directory.Uscc;

/**
 * Fills the disclosure projection with {@code n} published result notices of {@code n / 5}
 * entities (5 each, 20 plans, every department), deterministically from a seed, for load tests.
 * PostgreSQL: {@code COPY ... FROM STDIN} in chunks of 50,000 rows; other databases: JDBC batches of
 * 1,000. Ids continue after the highest existing id; generated USCCs start with {@code 91330100G}.
 *
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) org.onedoor.disclosure.PublicResultGenerator \
 *   --url jdbc:postgresql://localhost:5432/onedoor --user onedoor --password onedoor --results 1000000
 * </pre>
 */
public final class PublicResultGenerator {

  static final String[] DISTRICTS = {"上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区", "富阳区", "临安区"};
  static final String[] WORDS = {"华兴", "恒泰", "鑫源", "宏达", "永盛", "嘉禾", "瑞丰", "金诚", "同创", "联合", "新星", "明德",
      "润泽", "博远", "天成", "和美", "安康", "信达", "东方", "春晖"};
  static final String[] TRADES = {"餐饮有限公司", "商贸有限公司", "科技有限公司", "食品店", "便利店", "建材经营部", "药房有限公司",
      "酒店管理有限公司", "文化传媒有限公司", "物流有限公司"};
  static final String[][] DEPARTMENTS = {{"market", "市场监管局"}, {"culture", "文化和旅游局"}, {"police", "公安局"},
      {"fire", "消防救援支队"}, {"health", "卫生健康委员会"}, {"emergency", "应急管理局"}, {"ecology", "生态环境局"}};
  static final String[][] RESULTS = {{"1", "未发现问题"}, {"1", "未发现问题"}, {"1", "未发现问题"}, {"E", "发现问题经责令已改正"},
      {"A", "发现问题待后续处理"}, {"F", "未发现开展本次抽查涉及的经营活动"}, {"6", "通过登记的住所（经营场所）无法联系"}};
  public static final int PER_ENTITY = 5;

  private PublicResultGenerator() {}

  /** The USCC of generated entity {@code i}. */
  public static String uscc(long i) {
    String body = String.format("91330100G%08d", i);
    return body + Uscc.checkCharacter(body);
  }

  /** The name of generated entity {@code i}: 临江市 + district + word + number + trade. */
  public static String name(long i) {
    SplittableRandom r = new SplittableRandom(i * 7919 + 17);
    return "临江市" + DISTRICTS[(int) (i % DISTRICTS.length)] + WORDS[r.nextInt(WORDS.length)] + i
        + TRADES[r.nextInt(TRADES.length)];
  }

  public record Generated(long results, long entities, double seconds) {}

  public static Generated generate(Connection c, long results, long seed) throws SQLException, IOException {
    long t0 = System.nanoTime();
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    long firstId;
    try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM public_result")) {
      rs.next();
      firstId = rs.getLong(1);
    }
    long entities = Math.max(1, results / PER_ENTITY);
    WorkingDayCalendar calendar = WorkingDayCalendar.load(null, true);
    SplittableRandom random = new SplittableRandom(seed);
    LocalDate base = LocalDate.of(2024, 1, 2);
    String resultColumns = "id, record_id, version, change_kind, current_version, plan_number, plan_name, task_number,"
        + " task_name, inspection_type, department, authority, entity_name, uscc, completed_on, result_code,"
        + " result_label, remarks, arisen_on, deadline, published_at";
    int chunk = postgres ? 50_000 : 1_000;
    StringBuilder copy = new StringBuilder();
    PreparedStatement insert = postgres ? null : c.prepareStatement("INSERT INTO public_result (" + resultColumns
        + ") VALUES (?, ?, 1, 'ORIGINAL', TRUE, ?, ?, ?, ?, '不定向抽查', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    int pending = 0;
    for (long k = 0; k < results; k++) {
      long e = k % entities;
      long id = firstId + k;
      int plan = (int) (k / entities) * 4 + random.nextInt(4);
      String planNumber = String.format("GEN-%d-%03d", 2024 + plan % 3, plan + 1);
      String planName = (2024 + plan % 3) + "年第" + (plan + 1) + "批双随机联合抽查计划";
      String[] dep = DEPARTMENTS[random.nextInt(DEPARTMENTS.length)];
      String[] result = RESULTS[random.nextInt(RESULTS.length)];
      LocalDate completed = base.plusDays(random.nextInt(900));
      LocalDate deadline = calendar.plusWorkingDays(completed, 20);
      Instant published = completed.plusDays(1 + random.nextInt(30)).atTime(10, 0).atZone(java.time.ZoneOffset.ofHours(8)).toInstant();
      String taskNumber = planNumber + "-T" + id;
      String taskName = planName.substring(0, 4) + dep[1] + "抽查任务";
      String remarks = "A".equals(result[0]) ? "已责令限期改正" : null;
      if (postgres) {
        copy.append(id).append('\t').append(id).append("\t1\tORIGINAL\tt\t").append(planNumber).append('\t')
            .append(planName).append('\t').append(taskNumber).append('\t').append(taskName).append("\t不定向抽查\t")
            .append(dep[0]).append('\t').append(dep[1]).append('\t').append(name(e)).append('\t').append(uscc(e))
            .append('\t').append(completed).append('\t').append(result[0]).append('\t').append(result[1]).append('\t')
            .append(remarks == null ? "\\N" : remarks).append('\t').append(completed).append('\t').append(deadline)
            .append('\t').append(published).append('\n');
      } else {
        insert.setLong(1, id);
        insert.setLong(2, id);
        insert.setString(3, planNumber);
        insert.setString(4, planName);
        insert.setString(5, taskNumber);
        insert.setString(6, taskName);
        insert.setString(7, dep[0]);
        insert.setString(8, dep[1]);
        insert.setString(9, name(e));
        insert.setString(10, uscc(e));
        insert.setDate(11, java.sql.Date.valueOf(completed));
        insert.setString(12, result[0]);
        insert.setString(13, result[1]);
        insert.setString(14, remarks);
        insert.setDate(15, java.sql.Date.valueOf(completed));
        insert.setDate(16, java.sql.Date.valueOf(deadline));
        insert.setTimestamp(17, Timestamp.from(published));
        insert.addBatch();
      }
      if (++pending == chunk || k == results - 1) {
        if (postgres) {
          copy(c, "COPY public_result (" + resultColumns + ") FROM STDIN", copy.toString());
          copy.setLength(0);
        } else {
          insert.executeBatch();
        }
        c.commit();
        pending = 0;
      }
    }
    if (insert != null) {
      insert.close();
    }
    // the search index: one row per entity, with its count of results
    PreparedStatement entityInsert = postgres ? null : c.prepareStatement(
        "INSERT INTO public_entity (uscc, entity_name, results, listings, last_published_at) VALUES (?, ?, ?, 0, ?)");
    Instant last = Instant.parse("2026-11-30T02:00:00Z");
    for (long e = 0; e < entities; e++) {
      long count = results / entities + (e < results % entities ? 1 : 0);
      if (postgres) {
        copy.append(uscc(e)).append('\t').append(name(e)).append('\t').append(count).append("\t0\t").append(last).append('\n');
      } else {
        entityInsert.setString(1, uscc(e));
        entityInsert.setString(2, name(e));
        entityInsert.setLong(3, count);
        entityInsert.setTimestamp(4, Timestamp.from(last));
        entityInsert.addBatch();
      }
      if (++pending == chunk || e == entities - 1) {
        if (postgres) {
          copy(c, "COPY public_entity (uscc, entity_name, results, listings, last_published_at) FROM STDIN", copy.toString());
          copy.setLength(0);
        } else {
          entityInsert.executeBatch();
        }
        c.commit();
        pending = 0;
      }
    }
    if (entityInsert != null) {
      entityInsert.close();
    }
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE public_result ALTER COLUMN id RESTART WITH " + (firstId + results));
      if (postgres) {
        c.commit();
        c.setAutoCommit(true);
        // what autovacuum does to bulk-inserted tables soon after: statistics and the visibility map
        // (index-only scans need it); done here so it does not happen in the middle of a measurement
        s.execute("VACUUM ANALYZE public_result");
        s.execute("VACUUM ANALYZE public_entity");
      }
    }
    if (!c.getAutoCommit()) {
      c.commit();
    }
    c.setAutoCommit(autoCommit);
    return new Generated(results, entities, (System.nanoTime() - t0) / 1e9);
  }

  private static void copy(Connection c, String sql, String rows) throws SQLException, IOException {
    org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
    try (Reader reader = new StringReader(rows)) {
      copy.copyIn(sql, reader);
    }
  }

  public static void main(String[] args) throws Exception {
    String url = null;
    String user = null;
    String password = null;
    long results = 1_000_000;
    long seed = 20261125;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--user" -> user = args[++i];
        case "--password" -> password = args[++i];
        case "--results" -> results = Long.parseLong(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> throw new IllegalArgumentException(
            "usage: --url JDBC_URL [--user U] [--password P] [--results 1000000] [--seed 20261125]");
      }
    }
    if (url == null) {
      throw new IllegalArgumentException("--url is required (a database migrated by onedoor)");
    }
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      Generated g = generate(c, results, seed);
      System.out.printf(Locale.ROOT, "%d results of %d entities in %.1f s (%.0f rows/s)%n", g.results(), g.entities(),
          g.seconds(), g.results() / g.seconds());
    }
  }

  static List<String> districts() {
    return List.of(DISTRICTS);
  }
}
