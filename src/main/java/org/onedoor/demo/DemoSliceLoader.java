package org.onedoor.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.catalog.CatalogService;
import org.onedoor.directory.CatalogueImporter;
import org.onedoor.directory.ConflictImporter;
import org.onedoor.directory.DirectoryImports.Job;
import org.onedoor.directory.EntityImporter;
import org.onedoor.directory.FileImporter;
import org.onedoor.directory.InspectorImporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo profile's master data: on the first start (no entity in the directory and no earlier
 * load), generates the small slice of the city ({@link CityGenerator.Scale#slice()}) into a
 * temporary directory and imports it through the import services, synchronously: the catalogue
 * (whose draft it then publishes), the inspectors, the entities, the conflicts. Off with {@code
 * onedoor.demo.load-slice=false}; the whole city instead with {@code onedoor.demo.scale=city}.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "onedoor.demo.load-slice", havingValue = "true")
public class DemoSliceLoader {

  /** The user the slice's imports are recorded under: also the marker of a load. */
  public static final String USER = "demo-slice";

  private static final Logger log = LoggerFactory.getLogger(DemoSliceLoader.class);

  private final JdbcClient jdbc;
  private final CatalogService catalog;
  private final CatalogueImporter catalogue;
  private final InspectorImporter inspectors;
  private final EntityImporter entities;
  private final ConflictImporter conflicts;

  private final String scale;

  public DemoSliceLoader(JdbcClient jdbc, CatalogService catalog, CatalogueImporter catalogue,
      InspectorImporter inspectors, EntityImporter entities, ConflictImporter conflicts,
      @org.springframework.beans.factory.annotation.Value("${onedoor.demo.scale:slice}") String scale) {
    if (!scale.equals("slice") && !scale.equals("city")) {
      throw new IllegalArgumentException("onedoor.demo.scale must be slice or city, not " + scale);
    }
    this.scale = scale;
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.catalogue = catalogue;
    this.inspectors = inspectors;
    this.entities = entities;
    this.conflicts = conflicts;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  public void onReady() {
    if (loaded()) {
      log.debug("demo slice: already loaded or the directory is not empty; nothing to do");
      return;
    }
    try {
      load();
    } catch (IOException | RuntimeException e) {
      // demo data is a convenience: the application starts without it (e.g. another node loading it at once)
      log.error("demo slice: not loaded", e);
    }
  }

  /** True when the directory holds entities or the slice was loaded before. */
  public boolean loaded() {
    return jdbc.sql("SELECT COUNT(*) FROM directory_entity").query(Long.class).single() > 0
        || jdbc.sql("SELECT COUNT(*) FROM directory_import WHERE created_by = :user")
                .param("user", USER).query(Long.class).single() > 0;
  }

  /** Generates the slice and imports it; logs one line with the counts. */
  public void load() throws IOException {
    long started = System.nanoTime();
    Path dir = Files.createTempDirectory("onedoor-demo-slice");
    try {
      // the whole city (73,000 entities, 8,577 catalogue lines) on request: onedoor.demo.scale=city
      CityGenerator.generate(dir, CityGenerator.DEFAULT_SEED,
          scale.equals("city") ? CityGenerator.Scale.city() : CityGenerator.Scale.slice());
      Job items = run(catalogue, dir.resolve(CityGenerator.CATALOGUE));
      Integer published = catalog.draft()
          .map(draft -> catalog.publish(draft.versionNo(), USER, ClockUtil.now().toInstant()))
          .map(Version::versionNo)
          .orElse(null);
      Job staff = run(inspectors, dir.resolve(CityGenerator.INSPECTORS));
      Job businesses = run(entities, dir.resolve(CityGenerator.ENTITIES));
      Job pairs = run(conflicts, dir.resolve(CityGenerator.CONFLICTS));
      log.info("demo " + scale + " loaded in {} ms: catalogue {} lines (version {} published), {} inspectors, {} entities,"
              + " {} conflicts; rejected rows: {}",
          (System.nanoTime() - started) / 1_000_000, items.rowsAccepted(), published, staff.rowsAccepted(),
          businesses.rowsAccepted(), pairs.rowsAccepted(),
          items.rowsRejected() + staff.rowsRejected() + businesses.rowsRejected() + pairs.rowsRejected());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Job run(FileImporter importer, Path file) throws IOException {
    Job job = importer.importNow(file, USER);
    if (!"DONE".equals(job.status().name())) {
      throw new IllegalStateException("demo slice: the " + importer.kind() + " import failed: " + job.message());
    }
    return job;
  }
}
