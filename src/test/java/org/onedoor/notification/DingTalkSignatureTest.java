package org.onedoor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The robot signature against a vector computed outside Java (Python's hmac, base64 and quote_plus). */
class DingTalkSignatureTest {

  @Test
  void signIsBase64OfTheHmacOfTimestampNewlineSecret() {
    assertThat(DingTalkSignature.sign("SECabc123", 1767225600000L))
        .isEqualTo("pvwH8bM5eQ0kH1kr+RPVoBxU5B9l7NCsCB86NIxp2WY=");
  }

  @Test
  void signedUrlAddsTimestampAndTheUrlEncodedSign() {
    assertThat(DingTalkSignature.signedUrl("https://oapi.example/robot/send?access_token=abc", "SECabc123", 1767225600000L))
        .isEqualTo("https://oapi.example/robot/send?access_token=abc&timestamp=1767225600000"
            + "&sign=pvwH8bM5eQ0kH1kr%2BRPVoBxU5B9l7NCsCB86NIxp2WY%3D");
  }

  @Test
  void aRobotWithoutSecretGetsOnlyTheTimestamp() {
    assertThat(DingTalkSignature.signedUrl("http://robot/send", "", 5L)).isEqualTo("http://robot/send?timestamp=5");
  }
}
