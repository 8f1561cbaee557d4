package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.security.SecurityConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Issue 13: every public page sends a Content-Security-Policy. Walks every /public handler mapping
 * (path variables filled in, so pages answering 404 or 400 are walked too) and every /public link
 * those pages carry; the draw page keeps its own policy (it verifies the draw with inline script).
 */
@OnedoorSpringTest
class PublicPagesContentSecurityPolicyTest {

  private static final Pattern LINK = Pattern.compile("href=\"(/public[^\"#]*)\"");

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  TestHttp http;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
  }

  @Test
  void everyPublicHtmlPageMappedOrLinkedSendsAContentSecurityPolicy() {
    Deque<String> toVisit = new ArrayDeque<>();
    for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        info.getPatternValues().stream().filter(p -> p.startsWith("/public"))
            .map(p -> p.replaceAll("\\{[^}]+}", "91330100MA27XX0001"))
            .forEach(toVisit::add);
      }
    }
    toVisit.add("/public/no-such-page");
    toVisit.add("/public/search?q=%E4%B8%B4%E6%B1%9F");
    Set<String> seen = new LinkedHashSet<>();
    Map<String, String> policies = new LinkedHashMap<>();
    while (!toVisit.isEmpty() && seen.size() < 80) {
      String path = toVisit.poll().replace("&amp;", "&");
      if (!seen.add(path)) {
        continue;
      }
      HttpResponse<String> page = http.get(path, null);
      String type = page.headers().firstValue("Content-Type").orElse("");
      if (!type.startsWith("text/html")) {
        continue;
      }
      policies.put(path + " (" + page.statusCode() + ")", page.headers().allValues("Content-Security-Policy").toString());
      Matcher links = LINK.matcher(page.body());
      while (links.find()) {
        toVisit.add(links.group(1));
      }
    }
    assertThat(policies).hasSizeGreaterThanOrEqualTo(8);
    policies.forEach((page, csp) -> {
      assertThat(csp).as(page).startsWith("[default-src 'none'").doesNotContain(",");
      if (page.startsWith("/public/draws/")) {
        assertThat(csp).as(page).contains("script-src 'unsafe-inline'");
      } else {
        assertThat(csp).as(page).isEqualTo("[" + SecurityConfig.PUBLIC_CONTENT_SECURITY_POLICY + "]");
      }
    });
    assertThat(policies.keySet()).anyMatch(p -> p.startsWith("/public/draws/"))
        .anyMatch(p -> p.startsWith("/public/plans"))
        .anyMatch(p -> p.startsWith("/public/no-such-page (404)"));
  }
}
