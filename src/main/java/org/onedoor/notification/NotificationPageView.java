package org.onedoor.notification;

import java.util.List;

/**
 * What the staff page {@code /staff/notifications} (template {@code staff/notifications.jte}) shows.
 *
 * @param person the signed-in user's name
 * @param unread how many of their notifications are unread
 * @param total how many they have
 * @param items this page's notifications, unread first
 * @param next the next page's address, or null
 * @param failed for an administrator, the newest messages given up (FAILED) of everybody; null for others
 * @param failedTotal how many messages are FAILED (administrators)
 */
public record NotificationPageView(String person, int unread, int total, List<Entry> items, String next,
    List<Failed> failed, int failedTotal) {

  /** A FAILED message as the administrators' section lists it. */
  public record Failed(long id, String channel, String recipient, String title, int attempts, String lastError,
      String createdAt) {}

  /**
   * One notification; {@code href} is safe to put in a link ({@code SafeHref}), {@code linkLabel} says
   * where it leads; {@code failed}: a message of it could not be delivered (e-mail or robot).
   */
  public record Entry(long id, String kind, String title, List<String> lines, String href, String linkLabel,
      String createdAt, boolean read, boolean failed) {}
}
