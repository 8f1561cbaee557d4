package org.onedoor.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.onedoor.OnedoorApplication;
import org.onedoor.TestClock;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminder benchmark (issue 17): {@code --reminders} tasks (10,000) due tomorrow, assigned to {@code
 * --people} people with e-mail addresses, in the full application on in-memory H2 with e-mail to a real
 * SMTP server in this JVM (GreenMail). One deadline scan generates the reminders (notification and
 * outbox row each, in the scan's transactions), then the outbox sender delivers them ({@code --senders}
 * senders at once, as that many nodes would) until GreenMail holds every one. In the same run, as the
 * yardstick, the application's own {@link JavaMailSender} sends as many e-mails of the same size
 * straight to GreenMail from as many threads, nothing else. Prints the rates and their ratio. The
 * daily digest is set out of the way ({@code max-per-day} high): every reminder is its own e-mail.
 *
 * <pre>./mvnw -q -o test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.onedoor.notification.ReminderBenchmark -Dexec.args="--reminders 10000 --people 200 --senders 1"</pre>
 */
public final class ReminderBenchmark {

  private ReminderBenchmark() {}

  public static void main(String[] args) throws Exception {
    int reminders = 10_000;
    int people = 200;
    int senders = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--reminders" -> reminders = Integer.parseInt(args[++i]);
        case "--people" -> people = Integer.parseInt(args[++i]);
        case "--senders" -> senders = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OnedoorApplication.class).profiles("demo")
        .run("--spring.datasource.url=jdbc:h2:mem:reminder-benchmark;DB_CLOSE_ON_EXIT=FALSE;NON_KEYWORDS=VALUE",
            "--server.port=0", "--camunda.bpm.job-execution.enabled=false", "--camunda.bpm.webapp.enabled=false",
            "--camunda.bpm.generate-unique-process-engine-name=true", "--onedoor.demo.load-slice=false",
            "--onedoor.demo.run-plan=false", "--onedoor.notifications.background=false",
            "--onedoor.notifications.email.max-per-day=1000000", "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + mail.getSmtp().getPort(), "--spring.mail.properties[mail.smtp.starttls.enable]=false",
            "--logging.level.root=WARN", "--logging.level.org.camunda=WARN", "--spring.main.banner-mode=off")) {
      new ReminderBenchmark.Run(app, mail, reminders, people, senders).measure();
    } finally {
      mail.stop();
      TestClock.reset();
    }
  }

  private record Run(ConfigurableApplicationContext app, GreenMail mail, int reminders, int people, int senders) {

    void measure() throws Exception {
      IdentityService identity = app.getBean(IdentityService.class);
      TaskService tasks = app.getBean(TaskService.class);
      TransactionTemplate transactions = app.getBean(TransactionTemplate.class);
      DeadlineScan scan = app.getBean(DeadlineScan.class);
      NotificationSender sender = app.getBean(NotificationSender.class);
      JavaMailSender smtp = app.getBean(JavaMailSender.class);
      NotificationProperties properties = app.getBean(NotificationProperties.class);

      // Monday 14 September 2026, 09:00 Beijing; everything due Tuesday 10:00, one working day ahead: near
      Instant now = LocalDateTime.of(2026, 9, 14, 9, 0).atZone(TestClock.ZONE).toInstant();
      Instant due = LocalDateTime.of(2026, 9, 15, 10, 0).atZone(TestClock.ZONE).toInstant();
      ClockUtil.setCurrentTime(Date.from(now));

      long t0 = System.nanoTime();
      for (int p = 0; p < people; p++) {
        User user = identity.newUser(String.format("bench%04d", p));
        user.setFirstName("检查员" + p);
        user.setLastName("");
        user.setEmail(String.format("bench%04d@onedoor.local", p));
        identity.saveUser(user);
      }
      for (int first = 0; first < reminders; first += 500) {
        int from = first;
        int to = Math.min(reminders, first + 500);
        transactions.executeWithoutResult(s -> {
          for (int i = from; i < to; i++) {
            Task task = tasks.newTask();
            task.setName("核查预警 " + i);
            task.setAssignee(String.format("bench%04d", i % people));
            task.setDueDate(Date.from(due));
            tasks.saveTask(task);
          }
        });
      }
      System.out.printf(Locale.ROOT, "setup: %d people, %d tasks due %s in %.1f s%n", people, reminders, due,
          seconds(t0));

      // warm-up of the SMTP path (connections, JavaMail classes): 200 mails, not counted
      baseline(smtp, properties, Math.min(200, reminders), senders);
      mail.purgeEmailFromAllMailboxes();

      long g0 = System.nanoTime();
      int written = scan.scan(now);
      double generate = seconds(g0);
      long s0 = System.nanoTime();
      int delivered = inParallel(senders, sender::sendDue);
      if (!mail.waitForIncomingEmail(60_000, reminders)) {
        throw new IllegalStateException("GreenMail has " + mail.getReceivedMessages().length + " of " + reminders);
      }
      double send = seconds(s0);
      int received = mail.getReceivedMessages().length;
      MimeMessage sample = mail.getReceivedMessages()[0];
      String sampleText = sample.getContent().toString();
      mail.purgeEmailFromAllMailboxes();

      long b0 = System.nanoTime();
      baseline(smtp, properties, reminders, senders, sampleText, sample.getSubject(), 1);
      if (!mail.waitForIncomingEmail(60_000, reminders)) {
        throw new IllegalStateException("baseline: GreenMail has " + mail.getReceivedMessages().length);
      }
      double plain = seconds(b0);
      mail.purgeEmailFromAllMailboxes();

      // the same transport as the outbox's: the sender's batch of mails over one connection
      int batch = properties.batchSize();
      long c0 = System.nanoTime();
      baseline(smtp, properties, reminders, senders, sampleText, sample.getSubject(), batch);
      if (!mail.waitForIncomingEmail(60_000, reminders)) {
        throw new IllegalStateException("batched baseline: GreenMail has " + mail.getReceivedMessages().length);
      }
      double batched = seconds(c0);

      System.out.printf(Locale.ROOT, "generated: %d reminders (scan) in %.1f s = %.0f/s%n", written, generate,
          written / generate);
      System.out.printf(Locale.ROOT, "delivered: %d e-mails (outbox, %d sender%s), GreenMail received %d, in %.1f s = %.0f/s%n",
          delivered, senders, senders == 1 ? "" : "s", received, send, delivered / send);
      System.out.printf(Locale.ROOT, "end to end: %.1f s = %.0f reminders/s%n", generate + send,
          reminders / (generate + send));
      System.out.printf(Locale.ROOT, "baseline: %d e-mails straight through JavaMailSender (%d thread%s) in %.1f s = %.0f/s%n",
          reminders, senders, senders == 1 ? "" : "s", plain, reminders / plain);
      System.out.printf(Locale.ROOT, "baseline, batched: the same through JavaMailSender, %d per connection, in %.1f s = %.0f/s%n",
          batch, batched, reminders / batched);
      System.out.printf(Locale.ROOT, "ratio: delivery %.2f, end to end %.2f of the baseline's rate (a connection per mail)%n",
          plain / send, plain / (generate + send));
      System.out.printf(Locale.ROOT, "ratio: delivery %.2f, end to end %.2f of the batched baseline's rate%n",
          batched / send, batched / (generate + send));
    }

    private void baseline(JavaMailSender smtp, NotificationProperties properties, int count, int threads)
        throws Exception {
      baseline(smtp, properties, count, threads, "提醒正文", "【onedoor】预热", properties.batchSize());
    }

    /**
     * {@code count} e-mails like the reminders from {@code threads} threads, {@code perConnection} at a time
     * through one {@code send} (1: a connection per mail, Spring's {@code send(message)}).
     */
    private void baseline(JavaMailSender smtp, NotificationProperties properties, int count, int threads, String text,
        String subject, int perConnection) throws Exception {
      int[] next = {0};
      inParallel(threads, () -> {
        int sent = 0;
        while (true) {
          int from;
          int to;
          synchronized (next) {
            if (next[0] >= count) {
              return sent;
            }
            from = next[0];
            to = Math.min(count, from + perConnection);
            next[0] = to;
          }
          try {
            MimeMessage[] messages = new MimeMessage[to - from];
            for (int i = from; i < to; i++) {
              MimeMessage message = smtp.createMimeMessage();
              MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
              helper.setFrom(properties.email().from());
              helper.setTo(String.format("bench%04d@onedoor.local", i % people));
              helper.setSubject(subject);
              helper.setText(text, false);
              messages[i - from] = message;
            }
            smtp.send(messages);
          } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
          }
          sent += to - from;
        }
      });
    }

    private static int inParallel(int threads, java.util.concurrent.Callable<Integer> work) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          runs.add(pool.submit(work));
        }
        int total = 0;
        for (Future<Integer> run : runs) {
          total += run.get();
        }
        return total;
      } finally {
        pool.shutdownNow();
      }
    }

    private static double seconds(long since) {
      return Duration.ofNanos(System.nanoTime() - since).toMillis() / 1000.0;
    }
  }
}
