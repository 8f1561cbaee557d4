package org.onedoor.security;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A user signed in to the Camunda webapps as a browser is: a session cookie and the webapps' CSRF
 * token ({@code XSRF-TOKEN} cookie echoed in the {@code X-XSRF-TOKEN} header), calling
 * {@code /camunda/api/engine/engine/default/...} as Tasklist does.
 */
public final class WebappSession {

  private final int port;
  private final CookieManager cookies;
  private final HttpClient client;
  private String token;

  private WebappSession(int port) {
    this(port, new CookieManager(null, CookiePolicy.ACCEPT_ALL), null);
  }

  private WebappSession(int port, CookieManager cookies, String token) {
    this.port = port;
    this.cookies = cookies;
    this.token = token;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public static WebappSession signIn(int port, String user) {
    WebappSession session = new WebappSession(port);
    HttpResponse<String> page = session.exchange(session.request("/camunda/app/tasklist/default/").GET());
    if (page.statusCode() >= 400) {
      throw new IllegalStateException("tasklist page: " + page.statusCode());
    }
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo";
    HttpResponse<String> login = session.exchange(session.request("/camunda/api/admin/auth/user/default/login/tasklist")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    if (login.statusCode() != 200) {
      throw new IllegalStateException("webapp login of " + user + ": " + login.statusCode() + " " + login.body());
    }
    // the session was renewed at login: a GET hands out its CSRF token, as Tasklist's first call does
    HttpResponse<String> profile = session.engine("GET", "/user/" + user + "/profile", null);
    if (profile.statusCode() != 200 || session.token == null) {
      throw new IllegalStateException("webapp session of " + user + ": " + profile.statusCode() + " " + profile.body());
    }
    return session;
  }

  /**
   * The same browser talking to another node on the same host (a load balancer sending it elsewhere):
   * the same session cookie and CSRF token, nothing signed in again.
   */
  WebappSession onPort(int otherPort) {
    return new WebappSession(otherPort, cookies, token);
  }

  /** The session cookie's value, as the browser holds it. */
  String sessionCookie() {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
        .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
  }

  /** A JSON call to the webapps' engine API, e.g. {@code engine("POST", "/process-instance/1/modification", body)}. */
  HttpResponse<String> engine(String method, String path, String jsonBody) {
    HttpRequest.Builder request = request("/camunda/api/engine/engine/default" + path)
        .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    return exchange(request);
  }

  /**
   * A request to any path of the site with the session cookie, as a page opened from Tasklist makes it:
   * same origin, no Basic credentials, the webapps' CSRF token only when {@code withToken}.
   */
  public HttpResponse<String> page(String method, String path, String jsonBody, boolean withToken) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Origin", "http://localhost:" + port)
        .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    if (withToken && token != null) {
      request.header("X-XSRF-TOKEN", token);
    }
    return exchange(request);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Accept", "application/json, text/plain, */*")
        .header("Origin", "http://localhost:" + port).header("Referer", "http://localhost:" + port + "/camunda/app/tasklist/");
    if (token != null) {
      builder.header("X-XSRF-TOKEN", token);
    }
    return builder;
  }

  private HttpResponse<String> exchange(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      response.headers().firstValue("X-XSRF-TOKEN").ifPresent(t -> token = t);
      return response;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
