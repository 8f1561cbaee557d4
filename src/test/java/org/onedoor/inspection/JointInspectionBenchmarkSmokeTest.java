package org.onedoor.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Keeps the joint inspection benchmark compiling and working: its whole code path (embedded
 * PostgreSQL, plan, draw and opening, inspections driven over REST to the last publication, the plain
 * engine through the Java API and REST, the loaded city, the run without the parent-task index) on 3
 * inspections and a few open tasks. It asserts what was done, never how fast.
 */
class JointInspectionBenchmarkSmokeTest {

  @Test
  void threeInspectionsRunThroughTheWholeProcessOverRest() throws Exception {
    JointInspectionBenchmark.Options options = new JointInspectionBenchmark.Options(3, 30, 2, 0);

    JointInspectionBenchmark.Figures figures = JointInspectionBenchmark.run(options);

    assertThat(figures.indexOnPostgres()).as("ParentTaskIndexPlugin made the index on PostgreSQL").isTrue();
    assertThat(figures.few().inspections()).isEqualTo(3);
    assertThat(figures.loaded().inspections()).isEqualTo(3);
    assertThat(figures.loaded().openTasks()).isGreaterThanOrEqualTo(30);
    for (JointInspectionBenchmark.Measurement m : java.util.List.of(figures.few(), figures.loaded())) {
      assertThat(m.inspectionsPerSecond()).isPositive();
      assertThat(m.plainJavaTasksPerSecond()).isPositive();
      assertThat(m.plainRestTasksPerSecond()).isPositive();
    }
    assertThat(figures.plainJavaWithoutIndex()).isPositive();
    assertThat(JointInspectionBenchmark.report(options, figures)).contains("ratio", "open tasks");
  }
}
