package org.onedoor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for tests against the running application (JDK client: no retries, no magic). */
public final class TestHttp {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

  private final int port;

  public TestHttp(int port) {
    this.port = port;
  }

  public HttpResponse<String> send(String method, String path, String user, String jsonBody) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    authenticate(request, user);
    return exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** A multipart/form-data POST: one file part named {@code file}, plus plain fields. */
  public HttpResponse<String> multipart(
      String path, String user, String fileName, byte[] content, java.util.Map<String, String> fields) {
    String boundary = "----onedoor-test-" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    java.util.function.Consumer<String> text = s -> body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    fields.forEach(
        (name, value) -> {
          text.accept("--" + boundary + "\r\n");
          text.accept("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
          text.accept(value + "\r\n");
        });
    if (content != null) {
      text.accept("--" + boundary + "\r\n");
      text.accept("Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n");
      text.accept("Content-Type: text/csv\r\n\r\n");
      body.writeBytes(content);
      text.accept("\r\n");
    }
    text.accept("--" + boundary + "--\r\n");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    authenticate(request, user);
    return exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** A GET answering bytes (downloads). */
  public HttpResponse<byte[]> getBytes(String path, String user) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30)).GET();
    authenticate(request, user);
    return exchange(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Basic credentials; a bare user name means the demo password. */
  private static void authenticate(HttpRequest.Builder request, String user) {
    if (user != null) {
      String credentials = user.contains(":") ? user : user + ":demo";
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return CLIENT.send(request.build(), body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path, String user) {
    return send("GET", path, user, null);
  }

  public HttpResponse<String> post(String path, String user, String jsonBody) {
    return send("POST", path, user, jsonBody);
  }
}
