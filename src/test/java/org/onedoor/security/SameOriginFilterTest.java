package org.onedoor.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** CSRF protection for Basic auth: cross-origin state-changing requests are refused. */
class SameOriginFilterTest {

  private static MockHttpServletResponse send(String method, String origin, String referer) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/management/v1/imports/entities");
    request.setScheme("http");
    request.setServerName("localhost");
    request.setServerPort(8080);
    if (origin != null) {
      request.addHeader("Origin", origin);
    }
    if (referer != null) {
      request.addHeader("Referer", referer);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    new SameOriginFilter().doFilter(request, response, chain);
    if (chain.getRequest() != null) {
      response.setStatus(299); // marks "passed on"
    }
    return response;
  }

  @Test
  void sameOriginPasses() throws Exception {
    assertThat(send("POST", "http://localhost:8080", null).getStatus()).isEqualTo(299);
    assertThat(send("DELETE", "HTTP://LOCALHOST:8080", null).getStatus()).isEqualTo(299);
    assertThat(send("PUT", null, "http://localhost:8080/staff/imports").getStatus()).isEqualTo(299);
  }

  @Test
  void otherOriginIsRefusedWithTheErrorShape() throws Exception {
    for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
      MockHttpServletResponse response = send(method, "http://evil.example", null);
      assertThat(response.getStatus()).as(method).isEqualTo(403);
      JsonNode body = new ObjectMapper().readTree(response.getContentAsByteArray());
      assertThat(body.get("status").asInt()).isEqualTo(403);
      assertThat(body.get("error").asText()).isEqualTo("Forbidden");
      assertThat(body.get("path").asText()).isEqualTo("/api/management/v1/imports/entities");
      assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo("origin");
      assertThat(body.get("errors").get(0).get("reason").asText()).contains("http://evil.example");
    }
    // another port or scheme is another origin
    assertThat(send("POST", "http://localhost:9090", null).getStatus()).isEqualTo(403);
    assertThat(send("POST", "https://localhost:8080", null).getStatus()).isEqualTo(403);
    // the Referer counts when there is no Origin; an Origin outranks the Referer
    assertThat(send("POST", null, "http://evil.example/page.html").getStatus()).isEqualTo(403);
    assertThat(send("POST", "http://evil.example", "http://localhost:8080/staff/imports").getStatus()).isEqualTo(403);
    // sandboxed frames and file: pages send "null"
    assertThat(send("POST", "null", null).getStatus()).isEqualTo(403);
  }

  @Test
  void noOriginAndNoRefererPasses() throws Exception {
    assertThat(send("POST", null, null).getStatus()).isEqualTo(299);
  }

  @Test
  void getIsNeverRefused() throws Exception {
    assertThat(send("GET", "http://evil.example", null).getStatus()).isEqualTo(299);
    assertThat(send("HEAD", null, "http://evil.example/").getStatus()).isEqualTo(299);
    assertThat(send("OPTIONS", "http://evil.example", null).getStatus()).isEqualTo(299);
  }

  @Test
  void defaultPortsAreTheSameOrigin() {
    assertThat(SameOriginFilter.originOf("http://example.org:80/x")).isEqualTo("http://example.org");
    assertThat(SameOriginFilter.originOf("https://example.org:443")).isEqualTo("https://example.org");
    assertThat(SameOriginFilter.originOf("null")).isNull();
  }
}
