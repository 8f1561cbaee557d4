package org.onedoor.platform.web;

/** The request is valid but clashes with the current state (HTTP 409), e.g. a published version. */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
