package org.onedoor.platform.web;

import java.util.List;
import org.onedoor.platform.web.BadRequestException.FieldError;

/** Something named in the request does not exist: answered with HTTP 404 in the usual error shape. */
public class NotFoundException extends RuntimeException {

  private final FieldError error;

  public NotFoundException(String field, String reason) {
    super(field + ": " + reason);
    this.error = new FieldError(field, reason);
  }

  public List<FieldError> errors() {
    return List.of(error);
  }
}
