package org.onedoor.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import org.camunda.bpm.webapp.impl.security.filter.headersec.provider.impl.ContentSecurityPolicyProvider;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;

/**
 * The interleaving that left Tasklist at its start-up spinner, step by step: Camunda's own CSP provider
 * makes the page's nonce, an API request makes another before the page is written, and the page still
 * reads its own.
 */
class CspNoncePerRequestFilterTest {

  private final MockServletContext shared = new MockServletContext();

  private ServletRequest throughTheFilter(String path) throws Exception {
    MockFilterChain chain = new MockFilterChain();
    new CspNoncePerRequestFilter().doFilter(new MockHttpServletRequest(shared, "GET", path),
        new MockHttpServletResponse(), chain);
    return chain.getRequest();
  }

  private static String nonceOf(String policy) {
    return policy.replaceFirst("(?s).*'nonce-([^']+)'.*", "$1");
  }

  @Test
  void thePageReadsTheNonceOfItsOwnHeaderThoughAnotherRequestMadeOneMeanwhile() throws Exception {
    ContentSecurityPolicyProvider provider = new ContentSecurityPolicyProvider();
    provider.parseParams();
    ServletRequest page = throughTheFilter("/camunda/app/tasklist/default/");
    ServletRequest api = throughTheFilter("/camunda/api/engine/engine/");

    String pageHeader = provider.getHeaderValue(page.getServletContext());
    String apiHeader = provider.getHeaderValue(api.getServletContext());

    assertThat(nonceOf(pageHeader)).isNotEqualTo(nonceOf(apiHeader));
    // what ProcessEnginesFilter writes into the page's script tags
    assertThat(page.getServletContext().getAttribute(CspNoncePerRequestFilter.NONCE_ATTRIBUTE))
        .isEqualTo(nonceOf(pageHeader));
    assertThat(api.getServletContext().getAttribute(CspNoncePerRequestFilter.NONCE_ATTRIBUTE))
        .isEqualTo(nonceOf(apiHeader));
    assertThat(shared.getAttribute(CspNoncePerRequestFilter.NONCE_ATTRIBUTE)).isNull();
  }

  @Test
  void everythingElseOfTheServletContextIsTheSharedOne() throws Exception {
    ServletContext seen = throughTheFilter("/camunda/app/cockpit/default/").getServletContext();
    seen.setAttribute("org.camunda.bpm.engine.rest.ProcessEngineProvider", "provider");
    assertThat(shared.getAttribute("org.camunda.bpm.engine.rest.ProcessEngineProvider")).isEqualTo("provider");
    shared.setAttribute("other", 42);
    assertThat(seen.getAttribute("other")).isEqualTo(42);
    assertThat(seen.getContextPath()).isEqualTo(shared.getContextPath());
    seen.removeAttribute("other");
    assertThat(shared.getAttribute("other")).isNull();
  }
}
