package org.onedoor.monitoring;

import org.onedoor.demo.DrugProductionFeed;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo city's drug-production feed: its makers, its size over the year, the same readings from the same seed. */
class DrugProductionFeedTest {

  @TempDir static Path dir;
  static List<DrugProductionFeed.Maker> makers;

  @BeforeAll
  static void city() throws Exception {
    makers = DrugProductionFeed.cityMakers(dir, DrugProductionFeed.DEFAULT_SEED);
  }

  @Test
  void theCitysDrugMakersInBusinessReportEightIndicators() {
    assertThat(makers).hasSize(84);
    assertThat(makers).allSatisfy(m -> assertThat(m.csvLine()).contains(",药品生产,").containsAnyOf(",存续,", ",列入经营异常名录,"));
    Map<DrugProductionFeed.Profile, Long> profiles = makers.stream()
        .collect(Collectors.groupingBy(DrugProductionFeed.Maker::profile, Collectors.counting()));
    assertThat(profiles).containsOnlyKeys(DrugProductionFeed.Profile.values());
  }

  @Test
  void aYearIsAbout340000ReadingsTheSameFromTheSameSeed() {
    DrugProductionFeed feed = new DrugProductionFeed(makers, DrugProductionFeed.DEFAULT_SEED);
    DrugProductionFeed again = new DrugProductionFeed(makers, DrugProductionFeed.DEFAULT_SEED);
    long total = 0;
    Set<String> indicators = new HashSet<>();
    Set<Reading.Key> keys = new HashSet<>();
    int days = 0;
    while (feed.hasNext()) {
      List<Reading> day = feed.next();
      if (days++ < 3) {
        assertThat(again.next()).isEqualTo(day);
      }
      for (Reading r : day) {
        indicators.add(r.indicator());
        assertThat(keys.add(r.key())).as("one reading per key").isTrue();
      }
      total += day.size();
    }
    assertThat(days).isEqualTo(365);
    assertThat(total).isEqualTo(342_028);
    assertThat(indicators).hasSize(8);
    // another seed, another feed
    assertThat(new DrugProductionFeed(makers, 1L).next()).isNotEqualTo(new DrugProductionFeed(makers, 2L).next());
  }
}
