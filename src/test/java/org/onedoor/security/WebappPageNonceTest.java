package org.onedoor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A webapp page (Tasklist, Cockpit, Admin, Welcome) names in its script tags the nonce of its own
 * Content-Security-Policy header, however busy the server is meanwhile. Camunda 7.24 passes the nonce
 * from the header to the page through a ServletContext attribute, which every concurrent webapp request
 * overwrites: the page then named another response's nonce, the browser refused all its scripts and
 * Tasklist stayed at its start-up spinner ({@link CspNoncePerRequestFilter}).
 */
@OnedoorSpringTest
class WebappPageNonceTest {

  private static final Pattern HEADER_NONCE = Pattern.compile("'nonce-([^']+)'");
  private static final Pattern PAGE_NONCE = Pattern.compile("nonce=\"([^\"]*)\"");

  @LocalServerPort int port;

  @Test
  void everyPageLoadedWhileTheWebappApiIsBusyCarriesTheNonceOfItsOwnHeader() throws Exception {
    TestHttp http = new TestHttp(port);
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger busyRequests = new AtomicInteger();
    ExecutorService busy = Executors.newFixedThreadPool(3);
    List<Future<?>> callers = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    try {
      // what a Tasklist in another tab (or another person's) asks meanwhile; each answer has a CSP header too
      for (int i = 0; i < 3; i++) {
        callers.add(busy.submit(() -> {
          while (!done.get()) {
            assertThat(http.get("/camunda/api/engine/engine/", null).statusCode()).isEqualTo(200);
            busyRequests.incrementAndGet();
          }
          return null;
        }));
      }
      String[] apps = {"tasklist", "cockpit", "admin", "welcome"};
      for (int i = 0; i < 120; i++) {
        String path = "/camunda/app/" + apps[i % apps.length] + "/default/";
        HttpResponse<String> page = http.get(path, null);
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        Matcher header = HEADER_NONCE.matcher(policy);
        assertThat(header.find()).as(policy).isTrue();
        Set<String> named = new TreeSet<>();
        Matcher tag = PAGE_NONCE.matcher(page.body());
        while (tag.find()) {
          named.add(tag.group(1));
        }
        assertThat(named).as(path + " names a nonce in its script tags").isNotEmpty();
        if (!named.equals(Set.of(header.group(1)))) {
          mismatches.add(path + ": header " + header.group(1) + ", page " + named);
        }
      }
    } finally {
      done.set(true);
      busy.shutdown();
      assertThat(busy.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    for (Future<?> caller : callers) {
      caller.get();
    }
    assertThat(busyRequests.get()).as("requests served meanwhile").isPositive();
    assertThat(mismatches).as("pages whose scripts the browser would refuse").isEmpty();
  }
}
