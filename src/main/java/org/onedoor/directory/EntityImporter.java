package org.onedoor.directory;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.onedoor.directory.DirectoryImports.BatchCounts;
import org.onedoor.directory.DirectoryImports.Job;
import org.onedoor.directory.DirectoryImports.Rejection;
import org.onedoor.directory.DirectoryImports.Status;
import org.onedoor.directory.EntityDirectory.Change;
import org.onedoor.directory.EntityDirectory.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports entity files (CSV) in the background, one at a time. The upload is stored first (under
 * {@code onedoor.imports.dir}), so the request returns at once. A run reads the file three times,
 * streaming: to detect its charset (unless declared), to check the header, the encoding and the row
 * limit (a file refused there writes nothing), and to write rows in batches of {@code
 * onedoor.imports.batch-size}: each batch's entities, rejections and counters commit together, so
 * {@code rows_done} says exactly which rows landed. Imports left queued or running are resumed at
 * start-up from {@code rows_done}.
 */
@Component
public class EntityImporter {

  public static final String KIND = "entities";
  public static final int DEFAULT_MAX_ROWS = 200_000;

  private static final Logger log = LoggerFactory.getLogger(EntityImporter.class);

  private final DirectoryImports imports;
  private final EntityDirectory directory;
  private final TransactionTemplate tx;
  private final Path dir;
  private final int maxRows;
  private final int batchSize;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "directory-import");
            t.setDaemon(true);
            return t;
          });

  @Autowired
  public EntityImporter(
      DirectoryImports imports,
      EntityDirectory directory,
      TransactionTemplate tx,
      @Value("${onedoor.imports.dir:./data/imports}") String dir,
      @Value("${onedoor.imports.max-rows:" + DEFAULT_MAX_ROWS + "}") int maxRows,
      @Value("${onedoor.imports.batch-size:500}") int batchSize) {
    this.imports = imports;
    this.directory = directory;
    this.tx = tx;
    this.dir = Path.of(dir);
    this.maxRows = maxRows;
    this.batchSize = batchSize;
  }

  public int maxRows() {
    return maxRows;
  }

  /** Stores an upload, queues its import and returns the import's id (before it runs). */
  public long submit(String fileName, Charset declared, String createdBy, InputStream content)
      throws IOException {
    long id =
        imports.create(KIND, fileName, declared == null ? null : declared.name(), createdBy, Instant.now());
    try {
      Files.createDirectories(dir);
      Path part = dir.resolve("import-" + id + ".part");
      Files.copy(content, part, StandardCopyOption.REPLACE_EXISTING);
      Files.move(part, fileOf(id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      imports.finish(id, Status.FAILED, "无法保存上传的文件：" + e.getMessage(), Instant.now());
      throw e;
    }
    queue(id);
    return id;
  }

  void queue(long id) {
    executor.submit(() -> run(id));
  }

  Path fileOf(long id) {
    return dir.resolve("import-" + id + ".csv");
  }

  /**
   * Resumes the imports a stop interrupted. The stored upload is what marks an import as this
   * node's ({@code onedoor.imports.dir} is per node): one without its file here is left to the node
   * that has it.
   */
  @EventListener(ApplicationReadyEvent.class)
  public void resumeUnfinished() {
    for (long id : imports.unfinished()) {
      if (Files.exists(fileOf(id))) {
        log.info("resuming import {}", id);
        queue(id);
      } else {
        log.warn("import {} is unfinished but its file is not in {}: left to the node that has it", id, dir);
      }
    }
  }

  private volatile boolean stopping;

  @PreDestroy
  void stop() throws InterruptedException {
    stopping = true;
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Stopped between batches; the import stays RUNNING and resumes at the next start. */
  private static final class Interrupted extends RuntimeException {}

  /** Runs an import to its end, or resumes it from {@code rows_done}; a finished one is left alone. */
  public void run(long id) {
    Job job = imports.find(id).orElse(null);
    if (job == null || job.status() == Status.DONE || job.status() == Status.FAILED) {
      return;
    }
    Path file = fileOf(id);
    try {
      if (!Files.exists(file)) {
        fail(id, "上传的文件已不存在，导入无法继续；前 " + job.rowsDone() + " 行数据（第 2 至 " + (job.rowsDone() + 1) + " 行）已处理");
        return;
      }
      if (ImportFile.startsWith(file, (byte) 'P', (byte) 'K', (byte) 3, (byte) 4)) {
        fail(id, "这是 XLSX（或其他压缩）文件，目前只接受 CSV：请在 Excel 中“另存为”CSV（UTF-8 或 GBK）");
        return;
      }
      Charset charset = job.charset() == null ? ImportFile.detect(file) : Charset.forName(job.charset());
      EntityFileHeader header;
      int total = 0;
      try (CsvReader csv = new CsvReader(ImportFile.open(file, charset))) {
        List<String> first = csv.next();
        if (first == null) {
          fail(id, "文件为空：第 1 行应为表头");
          return;
        }
        header = EntityFileHeader.of(first);
        while (csv.next() != null) {
          if (++total > maxRows) {
            fail(id, "文件的数据超过 " + maxRows + " 行的上限；未写入任何数据，请拆分为多个文件");
            return;
          }
        }
      } catch (CharacterCodingException e) {
        fail(id, "文件不是有效的 " + charset.name() + " 编码文本；请另存为 UTF-8 或 GBK，或在上传时声明 charset；未写入任何数据");
        return;
      } catch (CsvReader.CsvFormatException | EntityFileHeader.RefusedException e) {
        fail(id, e.getMessage() + "；未写入任何数据");
        return;
      }
      imports.start(id, charset.name(), total);
      process(job, header, charset, file);
      Job done = imports.find(id).orElseThrow();
      imports.finish(
          id,
          Status.DONE,
          "共 " + done.rowsDone() + " 行数据：接受 " + done.rowsAccepted() + " 行（新增 " + done.rowsCreated()
              + "，更新 " + done.rowsUpdated() + "），拒绝 " + done.rowsRejected() + " 行",
          Instant.now());
      Files.deleteIfExists(file);
    } catch (Interrupted e) {
      log.info("import {} stopped between batches; it resumes at the next start", id);
    } catch (Exception e) {
      if (stopping) {
        log.info("import {} stopped by the shutdown; it resumes at the next start", id);
        return;
      }
      log.error("import {} failed", id, e);
      Job now = imports.find(id).orElse(job);
      fail(id, "导入出错而中止：" + e.getMessage() + "；前 " + now.rowsDone() + " 行数据（第 2 至 "
          + (now.rowsDone() + 1) + " 行）已处理");
    }
  }

  private void fail(long id, String reason) {
    imports.finish(id, Status.FAILED, reason, Instant.now());
    try {
      Files.deleteIfExists(fileOf(id));
    } catch (IOException e) {
      log.warn("could not delete the upload of import {}", id, e);
    }
  }

  private void process(Job job, EntityFileHeader header, Charset charset, Path file) throws IOException {
    long skip = job.rowsDone();
    Map<String, Long> seen = new HashMap<>();
    Batch batch = new Batch(job.id());
    try (CsvReader csv = new CsvReader(ImportFile.open(file, charset))) {
      csv.next(); // the header
      long index = 0;
      List<String> record;
      while ((record = csv.next()) != null) {
        long row = csv.recordNumber();
        EntityFileHeader.Row parsed = header.parse(record, row, seen);
        if (++index <= skip) {
          continue; // landed before a stop: only its USCC matters (duplicates)
        }
        batch.add(parsed, row);
        if (batch.rows == batchSize) {
          batch.flush();
        }
      }
      batch.flush();
    }
  }

  /** The rows of one transaction. */
  private final class Batch {
    final long id;
    final List<Change> changes = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    int rows;
    int rejected;

    Batch(long id) {
      this.id = id;
    }

    void add(EntityFileHeader.Row row, long number) {
      rows++;
      if (row.draft() != null) {
        changes.add(new Change(row.draft(), "批量导入 #" + id + " 第 " + number + " 行"));
      } else if (!row.rejections().isEmpty()) {
        rejections.addAll(row.rejections());
        rejected++;
      }
    }

    void flush() {
      if (rows == 0) {
        return;
      }
      if (stopping || Thread.currentThread().isInterrupted()) {
        throw new Interrupted();
      }
      tx.executeWithoutResult(
          status -> {
            List<Outcome> outcomes = directory.write(changes, "import:" + id, Instant.now());
            int created = (int) outcomes.stream().filter(o -> o == Outcome.CREATED).count();
            int updated = (int) outcomes.stream().filter(o -> o == Outcome.UPDATED).count();
            imports.recordBatch(id, new BatchCounts(rows, changes.size(), rejected, created, updated), rejections);
          });
      changes.clear();
      rejections.clear();
      rows = 0;
      rejected = 0;
    }
  }
}
