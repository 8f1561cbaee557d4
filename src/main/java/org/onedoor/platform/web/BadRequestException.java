package org.onedoor.platform.web;

import java.util.List;

/**
 * A request that names bad input: answered with HTTP 400 and one entry per offending field.
 * Throw it from controllers and services; {@link ApiExceptionHandler} renders it.
 */
public class BadRequestException extends RuntimeException {

  private final List<FieldError> errors;

  public BadRequestException(String field, String reason) {
    this(List.of(new FieldError(field, reason)));
  }

  public BadRequestException(List<FieldError> errors) {
    super(errors.isEmpty() ? "bad request" : errors.get(0).field() + ": " + errors.get(0).reason());
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a bad request names at least one field");
    }
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** One offending field and why, in words a user can act on. */
  public record FieldError(String field, String reason) {}
}
