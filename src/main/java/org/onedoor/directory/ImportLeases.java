package org.onedoor.directory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Imports have an owner that can change (issue 16 item 4). Imports run on the node that received the
 * upload, outside the job executor (a thread per kind, batch by batch, {@code rows_done} the
 * checkpoint). The node holds a lease on each unfinished import ({@code directory_import.owner_node},
 * {@code lease_until}, {@code onedoor.imports.lease}, 60 s) and renews it every quarter lease. Every
 * node also looks, at the same beat, for unfinished imports whose lease has run out — their node
 * crashed or was stopped — claims each (one node wins) and hands it to the importer of its kind,
 * which resumes it from its last batch or fails it with the reason ({@link FileImporter#takeOver}).
 */
@Component
public class ImportLeases implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ImportLeases.class);

  private final DirectoryImports imports;
  private final Map<String, FileImporter> importers;
  private volatile ScheduledExecutorService scheduler;

  public ImportLeases(DirectoryImports imports, List<FileImporter> importers) {
    this.imports = imports;
    this.importers = importers.stream().collect(Collectors.toMap(FileImporter::kind, Function.identity(), (a, b) -> a));
  }

  /** One beat: renews this node's leases, then takes over the imports whose lease has run out. */
  public void beat() {
    imports.renewLeases();
    for (long id : imports.expired()) {
      DirectoryImports.Job job = imports.find(id).orElse(null);
      FileImporter importer = job == null ? null : importers.get(job.kind());
      if (importer == null) {
        continue;
      }
      imports.claim(id).ifPresent(owner -> importer.takeOver(id, owner));
    }
  }

  @Override
  public void start() {
    ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "onedoor-import-leases");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(1000, imports.leaseSeconds() * 1000L / 4);
    beat.scheduleWithFixedDelay(() -> {
      try {
        beat();
      } catch (RuntimeException e) {
        log.warn("import leases: {}", e.toString());
      }
    }, period, period, TimeUnit.MILLISECONDS);
    scheduler = beat;
  }

  @Override
  public void stop() {
    ScheduledExecutorService beat = scheduler;
    scheduler = null;
    if (beat != null) {
      beat.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
