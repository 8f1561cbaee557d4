package org.onedoor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onedoor.OnedoorApplication;
import org.onedoor.catalog.CatalogService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A first start of the demo profile loads the demo slice through the imports; a second start
 * does nothing. Its own context on its own in-memory database (as PostgresStartupTest does).
 */
class DemoSliceLoaderTest {

  @TempDir static Path imports;
  private static ConfigurableApplicationContext context;
  private static long startMillis;

  @BeforeAll
  static void start() {
    long t0 = System.currentTimeMillis();
    context =
        new SpringApplicationBuilder(OnedoorApplication.class)
            .profiles("demo")
            .run(
                "--spring.datasource.url=jdbc:h2:mem:onedoor-demo-slice;DB_CLOSE_ON_EXIT=FALSE;NON_KEYWORDS=VALUE",
                "--server.port=0",
                "--onedoor.imports.dir=" + imports,
                "--camunda.bpm.job-execution.enabled=false",
                "--camunda.bpm.generate-unique-process-engine-name=true",
                "--camunda.bpm.webapp.enabled=false");
    startMillis = System.currentTimeMillis() - t0;
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
  }

  long count(String table) {
    return context.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  @Test
  void theFirstStartLoadsTheSliceAndALaterOneLeavesItAlone() throws Exception {
    CityGenerator.Scale slice = CityGenerator.Scale.slice();
    assertThat(count("directory_entity")).isEqualTo(slice.entities());
    assertThat(count("directory_inspector")).isEqualTo(slice.marketInspectors() + 6L * slice.inspectorsPerOtherDepartment());
    assertThat(count("directory_conflict")).isEqualTo(slice.conflicts());
    CatalogService catalog = context.getBean(CatalogService.class);
    assertThat(catalog.draft()).as("the slice's catalogue is published").isEmpty();
    assertThat(catalog.latestPublished().orElseThrow().items()).isEqualTo(slice.items());
    assertThat(count("catalog_content_line")).isEqualTo(slice.contentLines());
    assertThat(count("directory_import_rejection")).isZero();

    DemoSliceLoader loader = context.getBean(DemoSliceLoader.class);
    assertThat(loader.loaded()).isTrue();
    loader.onReady(); // a second start
    assertThat(count("directory_import")).isEqualTo(4);
    assertThat(count("catalog_version")).isEqualTo(1);
    System.out.println("start-up with the demo slice: " + startMillis + " ms");
  }
}
