package org.onedoor.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts {@link LoginThrottle} in front of every password check: HTTP Basic on /api, /staff,
 * /engine-rest and /actuator, and the webapps' login form
 * ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}). A throttled attempt is answered
 * 429 with {@code Retry-After} before the password is looked at; a 401 afterwards counts as a
 * failure, anything else below 400 as a success. An administrator's unlock of a user
 * ({@code POST …/user/{id}/unlock}, the button in Admin) clears that account here as well.
 */
public class LoginThrottleFilter extends OncePerRequestFilter {

  /** Longest login form read to find the user name (Camunda's form has two short fields). */
  static final int MAX_LOGIN_FORM_BYTES = 8192;

  private static final Pattern UNLOCK = Pattern.compile("/user/([^/]+)/unlock/?$");

  private final LoginThrottle throttle;
  private final String webappLoginPrefix;
  private final String webappApiPrefix;

  public LoginThrottleFilter(LoginThrottle throttle, String webappPath) {
    this.throttle = throttle;
    this.webappApiPrefix = webappPath + "/api/";
    this.webappLoginPrefix = webappPath + "/api/admin/auth/user/";
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String account;
    HttpServletRequest forward = request;
    if ("POST".equals(request.getMethod()) && path.startsWith(webappLoginPrefix) && path.contains("/login/")) {
      byte[] body = request.getInputStream().readNBytes(MAX_LOGIN_FORM_BYTES);
      account = formField(new String(body, StandardCharsets.ISO_8859_1), "username");
      forward = new ReplayedBody(request, body);
    } else if (!path.startsWith(webappApiPrefix)) {
      account = basicUser(request.getHeader("Authorization"));
    } else {
      account = null;
    }
    if (account == null) {
      chain.doFilter(request, response);
      clearOnUnlock(request, response, path);
      return;
    }
    String address = request.getRemoteAddr();
    Duration wait = throttle.waitBefore(account, address);
    if (!wait.isZero()) {
      tooManyAttempts(response, wait);
      return;
    }
    chain.doFilter(forward, response);
    int status = response.getStatus();
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      throttle.failed(account, address);
    } else if (status < 400) {
      throttle.succeeded(account);
      clearOnUnlock(request, response, path);
    }
  }

  private void clearOnUnlock(HttpServletRequest request, HttpServletResponse response, String path) {
    if ("POST".equals(request.getMethod()) && response.getStatus() < 300) {
      Matcher unlock = UNLOCK.matcher(path);
      if (unlock.find()) {
        throttle.unlock(URLDecoder.decode(unlock.group(1), StandardCharsets.UTF_8));
      }
    }
  }

  static void tooManyAttempts(HttpServletResponse response, Duration wait) throws IOException {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(seconds));
    response.setContentType("application/json;charset=UTF-8");
    response.getOutputStream().write(
        ("{\"status\":429,\"error\":\"Too Many Requests\",\"retryAfterSeconds\":" + seconds
                + ",\"message\":\"登录失败次数过多，请 " + seconds + " 秒后再试\"}")
            .getBytes(StandardCharsets.UTF_8));
  }

  /** The user of HTTP Basic credentials, or null when there are none (or they cannot be read). */
  static String basicUser(String authorization) {
    if (authorization == null || authorization.length() < 6
        || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A field of an application/x-www-form-urlencoded body; "" when absent (still throttled by address). */
  static String formField(String body, String name) {
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (name.equals(URLDecoder.decode(key, StandardCharsets.UTF_8))) {
        try {
          return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return "";
        }
      }
    }
    return "";
  }

  /** The request with the body this filter read put back, for the login resource to read again. */
  private static final class ReplayedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReplayedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream rest = super.getInputStream();
      ByteArrayInputStream head = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          int b = head.read();
          return b >= 0 ? b : rest.read();
        }

        @Override
        public boolean isFinished() {
          return head.available() == 0 && rest.isFinished();
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }
  }
}
