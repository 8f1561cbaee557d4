package org.onedoor.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * One error shape for every JSON API of onedoor:
 * {@code {"status":400,"error":"Bad Request","path":…,"errors":[{"field":…,"reason":…}]}}.
 */
// ahead of Spring Boot's problem-details handler, so Spring's own errors get onedoor's shape too
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice
public class ApiExceptionHandler {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiExceptionHandler.class);

  /** The body of every error answer. */
  public record ApiError(int status, String error, String path, List<FieldError> errors) {}

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<ApiError> badRequest(BadRequestException e, HttpServletRequest request) {
    return answer(HttpStatus.BAD_REQUEST, request, e.errors());
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ApiError> notFound(NotFoundException e, HttpServletRequest request) {
    return answer(HttpStatus.NOT_FOUND, request, e.errors());
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ApiError> conflict(ConflictException e, HttpServletRequest request) {
    return answer(HttpStatus.CONFLICT, request, List.of(new FieldError("state", e.getMessage())));
  }

  /**
   * Issue 16 item 3: two requests deciding the same task or record at once (an optimistic lock, a
   * unique violation of the second insert, a task claimed meanwhile): the loser gets 409 in Chinese
   * and the log one INFO line. Any other failure of these kinds goes on as before (rethrown: a 500).
   */
  @ExceptionHandler({
    org.camunda.bpm.engine.ProcessEngineException.class,
    org.springframework.dao.DataIntegrityViolationException.class
  })
  ResponseEntity<ApiError> concurrentChange(RuntimeException e, HttpServletRequest request) {
    String message = org.onedoor.platform.Conflicts.message(e);
    if (message == null) {
      throw e;
    }
    log.info("concurrent change refused on {}: {}", request.getRequestURI(), e.toString());
    return answer(HttpStatus.CONFLICT, request, List.of(new FieldError("state", message)));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadableBody(HttpMessageNotReadableException e, HttpServletRequest request) {
    return answer(
        HttpStatus.BAD_REQUEST,
        request,
        List.of(new FieldError("body", "请求体不是有效的 JSON 或字段类型不符 (malformed JSON)")));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ApiError> missingParameter(
      MissingServletRequestParameterException e, HttpServletRequest request) {
    return answer(
        HttpStatus.BAD_REQUEST,
        request,
        List.of(new FieldError(e.getParameterName(), "is required")));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> typeMismatch(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    String expected =
        e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
    return answer(
        HttpStatus.BAD_REQUEST,
        request,
        List.of(new FieldError(e.getName(), "'" + e.getValue() + "' is not " + expected)));
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ApiError> invalidBody(
      MethodArgumentNotValidException e, HttpServletRequest request) {
    List<FieldError> errors = new ArrayList<>();
    e.getBindingResult()
        .getFieldErrors()
        .forEach(f -> errors.add(new FieldError(f.getField(), f.getDefaultMessage())));
    e.getBindingResult()
        .getGlobalErrors()
        .forEach(g -> errors.add(new FieldError(g.getObjectName(), g.getDefaultMessage())));
    return answer(HttpStatus.BAD_REQUEST, request, errors);
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<ApiError> invalidParameters(
      HandlerMethodValidationException e, HttpServletRequest request) {
    List<FieldError> errors = new ArrayList<>();
    e.getParameterValidationResults()
        .forEach(
            r ->
                r.getResolvableErrors()
                    .forEach(
                        err ->
                            errors.add(
                                new FieldError(
                                    r.getMethodParameter().getParameterName(),
                                    err.getDefaultMessage()))));
    return answer(HttpStatus.BAD_REQUEST, request, errors);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> methodNotAllowed(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return answer(
        HttpStatus.METHOD_NOT_ALLOWED,
        request,
        List.of(new FieldError("method", e.getMethod() + " is not supported here")));
  }

  @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
  ResponseEntity<ApiError> accessDenied(
      org.springframework.security.access.AccessDeniedException e, HttpServletRequest request) {
    return answer(HttpStatus.FORBIDDEN, request, List.of(new FieldError("user", e.getMessage())));
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<ApiError> forbidden(AuthorizationException e, HttpServletRequest request) {
    return answer(HttpStatus.FORBIDDEN, request, List.of(new FieldError("user", e.getMessage())));
  }

  private static String describe(Class<?> type) {
    if (type == java.time.LocalDate.class) {
      return "a date (YYYY-MM-DD)";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a whole number";
    }
    return "a valid " + type.getSimpleName();
  }

  static ResponseEntity<ApiError> answer(
      HttpStatus status, HttpServletRequest request, List<FieldError> errors) {
    return ResponseEntity.status(status)
        .body(new ApiError(status.value(), status.getReasonPhrase(), request.getRequestURI(), errors));
  }
}
