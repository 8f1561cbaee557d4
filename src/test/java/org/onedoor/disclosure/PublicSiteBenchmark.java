package org.onedoor.disclosure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.onedoor.OnedoorApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Load benchmark of the public site (issue 7, item 7) on PostgreSQL (zonky embedded): fills the
 * projection with {@code --results} result notices ({@link PublicResultGenerator}), then drives the
 * application over loopback with {@code --clients} concurrent clients (Java HttpClient, HTTP/1.1,
 * one request at a time each) for {@code --seconds} per scenario, in {@code --rounds} round-robin
 * rounds (a drifting load of other processes weighs on all alike), after {@code --warmup} seconds:
 * a static page served by Spring Boot's resource handler, search by USCC, search by name prefix,
 * the entity page. Prints requests/s, p50/p95/p99 and the ratio of each to the static page.
 *
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat target/bench.cp) org.onedoor.disclosure.PublicSiteBenchmark \
 *   --results 1000000 --clients 50 --seconds 20 --warmup 5
 * </pre>
 */
public final class PublicSiteBenchmark {

  private PublicSiteBenchmark() {}

  /** Serves target/bench-static/ at /public/bench-static/ with Spring's own static resource handler. */
  @Configuration(proxyBeanMethods = false)
  static class StaticPage {
    @Bean
    SimpleUrlHandlerMapping benchStaticMapping() throws Exception {
      ResourceHttpRequestHandler handler = new ResourceHttpRequestHandler();
      handler.setLocations(List.of(new FileSystemResource(Path.of("target/bench-static").toAbsolutePath() + "/")));
      handler.afterPropertiesSet();
      SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/public/bench-static/**", handler));
      mapping.setOrder(-100);
      return mapping;
    }
  }

  /**
   * {@code serverCpuNanos}: CPU time of Tomcat's threads ({@code http-nio-*}) during the run;
   * {@code databaseCpuNanos}: CPU time of the embedded PostgreSQL processes (descendants of this JVM).
   * Per request, these say what a page costs even when neighbours make the latencies noisy.
   */
  record Stats(String name, long requests, long errors, double seconds, long[] sortedNanos, long serverCpuNanos,
      long databaseCpuNanos) {
    double rps() {
      return requests / seconds;
    }

    double serverCpuMicrosPerRequest() {
      return requests == 0 ? Double.NaN : serverCpuNanos / 1e3 / requests;
    }

    double databaseCpuMicrosPerRequest() {
      return requests == 0 ? Double.NaN : databaseCpuNanos / 1e3 / requests;
    }

    double percentile(double p) {
      if (sortedNanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
      return sortedNanos[Math.max(0, Math.min(i, sortedNanos.length - 1))] / 1e6;
    }
  }

  public static void main(String[] args) throws Exception {
    long results = 1_000_000;
    int clients = 50;
    int seconds = 20;
    int warmup = 5;
    int rounds = 4;
    String only = null;
    // tuned for a 2-core machine that also runs PostgreSQL and the load generator (docs/benchmarks.md)
    int pool = 8;
    int httpThreads = 24;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--results" -> results = Long.parseLong(args[++i]);
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--only" -> only = args[++i];
        case "--pool" -> pool = Integer.parseInt(args[++i]);
        case "--http-threads" -> httpThreads = Integer.parseInt(args[++i]);
        case "--client" -> jdkClient = switch (args[++i]) {
          case "jdk" -> true;
          case "socket" -> false;
          default -> throw new IllegalArgumentException("--client socket|jdk");
        };
        default -> throw new IllegalArgumentException(
            "usage: [--results 1000000] [--clients 50] [--seconds 20] [--warmup 5] [--rounds 4] [--only <scenario text>] [--client socket|jdk] [--pool 8] [--http-threads 24]");
      }
    }
    Path staticDir = Path.of("target/bench-static");
    Files.createDirectories(staticDir);
    Files.writeString(staticDir.resolve("index.html"), "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        + "<title>静态页</title></head><body><h1>静态页</h1><p>" + "双随机、一公开".repeat(40) + "</p></body></html>");
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OnedoorApplication.class, StaticPage.class)
            .profiles("postgres", "demo")
            .run("--ONEDOOR_DB_URL=" + postgres.getJdbcUrl("postgres", "postgres"), "--ONEDOOR_DB_USER=postgres",
                "--ONEDOOR_DB_PASSWORD=postgres", "--ONEDOOR_DB_POOL_SIZE=" + pool, "--ONEDOOR_HTTP_THREADS=" + httpThreads, "--server.port=0",
                "--camunda.bpm.job-execution.enabled=false", "--camunda.bpm.generate-unique-process-engine-name=true",
                "--camunda.bpm.webapp.enabled=false", "--onedoor.demo.load-slice=false", "--onedoor.demo.run-plan=false",
                "--logging.level.root=WARN", "--logging.level.org.camunda=WARN", "--spring.main.banner-mode=off")) {
      databasePort = postgres.getPort();
      PublicResultGenerator.Generated generated;
      try (Connection c = context.getBean(DataSource.class).getConnection()) {
        generated = PublicResultGenerator.generate(c, results, 20261125);
      }
      System.out.printf(Locale.ROOT, "generated %,d results of %,d entities in %.1f s (%.0f rows/s)%n",
          generated.results(), generated.entities(), generated.seconds(), generated.results() / generated.seconds());
      // the rows were copied in without the application: store their entity pages' first pages as it would have
      long backfillStart = System.nanoTime();
      int firstPages = context.getBean(EntityFirstPages.class).backfill();
      try (Connection c = context.getBean(DataSource.class).getConnection(); var s = c.createStatement()) {
        // what autovacuum does after such a mass update: the visibility map the index-only scans need
        s.execute("VACUUM ANALYZE public_entity");
      }
      System.out.printf(Locale.ROOT, "stored the first page of %,d entity pages in %.1f s%n", firstPages,
          (System.nanoTime() - backfillStart) / 1e9);
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      String base = "http://127.0.0.1:" + port;
      long entities = generated.entities();
      List<Stats> all = new ArrayList<>();
      IntFunction<String> staticPage = r -> "/public/bench-static/index.html";
      List<Map.Entry<String, IntFunction<String>>> scenarios = List.of(
          Map.entry("static page (Spring Boot resource handler)", staticPage),
          Map.entry("JSON search by USCC (/public/api/search?q=USCC)",
              r -> "/public/api/search?q=" + PublicResultGenerator.uscc(pick(r, entities))),
          Map.entry("JSON entity (/public/api/entities/USCC)",
              r -> "/public/api/entities/" + PublicResultGenerator.uscc(pick(r, entities))),
          Map.entry("search page by USCC (/public/search?q=USCC)",
              r -> "/public/search?q=" + PublicResultGenerator.uscc(pick(r, entities))),
          Map.entry("search page by name prefix (/public/search?q=prefix)", r -> "/public/search?q="
              + enc(prefix(PublicResultGenerator.name(pick(r, entities)), r))),
          Map.entry("entity page (/public/entities/USCC)",
              r -> "/public/entities/" + PublicResultGenerator.uscc(pick(r, entities))));
      if (only != null) {
        // the static baseline always runs, so the ratio stays measured in the same run
        String wanted = only;
        scenarios = scenarios.stream().filter(s -> s.getValue() == staticPage || s.getKey().contains(wanted)).toList();
      }
      for (var scenario : scenarios) {
        run(base, scenario.getKey() + " warm-up", scenario.getValue(), clients, warmup);
      }
      // round robin: each scenario runs seconds/rounds at a time, so a drifting machine load (other
      // processes) weighs on every scenario alike
      List<List<Stats>> parts = new ArrayList<>();
      scenarios.forEach(x -> parts.add(new ArrayList<>()));
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < scenarios.size(); k++) {
          parts.get(k).add(run(base, scenarios.get(k).getKey() + " round " + (round + 1), scenarios.get(k).getValue(),
              clients, Math.max(1, seconds / rounds)));
        }
      }
      for (int k = 0; k < scenarios.size(); k++) {
        all.add(merge(scenarios.get(k).getKey(), parts.get(k)));
      }
      double staticRps = all.get(0).rps();
      System.out.println();
      System.out.printf(Locale.ROOT, "PostgreSQL (embedded), %,d results / %,d entities, %d clients (%s), %d s per scenario"
              + " in %d rounds, %d Tomcat threads, %d database connections%n",
          results, entities, clients, jdkClient ? "JDK HttpClient" : "keep-alive socket client", seconds, rounds,
          httpThreads, pool);
      System.out.println("| scenario | requests/s | p50 ms | p95 ms | p99 ms | errors | ratio to static"
          + " | server CPU µs/request | PostgreSQL CPU µs/request |");
      System.out.println("|---|---|---|---|---|---|---|---|---|");
      for (Stats s : all) {
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.1f | %d | %.2f | %.0f | %.0f |%n", s.name(), s.rps(),
            s.percentile(50), s.percentile(95), s.percentile(99), s.errors(), s.rps() / staticRps,
            s.serverCpuMicrosPerRequest(), s.databaseCpuMicrosPerRequest());
      }
    }
    System.exit(0);
  }

  static Stats merge(String name, List<Stats> parts) {
    long requests = 0;
    long errors = 0;
    double seconds = 0;
    int length = 0;
    long serverCpu = 0;
    long databaseCpu = 0;
    for (Stats p : parts) {
      serverCpu += p.serverCpuNanos();
      databaseCpu += p.databaseCpuNanos();
      requests += p.requests();
      errors += p.errors();
      seconds += p.seconds();
      length += p.sortedNanos().length;
    }
    long[] all = new long[length];
    int at = 0;
    for (Stats p : parts) {
      System.arraycopy(p.sortedNanos(), 0, all, at, p.sortedNanos().length);
      at += p.sortedNanos().length;
    }
    Arrays.sort(all);
    return new Stats(name, requests, errors, seconds, all, serverCpu, databaseCpu);
  }

  /** Uniform over the entities (the cache does not hold them all). */
  static long pick(int r, long entities) {
    return Math.floorMod(new SplittableRandom(r).nextLong(), entities);
  }

  /** A prefix of the name: 临江市 + district + 2–5 more characters. */
  static String prefix(String name, int r) {
    int length = Math.min(name.length(), 8 + Math.floorMod(r, 4));
    return name.substring(0, length);
  }

  /** CPU time of Tomcat's threads in this JVM so far (threads that ended are not counted: Tomcat keeps them). */
  static long serverCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("http-nio-")) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        sum += Math.max(0, cpu);
      }
    }
    return sum;
  }

  /** The embedded PostgreSQL's port: its postmaster is found by it (pg_ctl detaches it from this JVM). */
  static volatile int databasePort;

  /** CPU time of the embedded PostgreSQL's postmaster and its backends so far. */
  static long databaseCpuNanos() {
    String port = String.valueOf(databasePort);
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(port)).orElse(false)
            && p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
        .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Which load generator drives the site: the lean keep-alive socket client (default) or the JDK's HttpClient. */
  static volatile boolean jdkClient;

  static Stats run(String base, String name, IntFunction<String> path, int clients, int seconds) throws Exception {
    HttpClient client = jdkClient ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build() : null;
    URI baseUri = URI.create(base);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong errors = new AtomicLong();
    AtomicLong clientCpu = new AtomicLong();
    AtomicLong counter = new AtomicLong(System.nanoTime());
    List<long[]> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    int[] counts = new int[clients];
    List<Thread> threads = new ArrayList<>();
    long serverCpuBefore = serverCpuNanos();
    long databaseCpuBefore = databaseCpuNanos();
    for (int t = 0; t < clients; t++) {
      // a generous guess of each client's requests, grown when passed (large arrays would weigh on the
      // server's garbage collector, which shares this JVM)
      latencies.add(new long[Math.max(1024, seconds * 200)]);
      int slot = t;
      Thread thread = new Thread(() -> {
        try (LoopbackHttpClient socketClient = new LoopbackHttpClient(baseUri.getHost(), baseUri.getPort())) {
          while (!stop.get()) {
            int r = (int) counter.incrementAndGet();
            String target = path.apply(r);
            long t0 = System.nanoTime();
            try {
              int status = client == null ? socketClient.get(target)
                  : client.send(HttpRequest.newBuilder(URI.create(base + target)).timeout(Duration.ofSeconds(30)).build(),
                      HttpResponse.BodyHandlers.ofByteArray()).statusCode();
              long took = System.nanoTime() - t0;
              if (status != 200) {
                errors.incrementAndGet();
              }
              long[] mine = latencies.get(slot);
              if (counts[slot] == mine.length) {
                mine = Arrays.copyOf(mine, mine.length * 2);
                latencies.set(slot, mine);
              }
              mine[counts[slot]++] = took;
            } catch (Exception e) {
              errors.incrementAndGet();
            }
          }
          clientCpu.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
        }
      }, "load-client-" + t);
      thread.start();
      threads.add(thread);
    }
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long serverCpu = serverCpuNanos() - serverCpuBefore;
    long databaseCpu = databaseCpuNanos() - databaseCpuBefore;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < clients; t++) {
      System.arraycopy(latencies.get(t), 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    Stats stats = new Stats(name, total, errors.get(), elapsed, all, serverCpu, databaseCpu);
    System.out.printf(Locale.ROOT, "%s: %.0f req/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, errors %d,"
            + " CPU per request: server %.0f µs, PostgreSQL %.0f µs, load generator %.0f µs%n", name, stats.rps(),
        stats.percentile(50), stats.percentile(95), stats.percentile(99), stats.errors(),
        stats.serverCpuMicrosPerRequest(), stats.databaseCpuMicrosPerRequest(),
        total == 0 ? Double.NaN : clientCpu.get() / 1e3 / total);
    return stats;
  }
}
