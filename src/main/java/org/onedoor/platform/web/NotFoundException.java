package org.onedoor.platform.web;

/** The named record does not exist (HTTP 404). */
public class NotFoundException extends RuntimeException {
  private final String field;

  public NotFoundException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
