package org.onedoor.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.beans.factory.annotation.Autowired;

@OnedoorSpringTest
class EntityDirectoryTest {

  @Autowired EntityDirectory directory;

  static final Instant T1 = Instant.parse("2026-03-01T02:00:00Z");
  static final Instant T2 = Instant.parse("2026-03-02T02:00:00Z");
  static final Instant T3 = Instant.parse("2026-03-03T02:00:00Z");

  static Map<EntityColumn, String> cells(String uscc, String name) {
    Map<EntityColumn, String> cells = new EnumMap<>(EntityColumn.class);
    cells.put(EntityColumn.USCC, uscc);
    cells.put(EntityColumn.NAME, name);
    return cells;
  }

  @Test
  void aNewEntityGetsTheDefaultsOfEveryColumnNotGiven() {
    String uscc = TestEntities.fresh(1);
    assertThat(directory.upsert(cells(uscc, "深圳市默认值有限公司"), "test", null, T1))
        .isEqualTo(EntityDirectory.Outcome.CREATED);
    DirectoryEntity e = directory.find(uscc).orElseThrow();
    assertThat(e.type()).isEqualTo("enterprise");
    assertThat(e.status()).isEqualTo("active");
    assertThat(e.creditClass()).isEqualTo("B");
    assertThat(e.riskLevel()).isEqualTo("medium");
    assertThat(e.commitment()).isFalse();
    assertThat(e.tags()).isEmpty();
    assertThat(e.category()).isEmpty();
    assertThat(e.establishedOn()).isNull();
    assertThat(e.createdAt()).isEqualTo(T1);
    assertThat(e.updatedAt()).isEqualTo(T1);
  }

  @Test
  void aBatchOfNewRowsWithOneStoredKeyThatTheProbeMissesStillCreatesTheRestAndUpdatesThatOne() {
    String stored = TestEntities.fresh(1);
    directory.upsert(cells(stored, "深圳市已在库有限公司"), "test", null, T1);
    List<EntityDirectory.Change> batch = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // index 1 is not among the probed keys (0, 2, 5, 7, 10, 12, 15, 17 of 20)
      String uscc = i == 1 ? stored : TestEntities.fresh(1);
      String name = i == 1 ? "深圳市已在库股份有限公司" : "深圳市批量新建" + i + "有限公司";
      batch.add(new EntityDirectory.Change(EntityDraft.parse(cells(uscc, name)).draft(), "批量"));
    }

    List<EntityDirectory.Outcome> outcomes = directory.write(batch, "test", T2);

    assertThat(outcomes.get(1)).isEqualTo(EntityDirectory.Outcome.UPDATED);
    assertThat(outcomes).filteredOn(o -> o == EntityDirectory.Outcome.CREATED).hasSize(19);
    assertThat(directory.find(stored).orElseThrow().name()).isEqualTo("深圳市已在库股份有限公司");
    assertThat(directory.find(stored).orElseThrow().createdAt()).isEqualTo(T1);
    batch.forEach(c -> assertThat(directory.find(c.draft().uscc())).isPresent());

    // the same batch again: every key stored, nothing changes
    assertThat(directory.write(batch, "test", T3)).containsOnly(EntityDirectory.Outcome.UNCHANGED);
  }

  @Test
  void theSameDataAgainChangesNothingNotEvenUpdatedAt() {
    String uscc = TestEntities.fresh(1);
    Map<EntityColumn, String> cells = cells(uscc, "深圳市幂等有限公司");
    cells.put(EntityColumn.TAGS, "食品经营;重点监管、食品经营");
    cells.put(EntityColumn.ESTABLISHED_ON, "2015-06-01");
    cells.put(EntityColumn.COMMITMENT, "是");
    directory.upsert(cells, "test", null, T1);
    assertThat(directory.upsert(cells, "test", null, T2)).isEqualTo(EntityDirectory.Outcome.UNCHANGED);
    DirectoryEntity e = directory.find(uscc).orElseThrow();
    assertThat(e.updatedAt()).isEqualTo(T1);
    assertThat(e.tags()).containsExactly("食品经营", "重点监管");
    assertThat(e.establishedOn()).isEqualTo(LocalDate.of(2015, 6, 1));
    assertThat(e.commitment()).isTrue();

    cells.put(EntityColumn.NAME, "深圳市幂等股份有限公司");
    assertThat(directory.upsert(cells, "test", null, T3)).isEqualTo(EntityDirectory.Outcome.UPDATED);
    e = directory.find(uscc).orElseThrow();
    assertThat(e.updatedAt()).isEqualTo(T3);
    assertThat(e.createdAt()).isEqualTo(T1);
  }

  @Test
  void aColumnNotGivenKeepsTheStoredValue() {
    String uscc = TestEntities.fresh(1);
    Map<EntityColumn, String> cells = cells(uscc, "深圳市保留有限公司");
    cells.put(EntityColumn.CREDIT_CLASS, "D");
    directory.upsert(cells, "test", null, T1);
    directory.upsert(cells(uscc, "深圳市保留有限公司（新）"), "test", null, T2);
    assertThat(directory.find(uscc).orElseThrow().creditClass()).isEqualTo("D");
  }

  @Test
  void aStatusChangeIsKeptAsHistory() {
    String uscc = TestEntities.fresh(1);
    directory.upsert(cells(uscc, "深圳市历史有限公司"), "test", null, T1);
    Map<EntityColumn, String> cells = cells(uscc, "深圳市历史有限公司");
    cells.put(EntityColumn.STATUS, "列入经营异常名录");
    directory.upsert(cells, "api", "通过登记的住所无法联系", T2);
    cells.put(EntityColumn.STATUS, "存续");
    directory.upsert(cells, "api", "移出异常名录", T3);
    directory.upsert(cells, "api", "再次提交，无变化", T3.plusSeconds(60));

    List<EntityDirectory.StatusChange> history = directory.history(uscc);
    assertThat(history)
        .extracting(EntityDirectory.StatusChange::oldStatus, EntityDirectory.StatusChange::newStatus,
            EntityDirectory.StatusChange::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("active", "abnormal", "通过登记的住所无法联系"),
            org.assertj.core.groups.Tuple.tuple("abnormal", "active", "移出异常名录"));
    assertThat(history.get(0).changedAt()).isEqualTo(T2);
  }

  @Test
  void everyBadColumnIsReportedAtOnce() {
    Map<EntityColumn, String> cells = cells(TestEntities.withBadCheck(TestEntities.fresh(1)), " ");
    cells.put(EntityColumn.TYPE, "股份公司");
    cells.put(EntityColumn.ESTABLISHED_ON, "2015/06/01");
    assertThatThrownBy(() -> directory.upsert(cells, "test", null, T1))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> assertThat(e.errors())
                .extracting(BadRequestException.FieldError::field)
                .containsExactly("uscc", "name", "type", "establishedOn"));
  }
}
