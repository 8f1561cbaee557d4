package org.onedoor.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Mitigates CVE-2026-109432 on Camunda 7.24.0 CE: the engine validates expressions in a task query
 * but not in its {@code orQueries}, so any signed-in user could run JUEL on the server. Every JSON
 * body sent to the engine REST API or the webapps' API is inspected; an {@code orQueries} entry
 * carrying an expression field is refused with HTTP 400 before the engine sees it.
 */
public class OrQueryExpressionGuard extends OncePerRequestFilter {

  /** Bodies above this size are refused rather than passed on unchecked. */
  static final int MAX_INSPECTED_BODY_BYTES = 10 * 1024 * 1024;

  private final ObjectMapper objectMapper = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    boolean hasBody = "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    String type = request.getContentType();
    return !hasBody || type == null || !type.toLowerCase().contains("json");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_INSPECTED_BODY_BYTES + 1);
    if (body.length > MAX_INSPECTED_BODY_BYTES) {
      refuse(response, "request body larger than " + MAX_INSPECTED_BODY_BYTES + " bytes");
      return;
    }
    if (body.length > 0) {
      Optional<String> offending;
      try {
        offending = findExpressionInOrQueries(objectMapper.readTree(body));
      } catch (JsonProcessingException e) {
        offending = Optional.empty(); // not our concern: the engine answers malformed JSON itself
      }
      if (offending.isPresent()) {
        refuse(
            response,
            "orQueries." + offending.get() + ": expressions are not allowed in orQueries");
        return;
      }
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  /** The name of the first expression field inside any {@code orQueries} array, if any. */
  static Optional<String> findExpressionInOrQueries(JsonNode node) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        Optional<String> found = findExpressionInOrQueries(element);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (!node.isObject()) {
      return Optional.empty();
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if ("orQueries".equals(field.getKey()) && field.getValue().isArray()) {
        for (JsonNode orQuery : field.getValue()) {
          Optional<String> expression = expressionField(orQuery);
          if (expression.isPresent()) {
            return expression;
          }
        }
      }
      Optional<String> nested = findExpressionInOrQueries(field.getValue());
      if (nested.isPresent()) {
        return nested;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> expressionField(JsonNode orQuery) {
    if (!orQuery.isObject()) {
      return Optional.empty();
    }
    Iterator<Map.Entry<String, JsonNode>> fields = orQuery.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      boolean expressionKey = field.getKey().toLowerCase().contains("expression");
      boolean expressionValue = field.getValue().isTextual() && looksLikeExpression(field.getValue().asText());
      if ((expressionKey && !field.getValue().isNull()) || expressionValue) {
        return Optional.of(field.getKey());
      }
    }
    return Optional.empty();
  }

  private static boolean looksLikeExpression(String value) {
    return value.contains("${") || value.contains("#{");
  }

  private static void refuse(HttpServletResponse response, String message) throws IOException {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String json =
        "{\"type\":\"InvalidRequestException\",\"message\":"
            + new ObjectMapper().writeValueAsString(message)
            + "}";
    response.getWriter().write(json);
  }

  /** Replays the body we have already read. */
  static final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous body only");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      return new BufferedReader(
          new InputStreamReader(
              new ByteArrayInputStream(body),
              encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
