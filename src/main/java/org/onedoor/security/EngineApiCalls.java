package org.onedoor.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.MediaType;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Marks the requests that reach the engine through its REST APIs, {@code /engine-rest/**} and the
 * webapps' {@code /camunda/api/engine/**}, for the length of the request, so that {@link
 * EngineApiGuard} knows a command comes from a person calling the engine directly rather than from
 * our own services, listeners, delegates or the job executor.
 *
 * <p>It also refuses, before the engine sees them, process starts that carry {@code
 * startInstructions}, {@code skipCustomListeners} or {@code skipIoMappings} from anybody but an
 * administrator (the engine would answer a start with skip flags but no instructions with a plain
 * 400 before any command runs; the guard refuses the instructions themselves as well).
 */
public class EngineApiCalls extends OncePerRequestFilter {

  private static final ThreadLocal<Boolean> MARKED = new ThreadLocal<>();

  /** {@code .../process-definition/{id}/start}, {@code .../process-definition/key/{key}[/tenant-id/{t}]/start}. */
  private static final Pattern START = Pattern.compile(".*/process-definition/.+/start/?$");

  /** Bodies above this size are not inspected here (the OrQueryExpressionGuard refuses them anyway). */
  static final int MAX_INSPECTED_BODY_BYTES = 10 * 1024 * 1024;

  private final ObjectMapper objectMapper = new ObjectMapper();

  /** True while the current thread serves a request to one of the engine REST APIs. */
  public static boolean inEngineApiRequest() {
    return Boolean.TRUE.equals(MARKED.get());
  }

  /** For tests and for code that acts for a caller of the engine API on this thread. */
  static void mark(boolean marked) {
    if (marked) {
      MARKED.set(Boolean.TRUE);
    } else {
      MARKED.remove();
    }
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpServletRequest forwarded = request;
    if ("POST".equals(request.getMethod()) && START.matcher(request.getRequestURI()).matches()) {
      byte[] body = request.getInputStream().readNBytes(MAX_INSPECTED_BODY_BYTES + 1);
      String offending = body.length > MAX_INSPECTED_BODY_BYTES ? null : skipOrInstructions(body);
      if (offending != null && !isAdministrator(request)) {
        refuse(response, offending);
        return;
      }
      forwarded = new OrQueryExpressionGuard.CachedBodyRequest(request, body);
    }
    Boolean before = MARKED.get();
    MARKED.set(Boolean.TRUE);
    try {
      chain.doFilter(forwarded, response);
    } finally {
      if (before == null) {
        MARKED.remove();
      }
    }
  }

  /** The first of startInstructions / skipCustomListeners / skipIoMappings the body asks for. */
  String skipOrInstructions(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    JsonNode node;
    try {
      node = objectMapper.readTree(body);
    } catch (IOException e) {
      return null; // the engine answers malformed JSON itself
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode instructions = node.get("startInstructions");
    if (instructions != null && !instructions.isNull() && !(instructions.isArray() && instructions.isEmpty())) {
      return "startInstructions";
    }
    for (String flag : new String[] {"skipCustomListeners", "skipIoMappings"}) {
      JsonNode value = node.get(flag);
      if (value != null && (value.asBoolean(false) || "true".equalsIgnoreCase(value.asText()))) {
        return flag;
      }
    }
    return null;
  }

  /** camunda-admin, by Basic credentials (/engine-rest) or by the webapps' session (/camunda/api/engine). */
  static boolean isAdministrator(HttpServletRequest request) {
    org.springframework.security.core.Authentication basic = SecurityContextHolder.getContext().getAuthentication();
    if (basic != null && basic.isAuthenticated()
        && basic.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(Role.CAMUNDA_ADMIN_GROUP::equals)) {
      return true;
    }
    HttpSession session = request.getSession(false);
    if (session == null) {
      return false;
    }
    Authentications webapp = AuthenticationUtil.getAuthsFromSession(session);
    if (webapp == null) {
      return false;
    }
    for (Authentication authentication : webapp.getAuthentications()) {
      if (authentication instanceof UserAuthentication user && user.getGroupIds() != null
          && user.getGroupIds().contains(Role.CAMUNDA_ADMIN_GROUP)) {
        return true;
      }
    }
    return false;
  }

  private void refuse(HttpServletResponse response, String field) throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String message = field + ": " + EngineApiGuard.MODEL_ONLY;
    response.getWriter().write("{\"type\":\"AuthorizationException\",\"message\":"
        + objectMapper.writeValueAsString(message) + "}");
  }
}
