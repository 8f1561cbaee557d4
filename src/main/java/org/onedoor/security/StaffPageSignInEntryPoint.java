package org.onedoor.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * A browser that reaches a staff page without the Tasklist sign-in is sent to Tasklist's sign-in
 * (a page) or told so in Chinese (a script or style of the page), never challenged for HTTP Basic:
 * a Basic prompt is an English browser dialog a person cannot use, and headless Chromium waits on it
 * for good. The same holds for the {@code /api/v1} calls the staff pages' scripts make. Browsers mark
 * their requests with {@code Sec-Fetch-Mode}; API clients and scripts, which do not, keep the Basic
 * challenge.
 */
final class StaffPageSignInEntryPoint implements AuthenticationEntryPoint {

  static final String SIGN_IN = "/camunda/app/tasklist/";

  private final AuthenticationEntryPoint basic;

  StaffPageSignInEntryPoint(AuthenticationEntryPoint basic) {
    this.basic = basic;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException, jakarta.servlet.ServletException {
    String mode = request.getHeader("Sec-Fetch-Mode");
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean staffPage = path.startsWith("/staff/");
    // the staff pages' own scripts call /api/v1: a browser must not pop up a Basic dialog for them either
    boolean pageApi = path.startsWith("/api/v1/");
    if (mode == null || !(staffPage || pageApi)) {
      basic.commence(request, response, e);
      return;
    }
    if ("navigate".equals(mode) && staffPage) {
      response.sendRedirect(request.getContextPath() + SIGN_IN);
      return;
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setContentType("text/plain;charset=UTF-8");
    response.getOutputStream().write("请先登录 Tasklist，再打开本页。".getBytes(StandardCharsets.UTF_8));
  }
}
