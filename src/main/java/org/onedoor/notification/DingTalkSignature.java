package org.onedoor.notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of the common work-messenger robots (DingTalk's "加签"): {@code sign =
 * URL-encode(Base64(HmacSHA256(key = secret, timestamp + "\n" + secret)))}, sent with the
 * timestamp (milliseconds) as query parameters; the robot refuses a request more than an hour old.
 */
public final class DingTalkSignature {

  private DingTalkSignature() {}

  /** Base64 of the HMAC, not yet URL-encoded. */
  public static String sign(String secret, long timestampMillis) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The robot's address with {@code timestamp} and {@code sign} added (sign URL-encoded). */
  public static String signedUrl(String url, String secret, long timestampMillis) {
    StringBuilder out = new StringBuilder(url).append(url.contains("?") ? '&' : '?')
        .append("timestamp=").append(timestampMillis);
    if (secret != null && !secret.isBlank()) {
      out.append("&sign=").append(URLEncoder.encode(sign(secret, timestampMillis), StandardCharsets.UTF_8));
    }
    return out.toString();
  }
}
