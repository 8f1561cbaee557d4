package org.onedoor.notification;

/**
 * A message could not be sent. Retryable by default (a channel that is down comes back); permanent
 * when trying again cannot help (no address, no robot configured). The message is a reason safe to
 * store and log: never an address with its token, a secret or a password.
 */
public class DeliveryException extends Exception {

  private final boolean permanent;

  public DeliveryException(String reason, boolean permanent) {
    super(reason);
    this.permanent = permanent;
  }

  public boolean permanent() {
    return permanent;
  }
}
