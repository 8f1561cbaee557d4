package org.onedoor.disclosure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /public/api/openapi.json}: the OpenAPI 3 description of the public API, written by
 * hand (src/main/resources/disclosure/openapi.json; springdoc is not in the offline build).
 * FeedOpenApiTest keeps its paths in step with the handler mappings under /public/api.
 */
@RestController
class FeedOpenApiController {

  static final String RESOURCE = "disclosure/openapi.json";

  private final String document;

  FeedOpenApiController() {
    try (InputStream in = FeedOpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GetMapping(value = "/public/api/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> openApi() {
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
        .body(document);
  }
}
