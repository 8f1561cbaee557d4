package org.onedoor.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.onedoor.platform.web.ApiExceptionHandler.ApiError;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF protection for HTTP Basic: a browser replays cached Basic credentials on every request to
 * the site, also on one a page of another site makes it send. A state-changing request (POST, PUT,
 * PATCH, DELETE) whose {@code Origin} header — or, when there is none, its {@code Referer} — names
 * another origin than the request's own is refused with 403 in onedoor's error shape. A request
 * with neither header (curl, server-to-server clients) passes, as does every GET, HEAD and
 * OPTIONS. {@code Origin: null} (sandboxed frames, file: pages) counts as another origin.
 *
 * <p>The request's own origin is its scheme, host and port as the server sees them; behind a
 * reverse proxy that terminates TLS, set {@code server.forward-headers-strategy} so that they are
 * the public ones.
 */
public class SameOriginFilter extends OncePerRequestFilter {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String refusal = refusal(request);
    if (refusal == null) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpStatus.FORBIDDEN.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    ApiError error = new ApiError(HttpStatus.FORBIDDEN.value(), HttpStatus.FORBIDDEN.getReasonPhrase(),
        request.getRequestURI(), List.of(new FieldError("origin", refusal)));
    JSON.writeValue(response.getOutputStream(), error);
  }

  /** Why the request is refused, or null when it passes. */
  static String refusal(HttpServletRequest request) {
    if (SAFE.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
      return null;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    String header = HttpHeaders.ORIGIN;
    if (origin == null || origin.isBlank()) {
      origin = request.getHeader(HttpHeaders.REFERER);
      header = HttpHeaders.REFERER;
      if (origin == null || origin.isBlank()) {
        return null; // not sent by a browser page: nothing to forge
      }
    }
    String own = ownOrigin(request);
    String theirs = originOf(origin.strip());
    if (own.equals(theirs)) {
      return null;
    }
    return "跨站请求被拒绝：" + header + " “" + (theirs == null ? origin.strip() : theirs) + "” 与本站 “" + own
        + "” 不同源 (cross-origin request refused)";
  }

  /** scheme://host[:port] of the request, the port only when not the scheme's default. */
  static String ownOrigin(HttpServletRequest request) {
    return normalise(request.getScheme(), request.getServerName(), request.getServerPort());
  }

  /** The origin part of an Origin or Referer value; null when it has none (e.g. "null"). */
  static String originOf(String value) {
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return null;
      }
      return normalise(uri.getScheme(), uri.getHost(), uri.getPort());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String normalise(String scheme, String host, int port) {
    String s = scheme.toLowerCase(Locale.ROOT);
    String h = host.toLowerCase(Locale.ROOT);
    if (h.contains(":") && !h.startsWith("[")) {
      h = "[" + h + "]"; // IPv6 literal as the servlet container gives it
    }
    boolean defaultPort = port < 0 || ("http".equals(s) && port == 80) || ("https".equals(s) && port == 443);
    return s + "://" + h + (defaultPort ? "" : ":" + port);
  }
}
