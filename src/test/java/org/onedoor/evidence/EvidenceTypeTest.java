package org.onedoor.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Content sniffing and the configurable limits, without the application. */
class EvidenceTypeTest {

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void eachTypeIsRecognisedByItsMagicBytes() throws Exception {
    assertThat(EvidenceType.sniff(EvidenceControllerTest.jpeg())).hasValue(EvidenceType.JPEG);
    assertThat(EvidenceType.sniff(EvidenceControllerTest.png(1))).hasValue(EvidenceType.PNG);
    assertThat(EvidenceType.sniff(ascii("%PDF-1.7\n"))).hasValue(EvidenceType.PDF);
    assertThat(EvidenceType.sniff(ascii("RIFF\u0010\u0000\u0000\u0000WEBPVP8 "))).hasValue(EvidenceType.WEBP);
    assertThat(EvidenceType.sniff(ascii("\u0000\u0000\u0000\u0018ftypheic\u0000\u0000\u0000\u0000"))).hasValue(EvidenceType.HEIC);
    assertThat(EvidenceType.sniff(ascii("\u0000\u0000\u0000\u0018ftypmif1\u0000\u0000\u0000\u0000"))).hasValue(EvidenceType.HEIC);
  }

  @Test
  void lookAlikesAndTruncatedHeadersAreNothing() {
    assertThat(EvidenceType.sniff(new byte[0])).isEmpty();
    assertThat(EvidenceType.sniff(bytes(0xFF, 0xD8))).isEmpty();
    assertThat(EvidenceType.sniff(bytes(0x89, 'P', 'N', 'G'))).isEmpty();
    assertThat(EvidenceType.sniff(ascii("RIFF\u0010\u0000\u0000\u0000WAVEfmt "))).isEmpty();
    // an MP4 video is ISO BMFF too, with another brand
    assertThat(EvidenceType.sniff(ascii("\u0000\u0000\u0000\u0018ftypisom\u0000\u0000\u0000\u0000"))).isEmpty();
    assertThat(EvidenceType.sniff(ascii("<!DOCTYPE html>"))).isEmpty();
    assertThat(EvidenceType.sniff(ascii("PK\u0003\u0004"))).isEmpty();
    assertThat(EvidenceType.sniff(ascii(" %PDF-1.7"))).isEmpty();
  }

  @Test
  void theLimitsAreConfigurationAndAnUnknownTypeIsRefusedAtStart() {
    EvidenceProperties defaults = new EvidenceProperties(null, null, null);
    assertThat(defaults.maxFileSize()).isEqualTo(DataSize.ofMegabytes(20));
    assertThat(defaults.allowed()).containsExactly(EvidenceType.JPEG, EvidenceType.PNG, EvidenceType.PDF,
        EvidenceType.HEIC, EvidenceType.WEBP);
    assertThat(defaults.maxFilesPerInspection()).isEqualTo(200);
    assertThat(new EvidenceProperties(DataSize.ofMegabytes(5), List.of("jpeg", "PDF"), 10).allowed())
        .containsExactly(EvidenceType.JPEG, EvidenceType.PDF);
    assertThatThrownBy(() -> new EvidenceProperties(null, List.of("gif"), null)).hasMessageContaining("gif");
    assertThatThrownBy(() -> new EvidenceProperties(null, null, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fileNamesLoseTheirPathAndControlCharacters() {
    assertThat(EvidenceStore.fileName("C:\\Users\\a\\照片.jpg", EvidenceType.JPEG)).isEqualTo("照片.jpg");
    assertThat(EvidenceStore.fileName("../../etc/passwd", EvidenceType.PDF)).isEqualTo("passwd");
    assertThat(EvidenceStore.fileName("a\"\r\nb.png", EvidenceType.PNG)).isEqualTo("ab.png");
    assertThat(EvidenceStore.fileName("  ", EvidenceType.PNG)).isEqualTo("证据.png");
    assertThat(EvidenceStore.fileName(null, EvidenceType.HEIC)).isEqualTo("证据.heic");
  }
}
