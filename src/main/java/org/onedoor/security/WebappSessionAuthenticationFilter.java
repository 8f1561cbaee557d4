package org.onedoor.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.onedoor.platform.web.ApiExceptionHandler.ApiError;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Tasklist sign-in reaches the inspection pages: a request to {@code /staff/inspections/**},
 * their assets or the inspection API ({@code /api/v1/inspections/**}) — and likewise the listing case
 * page ({@code /staff/listings/**}, {@code /api/v1/listings/**}) — that carries no Basic
 * credentials but the session cookie of a user signed in to the Camunda webapps is authenticated as
 * that user, with the groups the identity service holds now (not those cached at sign-in). A link
 * in a task form therefore opens the inspection file in a new tab without a Basic-auth prompt.
 *
 * <p>CSRF: a cookie travels with any request the browser makes, so a state-changing request
 * (POST, PUT, PATCH, DELETE) authenticated this way must carry the webapps' own CSRF token ({@code
 * X-XSRF-TOKEN}, the session's {@code CAMUNDA_CSRF_TOKEN}), which a page of another origin cannot
 * read; otherwise 403 naming {@code X-XSRF-TOKEN}. {@link SameOriginFilter} still runs ahead. GET
 * responses authenticated by the session hand the token out in the {@code X-XSRF-TOKEN} header, as
 * the webapps do, for the page's own scripts.
 */
public class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

  static final String CSRF_HEADER = "X-XSRF-TOKEN";
  static final String CSRF_SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.springframework.security.web.context.RequestAttributeSecurityContextRepository CONTEXT =
      new org.springframework.security.web.context.RequestAttributeSecurityContextRepository();

  private final IdentityService identity;
  private final RequestMatcher paths;
  private final String engineName;

  public WebappSessionAuthenticationFilter(IdentityService identity, RequestMatcher paths, String engineName) {
    this.identity = identity;
    this.paths = paths;
    this.engineName = engineName;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    org.springframework.security.core.Authentication current = SecurityContextHolder.getContext().getAuthentication();
    boolean unauthenticated = current == null || !current.isAuthenticated()
        || current instanceof AnonymousAuthenticationToken;
    if (!unauthenticated || !paths.matches(request)) {
      chain.doFilter(request, response);
      return;
    }
    HttpSession session = request.getSession(false);
    String userId = session == null ? null : signedIn(session);
    if (userId == null) {
      chain.doFilter(request, response);
      return;
    }
    Object token = session.getAttribute(CSRF_SESSION_ATTRIBUTE);
    if (!SAFE.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
      String sent = request.getHeader(CSRF_HEADER);
      if (!(token instanceof String expected) || sent == null
          || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
        refuse(request, response);
        return;
      }
    } else if (token instanceof String t) {
      response.setHeader(CSRF_HEADER, t);
    }
    List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).map(SimpleGrantedAuthority::new).toList();
    org.springframework.security.core.context.SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(userId, null, groups));
    SecurityContextHolder.setContext(context);
    // kept for the request, as Basic does: a page forwarded to its static HTML is authorised again on the forward
    CONTEXT.saveContext(context, request, response);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  /** The user signed in to the webapps for this engine in the session, if still known. */
  private String signedIn(HttpSession session) {
    Authentications auths;
    try {
      auths = AuthenticationUtil.getAuthsFromSession(session);
    } catch (IllegalStateException invalidated) {
      return null;
    }
    Authentication auth = auths == null ? null : auths.getAuthenticationForProcessEngine(engineName);
    if (auth == null || auth.getIdentityId() == null) {
      return null;
    }
    String userId = auth.getIdentityId();
    // a user deleted since signing in no longer counts
    return identity.createUserQuery().userId(userId).count() == 1 ? userId : null;
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setStatus(HttpStatus.FORBIDDEN.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    ApiError error = new ApiError(HttpStatus.FORBIDDEN.value(), HttpStatus.FORBIDDEN.getReasonPhrase(),
        request.getRequestURI(), List.of(new FieldError(CSRF_HEADER,
            "凭登录会话提交须附带会话的防跨站令牌（请从本站页面提交，或重新登录）")));
    JSON.writeValue(response.getOutputStream(), error);
  }
}
