package org.onedoor.notification;

/** Where a notification reaches a person. In-app is the notification row itself and always on. */
public enum Channel {
  IN_APP("in_app"),
  EMAIL("email"),
  WEBHOOK("webhook");

  private final String tag;

  Channel(String tag) {
    this.tag = tag;
  }

  /** The metrics tag (onedoor_notifications_sent_total{channel="email"}). */
  public String tag() {
    return tag;
  }
}
