package org.onedoor.disclosure;

import jakarta.servlet.http.HttpServletRequest;
import org.onedoor.platform.web.Templates;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An unknown path under {@code /public} (no page, no static file) is the public site's Chinese 404
 * page; under {@code /public/api} and elsewhere the answer stays Spring's problem detail. Handled
 * here, not with a catch-all mapping, so static files under {@code /public} stay reachable.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PublicNotFoundPage {

  private final Templates templates;

  PublicNotFoundPage(Templates templates) {
    this.templates = templates;
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<?> noResource(NoResourceFoundException e, HttpServletRequest request) {
    String path = request.getRequestURI();
    if (path.startsWith("/public/") && !path.startsWith("/public/api/")) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .contentType(PublicViews.HTML)
          .body(templates.utf8("publicsite/notFound.jte", "message", "您访问的页面不存在。"));
    }
    return ResponseEntity.status(e.getStatusCode()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(e.getBody());
  }
}
