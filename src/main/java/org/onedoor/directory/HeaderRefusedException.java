package org.onedoor.directory;

/** A file whose header row an import cannot read: refused before anything is written, with the reason in Chinese. */
public final class HeaderRefusedException extends Exception {

  public HeaderRefusedException(String reason) {
    super(reason);
  }
}
