package org.onedoor.directory;

import org.onedoor.platform.spreadsheet.XlsxReader;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The settings every import shares ({@code onedoor.imports.*}, see application.yml).
 *
 * @param dir where uploads wait until their import has run (per node)
 * @param maxRows more data rows than this and the import fails before writing anything
 * @param batchSize rows per transaction; {@code rows_done} advances per batch
 * @param xlsxMaxUnpackedSize an .xlsx unpacking to more than this, all parts together, fails (512MB)
 * @param xlsxMaxSharedStringsSize an .xlsx whose shared-string table (held in memory) unpacks to more
 *     than this fails (64MB)
 * @param maxResumes an import still unfinished after this many starts is failed, not resumed again (3)
 */
@ConfigurationProperties("onedoor.imports")
public record ImportSettings(
    String dir,
    int maxRows,
    int batchSize,
    DataSize xlsxMaxUnpackedSize,
    DataSize xlsxMaxSharedStringsSize,
    int maxResumes) {

  @ConstructorBinding
  public ImportSettings(
      @DefaultValue("./data/imports") String dir,
      @DefaultValue("200000") int maxRows,
      @DefaultValue("500") int batchSize,
      @DefaultValue("512MB") DataSize xlsxMaxUnpackedSize,
      @DefaultValue("64MB") DataSize xlsxMaxSharedStringsSize,
      @DefaultValue("3") int maxResumes) {
    this.dir = dir;
    this.maxRows = maxRows;
    this.batchSize = batchSize;
    this.xlsxMaxUnpackedSize = xlsxMaxUnpackedSize;
    this.xlsxMaxSharedStringsSize = xlsxMaxSharedStringsSize;
    this.maxResumes = Math.max(1, maxResumes);
  }

  /** The stated defaults for the XLSX limits and resumes. */
  public ImportSettings(String dir, int maxRows, int batchSize) {
    this(dir, maxRows, batchSize, DataSize.ofMegabytes(512), DataSize.ofMegabytes(64), 3);
  }

  public ImportSettings withMaxRows(int rows) {
    return new ImportSettings(dir, rows, batchSize, xlsxMaxUnpackedSize, xlsxMaxSharedStringsSize, maxResumes);
  }

  public XlsxReader.Limits xlsxLimits() {
    return new XlsxReader.Limits(xlsxMaxUnpackedSize.toBytes(), xlsxMaxSharedStringsSize.toBytes());
  }
}
