package org.onedoor.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.http.HttpStatus;

/**
 * Who may call what.
 *
 * <ul>
 *   <li>{@code /api/v1/**} (staff) and {@code /engine-rest/**}: HTTP Basic against Camunda's
 *       identity service; Camunda authorizations then apply per user and group.
 *   <li>{@code /api/management/v1/**}: administrators ({@code camunda-admin}) only.
 *   <li>{@code /staff/**} (staff pages): HTTP Basic too, so the page's own API calls reuse the
 *       browser's credentials; {@code /staff/imports} is for administrators only; {@code
 *       /staff/inspections/**} for staff holding a role (the pages check the inspection's departments); {@code
 *       /staff/oversight} and {@code /api/v1/oversight/**} for managers and admins; {@code
 *       /staff/listings/**} (a listing case) like the inspection pages (the page checks the deciding
 *       department); {@code /staff/entities/**} (a business's credit and risk, internal) likewise;
 *       {@code /staff/warnings/**} (risk warnings) for staff holding a role (the pages check the department).
 *       The inspection, listing, entity and warning pages, {@code /api/v1/inspections/**}, {@code
 *       /api/v1/listings/**} and the monitoring uploads ({@code /api/v1/monitoring/uploads/**}, the warnings page's
 *       监测数据导入) — and {@code /staff/notifications} with {@code /api/v1/notifications/**}, any
 *       signed-in user's own notifications — also accept the Tasklist sign-in (the webapps' session, with
 *       their CSRF token for state changes: {@link WebappSessionAuthenticationFilter}). State-changing
 *       requests to /api, /staff and /engine-rest from a page of another origin are refused ({@link
 *       SameOriginFilter}).
 *   <li>{@code /public/**}: open, read-only (GET and HEAD).
 *   <li>{@code /camunda/**}: the webapps' own session login; the Admin setup endpoint is blocked
 *       (CVE-2026-77226).
 *   <li>{@code /actuator/health}: open (load balancers); other actuator endpoints: managers and
 *       admins.
 * </ul>
 */
@Configuration
public class SecurityConfig {

  static final String REALM = "onedoor";

