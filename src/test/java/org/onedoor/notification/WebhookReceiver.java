package org.onedoor.notification;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A work-messenger robot in the test JVM: records every POST, checks its DingTalk signature against the
 * secret registered for its path (its own HMAC code, not the application's), and answers as planned —
 * HTTP 200 with {@code {"errcode":0}} unless a status was queued with {@link #answer(int...)}.
 */
final class WebhookReceiver {

  /** One request as received. */
  record Received(String path, Map<String, String> query, String body, boolean signatureValid, int status) {}

  private final HttpServer server;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Deque<Integer> planned = new ConcurrentLinkedDeque<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile long delayMillis;

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "webhook-receiver");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String path = exchange.getRequestURI().getPath();
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Integer status = planned.poll();
      int answer = status == null ? 200 : status;
      received.add(new Received(path, query, body, validSignature(path, query), answer));
      byte[] out = (answer == 200 ? "{\"errcode\":0,\"errmsg\":\"ok\"}" : "{\"errcode\":-1,\"errmsg\":\"busy\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer, out.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
    });
    server.start();
  }

  /** The robot's address for a path, with an access token as real robots have. */
  String url(String path, String token) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path + "?access_token=" + token;
  }

  void secret(String path, String secret) {
    secrets.put(path, secret);
  }

  /** The next requests are answered with these statuses, in order; then 200 again. */
  void answer(int... statuses) {
    for (int s : statuses) {
      planned.add(s);
    }
  }

  void delay(long millis) {
    delayMillis = millis;
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  void reset() {
    received.clear();
    planned.clear();
    delayMillis = 0;
  }

  private boolean validSignature(String path, Map<String, String> query) {
    String secret = secrets.get(path);
    String timestamp = query.get("timestamp");
    String sign = query.get("sign");
    if (secret == null || timestamp == null || sign == null) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected = Base64.getEncoder().encodeToString(
          mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
      return expected.equals(sign);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(key, value);
    }
    return out;
  }
}
