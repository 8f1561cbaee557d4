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
 */
public record NotificationPageView(String person, int unread, int total, List<Entry> items, String next) {

  /** One notification; {@code href} is safe to put in a link ({@code SafeHref}). */
  public record Entry(long id, String kind, String title, List<String> lines, String href, String createdAt,
      boolean read) {}
}