  /** The Content-Security-Policy of /public (issue 13): no script, no plugins, no framing. */
  public static final String PUBLIC_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
      + "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /**
   * No Spring Security observations: wrapping every filter of every request in an observation cost
   * about a fifth of a public page's CPU (PublicSiteBenchmark); request metrics
   * (http.server.requests) stay.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  AuthenticationManager authenticationManager(CamundaIdentityAuthenticationProvider provider) {
    return new ProviderManager(provider);
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(
      HttpSecurity http, AuthenticationManager authenticationManager, IdentityService identity)
      throws Exception {
    BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
    entryPoint.setRealmName(REALM);
    http.securityMatcher(
            new OrRequestMatcher(
                path("/api/**"), path("/engine-rest/**"), path("/actuator/**"), path("/staff/**")))
        .authenticationManager(authenticationManager)
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(path("/actuator/health"), path("/actuator/health/**"))
                    .permitAll()
                    .requestMatchers(path("/actuator/**"))
                    .hasAnyAuthority(Role.MANAGER.groupId(), Role.CAMUNDA_ADMIN_GROUP)
                    .requestMatchers(path("/api/management/**"))
                    .hasAuthority(Role.CAMUNDA_ADMIN_GROUP)
                    // the supervision dashboard (R15): managers and admins
                    .requestMatchers(path("/staff/oversight"), path("/staff/oversight/**"), path("/api/v1/oversight/**"))
                    .hasAnyAuthority(Role.MANAGER.groupId(), Role.CAMUNDA_ADMIN_GROUP)
                    .requestMatchers(path("/staff/imports"), path("/staff/imports/**"))
                    .hasAuthority(Role.CAMUNDA_ADMIN_GROUP)
                    // monitoring platforms send their readings (issue 15); people upload files instead
                    .requestMatchers(path("/api/v1/monitoring/records"))
                    .hasAnyAuthority(Role.MONITORING_SYSTEM.groupId(), Role.CAMUNDA_ADMIN_GROUP)
                    // inspection pages: staff in a role (or admins); each page checks the inspection's departments
                    .requestMatchers(path("/staff/inspections/**"), path("/staff/inspection/**"),
                        path("/staff/listings/**"), path("/staff/listing/**"), path("/staff/entities/**"),
                        path("/staff/warnings"), path("/staff/warnings/**"))
                    .hasAnyAuthority(Role.INSPECTOR.groupId(), Role.CHIEF.groupId(), Role.LEGAL_REVIEWER.groupId(),
                        Role.MANAGER.groupId(), Role.CAMUNDA_ADMIN_GROUP)
                    .anyRequest()
                    .authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
        .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
            // a request authenticated by the Tasklist session must not renew that session's id (fixation
            // protection is for sign-ins): the page's parallel requests, and Tasklist's own, still carry the
            // old cookie, would find no session and answer 401 (Tasklist signed out; a Basic prompt that
            // hangs the page's load)
            .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
        // no session and no token: browsers replay cached Basic credentials, though, so
        // SameOriginFilter (ahead of this chain) refuses cross-origin state-changing requests
        .csrf(AbstractHttpConfigurer::disable)
        // the Tasklist sign-in (webapp session) reaches the inspection pages and their API too
        .addFilterAfter(new WebappSessionAuthenticationFilter(identity, new OrRequestMatcher(
                path("/staff/inspections/**"), path("/staff/inspection/**"), path("/api/v1/inspections/**"),
                path("/staff/listings/**"), path("/staff/listing/**"), path("/api/v1/listings/**"),
                // 我的提醒 (issue 17): the page, its assets and the signed-in user's notifications
                path("/staff/notifications"), path("/staff/notification/**"), path("/api/v1/notifications/**"),
                path("/staff/entities/**"), path("/staff/warnings"), path("/staff/warnings/**"),
                // 监测数据导入 on the warnings page: the upload, its report and the template (not the platforms' REST)
                path("/api/v1/monitoring/uploads"), path("/api/v1/monitoring/uploads/**")), "default"),
            BasicAuthenticationFilter.class)
        .addFilterAfter(new EngineAuthenticationFilter(identity), AuthorizationFilter.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain publicSecurity(HttpSecurity http) throws Exception {
    http.securityMatcher(path("/public/**"))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(path(HttpMethod.GET, "/public/**"))
                    .permitAll()
                    .requestMatchers(path(HttpMethod.HEAD, "/public/**"))
                    .permitAll()
                    .anyRequest()
                    .denyAll())
        .exceptionHandling(
            ex -> ex.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.FORBIDDEN)))
        // read-only and anonymous: no session, no logout, no anonymous token, no servlet API wrapper,
        // the security context kept only for the request; every filter less is CPU off each page
        .sessionManagement(AbstractHttpConfigurer::disable)
        .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .anonymous(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .servletApi(AbstractHttpConfigurer::disable)
        .csrf(AbstractHttpConfigurer::disable)
        // every public page: no script, inline CSS only, forms to ourselves; a page that needs more
        // (the draw page verifies in the browser) sends its own policy, which this does not replace
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PUBLIC_CONTENT_SECURITY_POLICY)))
        .requestCache(cache -> cache.disable());
    return http.build();
  }

  /**
   * Everything else: the Camunda webapps (their own login, CSRF and headers), the start page and
   * error pages. Only the Admin setup endpoint is closed here.
   */
  @Bean
  @Order(3)
  SecurityFilterChain webappSecurity(
      HttpSecurity http,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath)
      throws Exception {
    http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers(path(webappPath + "/api/admin/setup/**"))
                    .denyAll()
                    .anyRequest()
                    .permitAll())
        .exceptionHandling(
            ex -> ex.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.FORBIDDEN)))
        // the webapps run their own CSRF filter and send their own security headers
        .csrf(AbstractHttpConfigurer::disable)
        .headers(headers -> headers.cacheControl(c -> c.disable()).frameOptions(f -> f.sameOrigin()))
        .requestCache(cache -> cache.disable())
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable);
    return http.build();
  }

  /**
   * Patterns match the whole path inside the application. Spring MVC's matchers would look only
   * inside the DispatcherServlet, and /engine-rest and /camunda/api are other servlets.
   */
  static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  static RequestMatcher path(HttpMethod method, String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
  }

  /**
   * CSRF protection for the Basic-authenticated paths (/api, /staff, /engine-rest), ahead of Spring Security: a forged request
   * is refused before any credential is checked.
   */
  @Bean
  FilterRegistrationBean<SameOriginFilter> sameOriginFilter(
      @Value("${spring.jersey.application-path:/engine-rest}") String restPath) {
    FilterRegistrationBean<SameOriginFilter> registration = new FilterRegistrationBean<>(new SameOriginFilter());
    registration.setName("same-origin-filter");
    // the engine REST API takes the same Basic credentials, so a browser replays them there too
    registration.addUrlPatterns("/api/*", "/staff/*", restPath + "/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
    return registration;
  }

  /**
   * Failed logins wait (issue 13): every path that checks a password — Basic on /api, /staff,
   * /engine-rest, /actuator, and the webapps' login form — ahead of everything else, so a throttled
   * attempt never reaches the password check.
   */
  @Bean
  FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(
      LoginThrottle throttle,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
      @Value("${spring.jersey.application-path:/engine-rest}") String restPath) {
    FilterRegistrationBean<LoginThrottleFilter> registration =
        new FilterRegistrationBean<>(new LoginThrottleFilter(throttle, webappPath));
    registration.setName("login-throttle-filter");
    registration.addUrlPatterns("/api/*", "/staff/*", "/actuator/*", restPath + "/*", webappPath + "/api/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 2);
    return registration;
  }

  /**
   * The webapps' Content-Security-Policy nonce per request, not per server: on the paths of Camunda's
   * header filter, whose filters (added after every registration bean) come after this one.
   */
  @Bean
  FilterRegistrationBean<CspNoncePerRequestFilter> cspNoncePerRequestFilter(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<CspNoncePerRequestFilter> registration =
        new FilterRegistrationBean<>(new CspNoncePerRequestFilter());
    registration.setName("csp-nonce-per-request-filter");
    registration.addUrlPatterns(webappPath + "/app/*", webappPath + "/api/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 3);
    return registration;
  }

  /** Object variables of a type off the allow-list are refused before the engine stores them (issue 13). */
  @Bean
  FilterRegistrationBean<ObjectVariableTypeGuard> objectVariableTypeGuard(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
      @Value("${spring.jersey.application-path:/engine-rest}") String restPath,
      @Value("${camunda.bpm.generic-properties.properties.deserializationAllowedClasses:}") String classes,
      @Value("${camunda.bpm.generic-properties.properties.deserializationAllowedPackages:}") String packages) {
    org.onedoor.platform.ObjectVariableTypes types = new org.onedoor.platform.ObjectVariableTypes();
    types.setAllowedClasses(classes);
    types.setAllowedPackages(packages);
    FilterRegistrationBean<ObjectVariableTypeGuard> registration =
        new FilterRegistrationBean<>(new ObjectVariableTypeGuard(types));
    registration.setName("object-variable-type-guard");
    registration.addUrlPatterns(restPath + "/*", webappPath + "/api/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
    return registration;
  }

  @Bean
  FilterRegistrationBean<OrQueryExpressionGuard> orQueryExpressionGuard(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
      @Value("${spring.jersey.application-path:/engine-rest}") String restPath) {
    FilterRegistrationBean<OrQueryExpressionGuard> registration =
        new FilterRegistrationBean<>(new OrQueryExpressionGuard());
    registration.setName("or-query-expression-guard");
    registration.addUrlPatterns(restPath + "/*", webappPath + "/api/*");
    // right after Spring Security: anonymous callers get 401 before their body is read
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }

}
