package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document at /public/api/openapi.json says exactly what is served under /public/api:
 * every handler mapping there is documented with its methods, and every documented path exists.
 */
@OnedoorSpringTest
class FeedOpenApiTest {

  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  final ObjectMapper json = new ObjectMapper();

  @Test
  void theDocumentedPathsAreExactlyTheHandlerMappingsUnderPublicApi() throws Exception {
    JsonNode doc = document();
    Map<String, Set<String>> documented = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      Set<String> methods = new TreeSet<>();
      path.getValue().fieldNames().forEachRemaining(m -> methods.add(m.toUpperCase()));
      documented.put(normalise(path.getKey()), methods);
    }
    Map<String, Set<String>> served = new TreeMap<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String pattern : info.getPatternValues()) {
        if (pattern.startsWith("/public/api/")) {
          Set<String> names = served.computeIfAbsent(normalise(pattern), p -> new TreeSet<>());
          if (methods.isEmpty()) {
            names.add("GET");
          } else {
            methods.forEach(m -> names.add(m.name()));
          }
        }
      }
    }
    assertThat(served).as("served under /public/api").isNotEmpty();
    served.forEach((path, methods) -> assertThat(documented.get(path))
        .as("%s %s is served but not documented in openapi.json", methods, path).isEqualTo(methods));
    Set<String> missing = new HashSet<>(documented.keySet());
    missing.removeAll(served.keySet());
    assertThat(missing).as("documented in openapi.json but not served").isEmpty();
  }

  @Test
  void theDocumentIsOpenApi3WithAnswersForEveryOperationAndNoDanglingReference() throws Exception {
    JsonNode doc = document();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    assertThat(doc.at("/info/title").asText()).isNotBlank();
    Set<String> operationIds = new HashSet<>();
    doc.get("paths").forEach(path -> path.forEach(operation -> {
      assertThat(operationIds.add(operation.get("operationId").asText())).isTrue();
      assertThat(operation.get("responses").has("200")).isTrue();
      operation.path("parameters").forEach(p -> {
        if (p.has("in") && p.get("in").asText().equals("path")) {
          assertThat(p.get("required").asBoolean()).isTrue();
        }
      });
    }));
    Set<String> refs = new TreeSet<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(doc.at(ref.substring(1)).isMissingNode())
        .as("%s resolves", ref).isFalse());
  }

  private JsonNode document() throws Exception {
    HttpResponse<String> answer = new TestHttp(port).get("/public/api/openapi.json", null);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    return json.readTree(answer.body());
  }

  private static void collectRefs(JsonNode node, Set<String> refs) {
    if (node.isObject()) {
      node.fields().forEachRemaining(f -> {
        if (f.getKey().equals("$ref")) {
          refs.add(f.getValue().asText());
        } else {
          collectRefs(f.getValue(), refs);
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, refs));
    }
  }

  /** Path variables by position only: {id} and {drawId} are the same template. */
  static String normalise(String path) {
    return path.replaceAll("\\{[^}]*}", "{}");
  }
}
