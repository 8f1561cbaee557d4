package org.onedoor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one check of names and texts: control characters and bidirectional formatting are refused. */
class TextCheckTest {

  @Test
  void chineseEmojiAndPunctuationPass() {
    assertThat(TextCheck.singleLine("临江市好味（餐饮）有限公司 · No.1 😀")).isEmpty();
    assertThat(TextCheck.multiLine("第一行\n第二行\r\n\t缩进")).isEmpty();
    assertThat(TextCheck.singleLine(null)).isEmpty();
  }

  @Test
  void controlCharactersAreRefusedSayingWhichAndWhere() {
    assertThat(TextCheck.singleLine("a\u0000b")).contains("第 2 个字符是不允许的控制字符（U+0000）");
    assertThat(TextCheck.singleLine("a\u001Bb")).get().asString().contains("U+001B");
    assertThat(TextCheck.singleLine("a\u007Fb")).get().asString().contains("U+007F");
    assertThat(TextCheck.multiLine("a\u0085b")).get().asString().contains("控制字符", "U+0085");
    assertThat(TextCheck.singleLine("两\n行")).get().asString().contains("换行或制表符");
    assertThat(TextCheck.singleLine("甲\u2028乙")).isPresent();
    assertThat(TextCheck.multiLine("甲\u2028乙")).isEmpty();
  }

  @Test
  void bidirectionalOverridesIsolatesAndMarksAreRefused() {
    for (char c : new char[] {'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068',
        '\u2069', '\u200E', '\u200F', '\u061C'}) {
      assertThat(TextCheck.multiLine("临江" + c + "公司")).as("U+%04X", (int) c).get().asString()
          .contains("文字方向控制符");
    }
  }

  @Test
  void anUnpairedSurrogateIsRefused() {
    assertThat(TextCheck.singleLine("a\uD83Db")).get().asString().contains("不成对");
  }
}
