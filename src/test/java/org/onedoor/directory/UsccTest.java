package org.onedoor.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsccTest {

  @Test
  void acceptsPublishedCodes() {
    // real, published codes: Alibaba (China) Co., Ltd.; Huawei Technologies Co., Ltd.
    assertThat(Uscc.isValid("91330100799655058B")).isTrue();
    assertThat(Uscc.isValid("914403001922038216")).isTrue();
  }

  @Test
  void computesTheCheckCharacterByHand() {
    // 91330100799655058: 9*1+1*3+3*9+3*27+0*19+1*26+0*16+0*17+7*20+9*29+9*25+6*13+5*8+5*24+0*10+5*30+8*28
    // = 9+3+27+81+0+26+0+0+140+261+225+78+40+120+0+150+224 = 1384; 1384 mod 31 = 20; 31-20 = 11 -> 'B'
    assertThat(Uscc.checkCharacter("91330100799655058")).isEqualTo('B');
  }

  @Test
  void refusesAWrongCheckCharacterAndSaysWhich() {
    assertThat(Uscc.problem("91330100799655058C")).hasValueSatisfying(p -> assertThat(p).contains("B"));
  }

  @Test
  void refusesWrongLengthAndForbiddenLetters() {
    assertThat(Uscc.problem("9133010079965505")).hasValueSatisfying(p -> assertThat(p).contains("18"));
    assertThat(Uscc.problem("91330100799655O58B")).hasValueSatisfying(p -> assertThat(p).contains("O"));
    assertThat(Uscc.problem("")).isPresent();
    assertThat(Uscc.problem(null)).isPresent();
    assertThatThrownBy(() -> Uscc.checkCharacter("123")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checkCharacterZeroWhenSumIsAMultipleOf31() {
    // every generated code validates, whatever its check character turns out to be
    for (int i = 0; i < 1000; i++) {
      String body = String.format("91110000%09d", i * 7919L % 1_000_000_000L);
      assertThat(Uscc.isValid(body + Uscc.checkCharacter(body))).isTrue();
    }
  }
}
