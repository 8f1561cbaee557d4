package org.onedoor.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the import benchmark compiling and working: its whole code path (generate, start the
 * application on H2 and on an embedded PostgreSQL, import, plain insert, report) on 500 rows. It
 * asserts what was imported, never how fast.
 */
class ImportBenchmarkSmokeTest {

  @Test
  void theBenchmarkRunsOnBothDatabases(@TempDir Path dir) throws Exception {
    ImportBenchmark.Options options = new ImportBenchmark.Options(500, 0, 1, List.of("h2", "postgres"), dir, true);

    List<ImportBenchmark.Figures> figures = ImportBenchmark.run(options);

    assertThat(figures).extracting(ImportBenchmark.Figures::database)
        .satisfiesExactly(h2 -> assertThat(h2).startsWith("H2"), pg -> assertThat(pg).startsWith("PostgreSQL"));
    for (ImportBenchmark.Figures f : figures) {
      assertThat(f.imports()).singleElement().satisfies(run -> {
        assertThat(run.rowsDone()).isEqualTo(500);
        assertThat(run.rowsCreated()).isEqualTo(500);
        assertThat(run.rowsRejected()).isZero();
        assertThat(run.peakUsedBytes()).isPositive();
      });
      assertThat(f.reimport().rowsCreated()).as("a re-import changes nothing").isZero();
      assertThat(f.importRowsPerSecond()).isPositive();
      assertThat(f.plainRowsPerSecond()).isPositive();
    }
    assertThat(ImportBenchmark.report(options, figures)).contains("ratio", "H2", "PostgreSQL");
  }
}
