package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The upper bound that turns a name or USCC prefix into an index range. */
class SearchPrefixBoundTest {

  @Test
  void theLastCharacterGoesUpByOne() {
    assertThat(PublicRecords.successor("91330")).contains("91331");
    assertThat(PublicRecords.successor("临江")).contains("临" + (char) ('江' + 1));
    assertThat(PublicRecords.successor("𠀀")).contains(new String(Character.toChars(0x20001)));
  }

  @Test
  void theSurrogateBlockAndTheLastCodePointAreStepped() {
    assertThat(PublicRecords.successor("a\uD7FF")).contains("a\uE000");
    assertThat(PublicRecords.successor("a" + new String(Character.toChars(Character.MAX_CODE_POINT)))).contains("b");
    assertThat(PublicRecords.successor(new String(Character.toChars(Character.MAX_CODE_POINT)))).isEmpty();
    assertThat(PublicRecords.successor("")).isEmpty();
  }

  @Test
  void everyTextWithThePrefixIsInsideTheRangeAndNothingElseBeforeIt() {
    String prefix = "临江市上城区";
    String hi = PublicRecords.successor(prefix).orElseThrow();
    List<String> inside = List.of(prefix, prefix + "华兴", prefix + "\uFFFD", prefix + new String(Character.toChars(0x2A6D6)));
    for (String name : inside) {
      assertThat(codePointCompare(name, prefix)).isGreaterThanOrEqualTo(0);
      assertThat(codePointCompare(name, hi)).as(name).isLessThan(0);
    }
    Stream.of("临江市上城", "临江市下城区", "临江市上城区".substring(0, 5) + (char) ('区' + 1))
        .forEach(other -> assertThat(codePointCompare(other, prefix) >= 0 && codePointCompare(other, hi) < 0)
            .as(other).isFalse());
    assertThat(Optional.of(hi)).isNotEmpty();
  }

  /** PostgreSQL's "C" collation compares UTF-8 bytes, which is code point order. */
  private static int codePointCompare(String a, String b) {
    return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }
}
