package org.onedoor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's SQL on both databases, H2 and a real PostgreSQL (zonky embedded), without the
 * application: migration V90 alone, then {@link NotificationOutbox} from several threads at once. The
 * claim must hand every message to exactly one sender, a claim that ran out must be taken over (and its
 * first holder can no longer mark the message), and a digest must be written once.
 */
class NotificationOutboxSqlTest {

  private static EmbeddedPostgres postgres;
  private static DataSource h2;
  private static final Instant NOW = Instant.parse("2026-07-06T02:00:00Z");
  private static final LocalDate TODAY = LocalDate.of(2026, 7, 6);

  @BeforeAll
  static void databases() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    JdbcDataSource memory = new JdbcDataSource();
    memory.setURL("jdbc:h2:mem:outbox-sql-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE");
    h2 = memory;
    String script = Files.readString(Path.of("src/main/resources/db/migration/common/V90__notifications.sql"));
    for (DataSource db : List.of(h2, postgres.getPostgresDatabase())) {
      try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
        for (String statement : script.lines().filter(l -> !l.strip().startsWith("--"))
            .reduce("", (a, b) -> a + "\n" + b).split(";")) {
          if (!statement.isBlank()) {
            s.execute(statement);
          }
        }
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  static Stream<String> databaseNames() {
    return Stream.of("H2", "PostgreSQL");
  }

  /** The outbox of one database, with nothing left to send from the other tests. */
  private static NotificationOutbox outbox(String database) {
    JdbcClient jdbc = JdbcClient.create(database.equals("H2") ? h2 : postgres.getPostgresDatabase());
    jdbc.sql("UPDATE notification_delivery SET status = 'CANCELLED' WHERE status IN ('PENDING', 'HELD')").update();
    return new NotificationOutbox(jdbc);
  }

  private static long notification(NotificationOutbox outbox, String key) {
    TaskFacts task = new TaskFacts("task-" + key, "核查预警", "CheckWarning", null, NOW.plusSeconds(86_400), null,
        Set.of(), Set.of(), "某店", null);
    return outbox.insert(new NotificationOutbox.NewNotification(key, "luoping", NotificationKind.TASK_AVAILABLE, task,
        TODAY.plusDays(1), new NotificationMessages.Message("待认领：核查预警", "任务", "https://x/#/?task=1")), NOW).orElseThrow();
  }

  @ParameterizedTest
  @MethodSource("databaseNames")
  void racingSendersEachClaimDisjointMessagesAndTogetherAll(String database) throws Exception {
    NotificationOutbox outbox = outbox(database);
    String run = database + "-race-";
    long id = notification(outbox, run + "n");
    for (int i = 0; i < 200; i++) {
      assertThat(outbox.queue(run + i, id, Channel.WEBHOOK, "department:health-" + i, NOW, TODAY, null)).isTrue();
    }
    assertThat(outbox.queue(run + 0, id, Channel.WEBHOOK, "department:health-0", NOW, TODAY, null))
        .as("the same key again").isFalse();

    Set<Long> claimedTwice = ConcurrentHashMap.newKeySet();
    Set<Long> claimed = ConcurrentHashMap.newKeySet();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService senders = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      String node = database + "-node-" + s;
      done.add(senders.submit(() -> {
        go.await();
        for (int round = 0; ; round++) {
          String token = node + "/" + round;
          List<NotificationOutbox.Delivery> batch = outbox.claim(token, NOW, NOW.plusSeconds(300), 7);
          if (batch.isEmpty()) {
            // nothing, or only rows another sender claimed a moment earlier: look once more
            batch = outbox.claim(token + "/again", NOW, NOW.plusSeconds(300), 7);
            token = token + "/again";
            if (batch.isEmpty()) {
              return null;
            }
          }
          for (NotificationOutbox.Delivery d : batch) {
            if (!claimed.add(d.id())) {
              claimedTwice.add(d.id());
            }
            assertThat(outbox.markSent(d.id(), token, NOW)).isTrue();
          }
        }
      }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get(2, TimeUnit.MINUTES);
    }
    senders.shutdownNow();
    assertThat(claimedTwice).isEmpty();
    assertThat(claimed).hasSize(200);
    assertThat(outbox.claim(database + "-late", NOW.plusSeconds(3600), NOW.plusSeconds(3900), 500)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("databaseNames")
  void aClaimThatRanOutIsTakenOverAndItsFirstHolderCannotMarkTheMessage(String database) {
    NotificationOutbox outbox = outbox(database);
    String run = database + "-lease-";
    long id = notification(outbox, run + "n");
    outbox.queue(run + "1", id, Channel.EMAIL, run + "user", NOW, TODAY, null);
    Instant later = NOW.plusSeconds(100_000);

    List<NotificationOutbox.Delivery> first = outbox.claim(run + "a", later, later.plusSeconds(60), 10);
    assertThat(first).extracting(NotificationOutbox.Delivery::recipient).containsExactly(run + "user");
    assertThat(first.get(0).title()).isEqualTo("待认领：核查预警");
    assertThat(first.get(0).notificationId()).isEqualTo(id);
    assertThat(outbox.claim(run + "b", later.plusSeconds(30), later.plusSeconds(90), 10)).as("claim still held").isEmpty();
    List<NotificationOutbox.Delivery> second = outbox.claim(run + "b", later.plusSeconds(61), later.plusSeconds(121), 10);
    assertThat(second).extracting(NotificationOutbox.Delivery::id).containsExactly(first.get(0).id());
    assertThat(outbox.markSent(first.get(0).id(), run + "a", later)).as("the first holder lost it").isFalse();
    assertThat(outbox.markFailedAttempt(first.get(0).id(), run + "b", later.plusSeconds(500), "HTTP 500")).isTrue();
    assertThat(outbox.claim(run + "c", later.plusSeconds(400), later.plusSeconds(460), 10)).as("backing off").isEmpty();
    List<NotificationOutbox.Delivery> retry = outbox.claim(run + "c", later.plusSeconds(500), later.plusSeconds(560), 10);
    assertThat(retry).extracting(NotificationOutbox.Delivery::attempts).containsExactly(1);
    assertThat(outbox.markFailedAttempt(retry.get(0).id(), run + "c", null, "HTTP 500")).isTrue();
    assertThat(outbox.claim(run + "d", later.plusSeconds(100_000), later.plusSeconds(100_060), 10)).as("FAILED").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("databaseNames")
  void aSlotsDigestIsWrittenOnceAndCarriesItsHeldMessages(String database) throws Exception {
    NotificationOutbox outbox = outbox(database);
    String run = database + "-digest-";
    String person = run + "wangqiang";
    for (int i = 0; i < 3; i++) {
      long id = notification(outbox, run + "n" + i);
      outbox.queue(run + i, id, Channel.EMAIL, person, NOW, TODAY, TODAY);
    }
    assertThat(outbox.emailsOn(person, TODAY)).as("held e-mails do not count").isZero();
    NotificationOutbox.DigestSlot slot = outbox.heldSlots().stream().filter(s -> s.recipient().equals(person))
        .findFirst().orElseThrow();

    ExecutorService nodes = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Long>> results = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      results.add(nodes.submit(() -> {
        go.await();
        try {
          return outbox.createDigest(slot, NOW, TODAY).orElse(null);
        } catch (org.springframework.dao.DataAccessException anotherNode) {
          return null;
        }
      }));
    }
    go.countDown();
    Set<Long> digests = new HashSet<>();
    for (Future<Long> f : results) {
      Long id = f.get(1, TimeUnit.MINUTES);
      if (id != null) {
        digests.add(id);
      }
    }
    nodes.shutdownNow();
    assertThat(digests).hasSize(1);
    assertThat(outbox.digestItems(digests.iterator().next())).hasSize(3);
    assertThat(outbox.heldSlots()).noneMatch(s -> s.recipient().equals(person));
  }
}
