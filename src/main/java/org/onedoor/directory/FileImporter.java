package org.onedoor.directory;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.directory.DirectoryImports.BatchCounts;
import org.onedoor.directory.DirectoryImports.Job;
import org.onedoor.directory.DirectoryImports.Rejection;
import org.onedoor.directory.DirectoryImports.Status;
import org.onedoor.platform.spreadsheet.XlsxReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The machinery every import kind shares. An upload is stored first (under {@code
 * onedoor.imports.dir}), so the request returns at once, and imported in the background, one
 * import of a kind at a time. A run reads the file (CSV in UTF-8 or GBK/GB18030, or XLSX, through
 * {@link RowSource}) in two streaming passes: the header, the encoding (detected in this pass unless
 * declared or XLSX) and the row limit — a file refused there writes nothing; the rows are counted,
 * not parsed into cells — then the rows, written in
 * batches of {@code onedoor.imports.batch-size}: each batch's rows, rejections and counters commit
 * together, so {@code rows_done} says exactly which rows landed. Imports left queued or running are
 * resumed at start-up.
 *
 * <p>A kind says how to read its header ({@link #header}) and how to write a batch ({@link
 * #write}); a kind that cannot write row by row (the catalogue) overrides {@link #process}.
 */
public abstract class FileImporter {


  private static final Logger log = LoggerFactory.getLogger(FileImporter.class);

  /** What one data row gave: nothing (blank), a value to write, or rejections. */
  public record Row(Object value, List<Rejection> rejections) {
    public static final Row BLANK = new Row(null, List.of());

    boolean blank() {
      return value == null && rejections.isEmpty();
    }
  }

  /** Turns data rows into values or rejections; it remembers the keys met (duplicates). */
  public interface RowParser {
    Row parse(List<String> cells, long row);
  }

  /** An accepted row on its way to be written. */
  public record Accepted(long row, Object value) {}

  /** What writing a batch did: rows created, updated, and the rows refused while writing. */
  public record Written(int created, int updated, List<Rejection> rejections, int rejectedRows) {}

  protected final DirectoryImports imports;
  protected final TransactionTemplate tx;
  private final String kind;
  private final Path dir;
  private final int maxRows;
  protected final int batchSize;
  private final XlsxReader.Limits xlsxLimits;
  private final int maxResumes;
  private final ExecutorService executor;
  protected volatile boolean stopping;

  /** An import kind of another feature: the machinery as the directory offers it. */
  protected FileImporter(String kind, ImportMachinery machinery) {
    this(kind, machinery.imports, machinery.tx, machinery.settings);
  }

  protected FileImporter(String kind, DirectoryImports imports, TransactionTemplate tx, ImportSettings settings) {
    this.kind = kind;
    this.imports = imports;
    this.tx = tx;
    this.dir = Path.of(settings.dir());
    this.maxRows = settings.maxRows();
    this.batchSize = settings.batchSize();
    this.xlsxLimits = settings.xlsxLimits();
    this.maxResumes = settings.maxResumes();
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "import-" + kind);
              t.setDaemon(true);
              return t;
            });
  }

  public String kind() {
    return kind;
  }

  public int maxRows() {
    return maxRows;
  }

  /** Reads the header row (row 1); refuses a file it cannot import. */
  protected abstract RowParser header(List<String> cells) throws HeaderRefusedException;

  /** Writes one batch of accepted rows, in the batch's transaction. */
  protected abstract Written write(Job job, List<Accepted> rows);

  /** The header row of the file format, in Chinese (the template). */
  public abstract List<String> templateHeader();

  /** The template's file name. */
  public abstract String templateName();

  /** Stores an upload, queues its import and returns the import's id (before it runs). */
  public long submit(String fileName, Charset declared, String createdBy, InputStream content)
      throws IOException {
    long id = store(fileName, declared, createdBy, content);
    queue(id);
    return id;
  }

  /** Imports a file now, in the calling thread (the demo data); returns the finished import. */
  public Job importNow(Path file, String createdBy) throws IOException {
    long id;
    try (InputStream in = Files.newInputStream(file)) {
      id = store(file.getFileName().toString(), null, createdBy, in);
    }
    run(id);
    return imports.find(id).orElseThrow();
  }

  private long store(String fileName, Charset declared, String createdBy, InputStream content) throws IOException {
    long id = imports.create(kind, fileName, declared == null ? null : declared.name(), createdBy, ClockUtil.now().toInstant());
    try {
      Files.createDirectories(dir);
      Path part = dir.resolve("import-" + id + ".part");
      Files.copy(content, part, StandardCopyOption.REPLACE_EXISTING);
      Files.move(part, fileOf(id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      imports.finish(id, Status.FAILED, "无法保存上传的文件：" + e.getMessage(), ClockUtil.now().toInstant());
      throw e;
    }
    return id;
  }

  void queue(long id) {
    executor.submit(() -> run(id));
  }

  /** Where an upload is kept (a CSV or an XLSX: the content says which, not the name). */
  Path fileOf(long id) {
    return dir.resolve("import-" + id + ".csv");
  }

  /**
   * Resumes the imports of this kind a stop interrupted that this node may take: its own, and those
   * whose node's lease has run out (issue 16 item 4; {@link ImportLeases} does the same while running).
   * One still leased by a living node is left to it.
   */
  @EventListener(ApplicationReadyEvent.class)
  public void resumeUnfinished() {
    List<Long> unfinished;
    try {
      unfinished = imports.claimable(kind);
    } catch (RuntimeException e) {
      log.error("could not list the unfinished {} imports; none resumed", kind, e);
      return;
    }
    for (long id : unfinished) {
      imports.claim(id).ifPresent(owner -> takeOver(id, owner));
    }
  }

  /**
   * Carries on an import this node has just claimed: from its last batch ({@code rows_done}) when the
   * upload is reachable here (the same node, or {@code onedoor.imports.dir} shared by the nodes);
   * otherwise it cannot go on anywhere, and fails with the reason.
   */
  public void takeOver(long id, String formerOwner) {
    try {
      if (!formerOwner.isEmpty() && !formerOwner.equals(imports.node())) {
        log.info("import {} ({}): node {} is gone (lease run out); taken over by {}", id, kind, formerOwner, imports.node());
      }
      if (!Files.exists(fileOf(id))) {
        Job job = imports.find(id).orElse(null);
        long done = job == null ? 0 : job.rowsDone();
        fail(id, "处理该导入的服务器节点已停止，上传的文件只保存在那个节点上（imports 目录未在节点间共享），其他节点无法继续；前 "
            + done + " 行数据已处理，请重新上传文件（已导入且未变化的行不会重复）");
        return;
      }
      resume(id);
    } catch (RuntimeException | IOException e) {
      // an import never keeps the application from starting
      log.error("import {} ({}) could not be resumed", id, kind, e);
    }
  }

  /**
   * Queues an unfinished import again, unless it has already been started {@code max-resumes} times
   * (counted in a file beside the upload): an upload that brings the node down (memory) would
   * otherwise be retried at every start, for ever.
   */
  void resume(long id) throws IOException {
    Path file = fileOf(id);
    Path attemptsFile = file.resolveSibling(file.getFileName() + ".attempts");
    int attempts = 0;
    if (Files.exists(attemptsFile)) {
      try {
        attempts = Integer.parseInt(Files.readString(attemptsFile).strip());
      } catch (NumberFormatException e) {
        attempts = maxResumes;
      }
    }
    if (attempts >= maxResumes) {
      Job job = imports.find(id).orElse(null);
      long done = job == null ? 0 : job.rowsDone();
      fail(id, "导入在 " + maxResumes + " 次启动后仍未完成（文件可能过大或无法读取），已停止重试；前 " + done
          + " 行数据已处理，其余请检查文件后重新上传");
      Files.deleteIfExists(attemptsFile);
      return;
    }
    Files.writeString(attemptsFile, Integer.toString(attempts + 1));
    log.info("resuming import {} ({}), start {} of at most {}", id, kind, attempts + 1, maxResumes);
    queue(id);
  }

  @PreDestroy
  void stop() throws InterruptedException {
    stopping = true;
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Stopped between batches; the import stays RUNNING and resumes at the next start. */
  protected static final class Interrupted extends RuntimeException {}

  /** A file refused before anything is written. */
  private static final class Refused extends Exception {
    Refused(String reason) {
      super(reason);
    }
  }

  /** Runs an import to its end, or resumes it; a finished one is left alone. */
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
      if (RowSource.isLegacyExcel(file)) {
        fail(id, "这是旧版 Excel（.xls）或加密的工作簿：请在 Excel 中另存为 .xlsx 或 CSV（UTF-8 或 GBK）；未写入任何数据");
        return;
      }
      boolean xlsx = RowSource.isXlsx(file);
      // Not declared: a byte order mark says UTF-8; otherwise the check pass tries UTF-8 and, if the
      // file is not valid UTF-8 throughout, is run again in GB18030 (no separate detection pass).
      boolean detect = !xlsx && job.charset() == null && !ImportFile.hasUtf8Bom(file);
      Charset charset = xlsx ? null : job.charset() == null ? StandardCharsets.UTF_8 : Charset.forName(job.charset());
      RowSource source = xlsx ? RowSource.xlsx(file, xlsxLimits) : RowSource.csv(file, charset);
      int total;
      try {
        try {
          total = check(source);
        } catch (CharacterCodingException e) {
          if (!detect) {
            throw e;
          }
          charset = ImportFile.GB18030;
          source = RowSource.csv(file, charset);
          total = check(source);
        } catch (Refused | CsvReader.CsvFormatException e) {
          // refused before the end of the file: decide the charset as detection would have
          if (!detect || ImportFile.isValidUtf8(file)) {
            throw e;
          }
          charset = ImportFile.GB18030;
          source = RowSource.csv(file, charset);
          total = check(source);
        }
      } catch (Refused e) {
        fail(id, e.getMessage());
        return;
      } catch (CharacterCodingException e) {
        fail(id, "文件不是有效的 " + charset.name() + " 编码文本；请另存为 UTF-8 或 GBK，或在上传时声明 charset；未写入任何数据");
        return;
      } catch (CsvReader.CsvFormatException e) {
        fail(id, e.getMessage() + "；未写入任何数据");
        return;
      } catch (IOException e) {
        if (!xlsx) {
          throw e;
        }
        fail(id, "无法读取 XLSX 文件（" + e.getMessage() + "）；请另存为 .xlsx 或 CSV；未写入任何数据");
        return;
      }
      imports.start(id, xlsx ? "XLSX" : charset.name(), total);
      process(imports.find(id).orElseThrow(), source);
      Job done = imports.find(id).orElseThrow();
      imports.finish(id, Status.DONE, summary(done), ClockUtil.now().toInstant());
      Files.deleteIfExists(file);
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".attempts"));
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
    } catch (OutOfMemoryError | StackOverflowError e) {
      // the executor would swallow it and leave the import QUEUED, retried at every start
      log.error("import {} failed: {}", id, e.toString());
      fail(id, "文件过大或结构异常，读取时超出服务器内存（" + e.getClass().getSimpleName() + "）；未完成的部分请拆分文件后重新上传");
    }
  }

  /** The message of a finished import. */
  protected String summary(Job done) {
    return "共 " + done.rowsDone() + " 行数据：接受 " + done.rowsAccepted() + " 行（新增 " + done.rowsCreated()
        + "，更新 " + done.rowsUpdated() + "），拒绝 " + done.rowsRejected() + " 行";
  }

  /** First pass: the header can be read and the rows decode and stay within the limit; returns the data rows. */
  private int check(RowSource source) throws IOException, Refused {
    boolean[] header = {false};
    long total;
    try {
      total = source.count(
          (number, cells) -> {
            header[0] = true;
            try {
              header(cells);
            } catch (HeaderRefusedException e) {
              throw new RefusedIo(e.getMessage() + "；未写入任何数据");
            }
            return true;
          },
          maxRows);
    } catch (RefusedIo e) {
      throw new Refused(e.getMessage());
    }
    if (!header[0]) {
      throw new Refused("文件为空：第 1 行应为表头");
    }
    if (total > maxRows) {
      throw new Refused("文件的数据超过 " + maxRows + " 行的上限；未写入任何数据，请拆分为多个文件");
    }
    return (int) total;
  }

  /** Carries a refusal out of a row handler. */
  private static final class RefusedIo extends IOException {
    RefusedIo(String message) {
      super(message);
    }
  }

  /**
   * Writes the rows after the header in batches, skipping the {@code rows_done} rows that landed
   * before a stop (they are still parsed: their keys matter for duplicates).
   */
  protected void process(Job job, RowSource source) throws IOException {
    long skip = job.rowsDone();
    Batch batch = new Batch(job);
    RowParser[] parser = {null};
    long[] index = {0};
    source.read(
        (number, cells) -> {
          if (parser[0] == null) {
            try {
              parser[0] = header(cells);
            } catch (HeaderRefusedException e) {
              throw new IOException(e.getMessage()); // checked in the first pass
            }
            return true;
          }
          Row parsed = parser[0].parse(cells, number);
          if (++index[0] <= skip) {
            return true;
          }
          batch.add(parsed, number);
          if (batch.rows == batchSize) {
            batch.flush();
          }
          return true;
        });
    batch.flush();
  }

  protected void checkNotStopping() {
    if (stopping || Thread.currentThread().isInterrupted()) {
      throw new Interrupted();
    }
  }

  /** The rows of one transaction. */
  private final class Batch {
    final Job job;
    final List<Accepted> accepted = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    int rows;
    int rejected;

    Batch(Job job) {
      this.job = job;
    }

    void add(Row row, long number) {
      rows++;
      if (row.value() != null) {
        accepted.add(new Accepted(number, row.value()));
      } else if (!row.rejections().isEmpty()) {
        rejections.addAll(row.rejections());
        rejected++;
      }
    }

    void flush() {
      if (rows == 0) {
        return;
      }
      checkNotStopping();
      tx.executeWithoutResult(
          status -> {
            Written written = write(job, accepted);
            List<Rejection> all = new ArrayList<>(rejections);
            all.addAll(written.rejections());
            all.sort(java.util.Comparator.comparingLong(Rejection::row));
            imports.recordBatch(
                job.id(),
                new BatchCounts(rows, accepted.size() - written.rejectedRows(), rejected + written.rejectedRows(),
                    written.created(), written.updated()),
                all);
          });
      accepted.clear();
      rejections.clear();
      rows = 0;
      rejected = 0;
    }
  }

  protected void fail(long id, String reason) {
    imports.finish(id, Status.FAILED, reason, ClockUtil.now().toInstant());
    try {
      Files.deleteIfExists(fileOf(id));
      Files.deleteIfExists(fileOf(id).resolveSibling(fileOf(id).getFileName() + ".attempts"));
    } catch (IOException e) {
      log.warn("could not delete the upload of import {}", id, e);
    }
  }
}
