package org.onedoor.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntityColumnTest {

  @ParameterizedTest
  @CsvSource({
    "TYPE, 企业, enterprise",
    "TYPE, 农民专业合作社, cooperative",
    "TYPE, 个体工商户, individual",
    "TYPE, 外国企业常驻代表机构, foreign_office",
    "TYPE, foreign_office, foreign_office",
    "STATUS, 存续, active",
    "STATUS, 在营, active",
    "STATUS, 列入经营异常名录, abnormal",
    "STATUS, 注销, deregistered",
    "STATUS, 吊销, revoked",
    "STATUS, 迁出, moved_out",
    "STATUS, Moved_Out, moved_out",
    "CREDIT_CLASS, a, A",
    "CREDIT_CLASS, C级, C",
    "RISK_LEVEL, 高, high",
    "RISK_LEVEL, 中风险, medium",
    "RISK_LEVEL, LOW, low",
    "COMMITMENT, 是, true",
    "COMMITMENT, 否, false",
    "COMMITMENT, TRUE, true",
  })
  void labelsAndCodesAreAccepted(EntityColumn column, String cell, String expected) {
    EntityColumn.Parsed parsed = column.parse(cell);
    assertThat(parsed.problem()).isNull();
    assertThat(String.valueOf(parsed.value())).isEqualTo(expected);
  }

  @Test
  void aUsccIsTrimmedAndUpperCasedThenChecked() {
    String first17 = "91440300MA5F0000X";
    String uscc = first17 + Uscc.checkCharacter(first17);
    assertThat(EntityColumn.USCC.parse(" " + uscc.toLowerCase() + " ").value()).isEqualTo(uscc);
    assertThat(EntityColumn.USCC.parse(TestEntities.withBadCheck(uscc)).problem()).contains("校验位");
    assertThat(EntityColumn.USCC.parse(uscc + "0").problem()).contains("18");
  }

  @ParameterizedTest
  @CsvSource({
    "TYPE, 股份公司",
    "STATUS, 停业",
    "CREDIT_CLASS, E",
    "RISK_LEVEL, 极高",
    "COMMITMENT, 也许",
    "ESTABLISHED_ON, 2015/06/01",
    "ESTABLISHED_ON, 2015-02-30",
    "ESTABLISHED_ON, 15-06-01",
  })
  void otherValuesAreRejectedWithTheValueInTheReason(EntityColumn column, String cell) {
    assertThat(column.parse(cell).problem()).contains(cell);
  }

  @Test
  void emptyCellsGiveTheDefaults() {
    assertThat(EntityColumn.TYPE.parse("").value()).isEqualTo("enterprise");
    assertThat(EntityColumn.STATUS.parse(" ").value()).isEqualTo("active");
    assertThat(EntityColumn.CREDIT_CLASS.parse(null).value()).isEqualTo("B");
    assertThat(EntityColumn.RISK_LEVEL.parse("").value()).isEqualTo("medium");
    assertThat(EntityColumn.COMMITMENT.parse("").value()).isEqualTo(false);
    assertThat(EntityColumn.TAGS.parse("").value()).isEqualTo(List.of());
    assertThat(EntityColumn.ESTABLISHED_ON.parse("").value()).isNull();
    assertThat(EntityColumn.ADDRESS.parse("").value()).isEqualTo("");
    assertThat(EntityColumn.NAME.parse("").problem()).contains("必填");
    assertThat(EntityColumn.USCC.parse("").problem()).contains("必填");
  }

  @Test
  void tagsSplitOnEitherSeparatorWithoutBlanksOrRepeats() {
    assertThat(EntityColumn.TAGS.parse("食品经营、 特种设备;；食品经营；冷链;").value())
        .isEqualTo(List.of("食品经营", "特种设备", "冷链"));
  }

  @Test
  void valuesLongerThanTheColumnAreRejected() {
    assertThat(EntityColumn.NAME.parse("名".repeat(200)).isOk()).isTrue();
    assertThat(EntityColumn.NAME.parse("名".repeat(201)).problem()).contains("201").contains("200");
    assertThat(EntityColumn.ADDRESS.parse("址".repeat(501)).problem()).contains("500");
  }

  @Test
  void headersAreChineseOrEnglishInAnyCase() {
    assertThat(EntityColumn.byHeader("统一社会信用代码")).contains(EntityColumn.USCC);
    assertThat(EntityColumn.byHeader(" LegalRepresentative ")).contains(EntityColumn.LEGAL_REPRESENTATIVE);
    assertThat(EntityColumn.byHeader("USCC")).contains(EntityColumn.USCC);
    assertThat(EntityColumn.byHeader("信用等极")).isEmpty();
  }

  @Test
  void aDraftAppliesOnlyTheColumnsItNames() {
    String uscc = TestEntities.uscc(42);
    Map<EntityColumn, String> cells = new HashMap<>();
    cells.put(EntityColumn.USCC, uscc);
    cells.put(EntityColumn.NAME, "甲");
    cells.put(EntityColumn.ESTABLISHED_ON, "2020-01-02");
    DirectoryEntity created = EntityDraft.parse(cells).draft().applyTo(null, java.time.Instant.EPOCH);
    assertThat(created.establishedOn()).isEqualTo(LocalDate.of(2020, 1, 2));
    cells.remove(EntityColumn.ESTABLISHED_ON);
    cells.put(EntityColumn.NAME, "乙");
    DirectoryEntity updated = EntityDraft.parse(cells).draft().applyTo(created, java.time.Instant.EPOCH.plusSeconds(1));
    assertThat(updated.name()).isEqualTo("乙");
    assertThat(updated.establishedOn()).isEqualTo(LocalDate.of(2020, 1, 2));
    assertThat(updated.createdAt()).isEqualTo(java.time.Instant.EPOCH);
  }

  @Test
  void theFileHeaderRefusesUnknownRepeatedAndMissingColumns() {
    assertThatThrownBy(() -> EntityFileHeader.of(List.of("uscc", "name", "credit")))
        .hasMessageContaining("credit")
        .hasMessageContaining("信用等级（creditClass）");
    assertThatThrownBy(() -> EntityFileHeader.of(List.of("uscc", "name", "名称")))
        .hasMessageContaining("重复");
    assertThatThrownBy(() -> EntityFileHeader.of(List.of("uscc", "region")))
        .hasMessageContaining("名称（name）");
    assertThatThrownBy(() -> EntityFileHeader.of(List.of("uscc", "", "name")))
        .hasMessageContaining("第 2 列");
  }

  @Test
  void theFileHeaderIgnoresTrailingEmptyCellsAndABom() throws Exception {
    EntityFileHeader header = EntityFileHeader.of(List.of("\uFEFF统一社会信用代码", "name", "", ""));
    String uscc = TestEntities.uscc(43);
    EntityFileHeader.Row row = header.parse(List.of(uscc, "甲", "", ""), 2, new HashMap<>());
    assertThat(row.draft()).isNotNull();
    EntityFileHeader.Row extra = header.parse(List.of(TestEntities.uscc(44), "乙", "多余"), 3, new HashMap<>());
    assertThat(extra.rejections()).hasSize(1);
    assertThat(extra.rejections().get(0).column()).isNull();
    assertThat(extra.rejections().get(0).reason()).contains("多于表头");
    EntityFileHeader.Row fewer = header.parse(List.of(TestEntities.uscc(45)), 4, new HashMap<>());
    assertThat(fewer.rejections()).extracting(DirectoryImports.Rejection::column).containsExactly("name");
  }
}
