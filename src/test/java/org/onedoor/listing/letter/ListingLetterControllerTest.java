package org.onedoor.listing.letter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.sql.Timestamp;
import org.junit.jupiter.api.BeforeEach;
import org.onedoor.TestClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.listing.ListingDecided.Kind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@OnedoorSpringTest
class ListingLetterControllerTest {

  static final AtomicLong LISTING = new AtomicLong(720_000);

  @LocalServerPort int port;
  @Autowired DecisionLetters letters;
  final ObjectMapper json = new ObjectMapper();
  TestHttp http;

  @Autowired JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
  }

  /** A listing case row, as the abnormal-listing process registers one (not decided yet). */
  long newListing() {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    Timestamp now = Timestamp.from(TestClock.now());
    jdbc.sql("INSERT INTO listing (uscc, entity_name, individual_business, ground, department, source, status,"
            + " created_at, updated_at) VALUES (:u, '样例公司', FALSE, '4', 'market', 'api', 'PROPOSED', :t, :t)")
        .param("u", "91110000" + String.format("%010d", LISTING.incrementAndGet())).param("t", now)
        .update(key, "id");
    return key.getKey().longValue();
  }

  @Test
  void aCaseNotDecidedYetHasNoLettersButExists() throws Exception {
    HttpResponse<String> response = http.get("/api/v1/listings/" + newListing() + "/letters", "zhangwei");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json.readTree(response.body())).isEmpty();
  }

  @Test
  void listsTheLettersOfAListingWithTheirFingerprints() throws Exception {
    long listing = newListing();
    DecisionLetters.Letter listed =
        letters.issue(LetterSamples.decision(Kind.LISTED, listing, "接口〔2026〕" + listing + "号"), TestClock.now());
    DecisionLetters.Letter rejected =
        letters.issue(
            LetterSamples.decision(Kind.OBJECTION_REJECTED, listing, "接口〔2026〕" + listing + "-1号"), TestClock.now());

    HttpResponse<String> response = http.get("/api/v1/listings/" + listing + "/letters", "zhangwei");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode list = json.readTree(response.body());
    assertThat(list).hasSize(2);
    JsonNode first = list.get(0);
    assertThat(first.get("id").asLong()).isEqualTo(listed.id());
    assertThat(first.get("kind").asText()).isEqualTo("LISTED");
    assertThat(first.get("title").asText()).isEqualTo("列入经营异常名录决定书");
    assertThat(first.get("decisionNumber").asText()).isEqualTo("接口〔2026〕" + listing + "号");
    assertThat(first.get("decidedOn").asText()).isEqualTo("2026-07-14");
    assertThat(first.get("sha256").asText()).isEqualTo(listed.sha256());
    assertThat(first.get("size").asInt()).isEqualTo(listed.size());
    assertThat(first.get("renderedAt").asText()).isNotBlank();
    assertThat(first.get("download").asText())
        .isEqualTo("/api/v1/listings/" + listing + "/letters/" + listed.id());
    assertThat(list.get(1).get("kind").asText()).isEqualTo("OBJECTION_REJECTED");
    assertThat(list.get(1).get("id").asLong()).isEqualTo(rejected.id());
  }

  @Test
  void downloadsThePdfNamedByItsDecisionNumberWithItsShaAsETag() throws Exception {
    long listing = newListing();
    String number = "接口〔2026〕" + listing + "号";
    DecisionLetters.Letter letter =
        letters.issue(LetterSamples.decision(Kind.REVOKED, listing, number), TestClock.now());
    String path = "/api/v1/listings/" + listing + "/letters/" + letter.id();

    HttpResponse<byte[]> response = http.getBytes(path, "chenjing");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
    String disposition = response.headers().firstValue("Content-Disposition").orElseThrow();
    assertThat(disposition).startsWith("attachment;");
    String encoded = disposition.substring(disposition.indexOf("filename*=UTF-8''") + "filename*=UTF-8''".length());
    assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(number + ".pdf");
    assertThat(response.headers().firstValue("ETag")).hasValue("\"" + letter.sha256() + "\"");
    assertThat(DecisionLetters.sha256(response.body())).isEqualTo(letter.sha256());
    assertThat(LetterRenderingTest.text(response.body())).contains("撤销列入经营异常名录决定书").contains(number);

    // the same bytes again: 304 without a body
    HttpResponse<byte[]> again =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", basic("chenjing"))
                    .header("If-None-Match", "\"" + letter.sha256() + "\"")
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void unknownListingsAndLettersAre404() throws Exception {
    long listing = newListing();
    DecisionLetters.Letter letter =
        letters.issue(LetterSamples.decision(Kind.LISTED, listing, "接口〔2026〕" + listing + "号"), TestClock.now());

    HttpResponse<String> none = http.get("/api/v1/listings/999999999/letters", "zhangwei");
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(json.readTree(none.body()).get("errors").get(0).get("field").asText()).isEqualTo("id");
    assertThat(http.get("/api/v1/listings/" + listing + "/letters/999999999", "zhangwei").statusCode())
        .isEqualTo(404);
    // a letter is only reachable under its own listing
    assertThat(http.get("/api/v1/listings/" + (listing + 1) + "/letters/" + letter.id(), "zhangwei").statusCode())
        .isEqualTo(404);
    HttpResponse<String> bad = http.get("/api/v1/listings/abc/letters", "zhangwei");
    assertThat(bad.statusCode()).isEqualTo(400);
  }

  @Test
  void anonymousCallersAreRefused() {
    long listing = newListing();
    DecisionLetters.Letter letter =
        letters.issue(LetterSamples.decision(Kind.LISTED, listing, "接口〔2026〕" + listing + "号"), TestClock.now());
    assertThat(http.get("/api/v1/listings/" + listing + "/letters", null).statusCode()).isEqualTo(401);
    assertThat(http.getBytes("/api/v1/listings/" + listing + "/letters/" + letter.id(), null).statusCode())
        .isEqualTo(401);
    assertThat(http.get("/api/v1/listings/" + listing + "/letters", "nobody:demo").statusCode()).isEqualTo(401);
  }

  static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }
}
