package org.onedoor.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.onedoor.platform.ObjectVariableTypes;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 400 naming the variable, an Object variable whose {@code objectTypeName} is not on
 * the allow-list ({@link ObjectVariableTypes}) in any JSON body sent to the engine REST API or the
 * webapps' engine API (starts, completions, form submissions, variable writes, messages). The
 * engine itself checks the type only when it reads the variable back; without this the variable
 * would be stored and break every later read.
 */
public class ObjectVariableTypeGuard extends OncePerRequestFilter {

  private final ObjectMapper objectMapper = new ObjectMapper();
  private final ObjectVariableTypes types;

  public ObjectVariableTypeGuard(ObjectVariableTypes types) {
    this.types = types;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    boolean hasBody = "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    String type = request.getContentType();
    return !hasBody || type == null || !type.toLowerCase().contains("json");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(OrQueryExpressionGuard.MAX_INSPECTED_BODY_BYTES + 1);
    Optional<String> refused = Optional.empty();
    if (body.length > 0 && body.length <= OrQueryExpressionGuard.MAX_INSPECTED_BODY_BYTES) {
      try {
        refused = findRefusedObjectType(objectMapper.readTree(body), lastSegment(request.getRequestURI()));
      } catch (JsonProcessingException e) {
        // malformed JSON: the engine answers it itself
      }
    }
    if (refused.isPresent()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write(objectMapper.writeValueAsString(Map.of(
          "type", "InvalidRequestException",
          "message", refused.get() + ": 不允许的对象变量类型 (objectTypeName)",
          "field", refused.get())));
      return;
    }
    chain.doFilter(new OrQueryExpressionGuard.CachedBodyRequest(request, body), response);
  }

  /** The name of the first variable whose Object type is not allowed, if any. */
  Optional<String> findRefusedObjectType(JsonNode node, String name) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        Optional<String> found = findRefusedObjectType(element, name);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (!node.isObject()) {
      return Optional.empty();
    }
    JsonNode type = node.get("type");
    JsonNode valueInfo = node.get("valueInfo");
    if (type != null && type.isTextual() && "object".equalsIgnoreCase(type.asText())
        && valueInfo != null && valueInfo.isObject()) {
      JsonNode typeName = valueInfo.get("objectTypeName");
      if (typeName != null && !types.validateTypeName(typeName.asText())) {
        return Optional.of(name);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      Optional<String> found = findRefusedObjectType(field.getValue(), field.getKey());
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static String lastSegment(String uri) {
    String trimmed = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    return java.net.URLDecoder.decode(trimmed.substring(trimmed.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
  }
}
