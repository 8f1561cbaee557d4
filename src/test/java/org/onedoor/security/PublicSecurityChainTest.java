package org.onedoor.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * The public site's lean security chain: open for reading, closed for writing, no session, and no
 * per-filter observations (they cost a fifth of a public page's CPU) while request metrics remain.
 */
@OnedoorSpringTest
class PublicSecurityChainTest {

  @LocalServerPort int port;
  @Autowired ObservationRegistry observations;
  @Autowired SecurityObservationSettings securityObservations;
  TestHttp http;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
  }

  @Test
  void anonymousReadersGetPagesWithoutASessionAndTheSecurityHeaders() {
    HttpResponse<String> page = http.send("GET", "/public/search?q=%E4%B8%B4%E6%B1%9F", null, null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.headers().firstValue("X-Frame-Options")).isPresent();
  }

  @Test
  void writingToThePublicSiteIsRefusedWithOrWithoutCredentials() {
    assertThat(http.send("POST", "/public/search", null, "{}").statusCode()).isEqualTo(403);
    assertThat(http.send("DELETE", "/public/plans", null, null).statusCode()).isEqualTo(403);
    assertThat(http.send("POST", "/public/search", "demo", "{}").statusCode()).isEqualTo(403);
  }

  @Test
  void securityFilterObservationsAreOffWhileRequestObservationsStay() {
    assertThat(Observation.createNotStarted("spring.security.filterchains", observations).isNoop()).isTrue();
    assertThat(Observation.createNotStarted("spring.security.authorizations", observations).isNoop()).isTrue();
    assertThat(Observation.createNotStarted("http.server.requests", observations).isNoop()).isFalse();
    // and no filter is wrapped in an observation at all
    assertThat(securityObservations.shouldObserveRequests()).isFalse();
    assertThat(securityObservations.shouldObserveAuthorizations()).isFalse();
  }
}
