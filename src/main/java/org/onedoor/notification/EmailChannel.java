package org.onedoor.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.onedoor.platform.PersonNames;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP (Spring Mail; the server is {@code spring.mail.*}, set from ONEDOOR_SMTP_HOST,
 * _PORT, _USER, _PASSWORD). Plain text in UTF-8 to the address in the user's Camunda profile. A server
 * that is down or refuses is a retryable failure; a user without an address, or an address the mail
 * library cannot parse, is a permanent one. The password never appears in a reason.
 */
@Component
class EmailChannel {

  private final ObjectProvider<JavaMailSender> mail;
  private final NotificationProperties properties;
  private final Recipients recipients;
  private final PersonNames names;
  private final String preferencesPage;

  EmailChannel(ObjectProvider<JavaMailSender> mail, NotificationProperties properties, Recipients recipients,
      PersonNames names,
      @Value("${onedoor.public-base-url:http://localhost:8080}") String publicBaseUrl) {
    this.mail = mail;
    this.properties = properties;
    this.recipients = recipients;
    this.names = names;
    String base = publicBaseUrl.strip();
    this.preferencesPage = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/staff/notifications";
  }

  /** Whether an SMTP server is configured (no host: no e-mail is queued at all). */
  boolean configured() {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender instanceof JavaMailSenderImpl impl) {
      return impl.getHost() != null && !impl.getHost().isBlank();
    }
    return sender != null;
  }

  /** A message ready to go, with the delivery it belongs to. */
  record Mail(NotificationOutbox.Delivery delivery, MimeMessage message) {}

  /** The mail of one message; a permanent {@link DeliveryException} when it cannot be written or addressed. */
  Mail prepare(NotificationOutbox.Delivery d) throws DeliveryException {
    String text = greeting(d.recipient()) + d.body() + footer();
    return new Mail(d, message(d.recipient(), "【onedoor】" + d.title(), text));
  }

  /** One mail for the e-mails held over the day's limit. */
  Mail prepareDigest(NotificationOutbox.Delivery d, List<NotificationOutbox.Notification> items) throws DeliveryException {
    StringBuilder text = new StringBuilder(greeting(d.recipient()))
        .append("今天的提醒超过 ").append(properties.email().maxPerDay())
        .append(" 封，其余 ").append(items.size()).append(" 条汇总如下（站内“我的提醒”中可逐条查看）：\n");
    int i = 1;
    for (NotificationOutbox.Notification n : items) {
      text.append("\n").append(i++).append(". ").append(n.title()).append("\n");
      for (String line : n.body().split("\n")) {
        text.append("   ").append(line).append("\n");
      }
    }
    return new Mail(d, message(d.recipient(), "【onedoor】提醒汇总（" + items.size() + " 条）",
        text.append(footer()).toString()));
  }

  /**
   * Sends the mails over one SMTP connection (a connection per mail made the server's greeting and login
   * the cost of every reminder). Returns the failures by delivery id; a mail not among them was accepted.
   * A server that is down, refuses the login or one recipient is a retryable failure of the mails concerned.
   */
  Map<Long, DeliveryException> sendAll(List<Mail> mails) {
    Map<Long, DeliveryException> failures = new HashMap<>();
    if (mails.isEmpty()) {
      return failures;
    }
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null || !configured()) {
      mails.forEach(m -> failures.put(m.delivery().id(), new DeliveryException("未配置邮件服务器（ONEDOOR_SMTP_HOST）", false)));
      return failures;
    }
    try {
      sender.send(mails.stream().map(Mail::message).toArray(MimeMessage[]::new));
    } catch (MailAuthenticationException e) {
      mails.forEach(m -> failures.put(m.delivery().id(),
          new DeliveryException("邮件服务器拒绝登录（请检查 ONEDOOR_SMTP_USER、ONEDOOR_SMTP_PASSWORD）", false)));
    } catch (MailSendException e) {
      Map<Object, Exception> failed = e.getFailedMessages();
      for (Mail m : mails) {
        Exception cause = failed.isEmpty() ? e : failed.get(m.message());
        if (cause != null) {
          failures.put(m.delivery().id(), new DeliveryException("邮件发送失败：" + safe(cause), false));
        }
      }
    } catch (MailException e) {
      mails.forEach(m -> failures.put(m.delivery().id(), new DeliveryException("邮件发送失败：" + safe(e), false)));
    }
    return failures;
  }

  private MimeMessage message(String userId, String subject, String text) throws DeliveryException {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null || !configured()) {
      throw new DeliveryException("未配置邮件服务器（ONEDOOR_SMTP_HOST）", false);
    }
    String address = recipients.email(userId).orElseThrow(() -> new DeliveryException("用户没有电子邮箱地址", true));
    try {
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(properties.email().from());
      helper.setTo(address);
      helper.setSubject(subject);
      helper.setText(text, false);
      return message;
    } catch (MessagingException | MailParseException | MailPreparationException e) {
      throw new DeliveryException("邮件无法生成：" + safe(e), true);
    }
  }

  private String greeting(String userId) {
    return names.name(userId) + "，您好：\n\n";
  }

  private String footer() {
    return "\n\n—— onedoor 双随机、一公开联合检查系统（自动发送，请勿回复）\n"
        + "在“我的提醒”中查看全部提醒、修改提醒方式：" + preferencesPage + "\n";
  }

  /** The exception's message without the SMTP password, should the library ever include it. */
  private String safe(Exception e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    JavaMailSender sender = mail.getIfAvailable();
    if (sender instanceof JavaMailSenderImpl impl && impl.getPassword() != null && !impl.getPassword().isEmpty()) {
      text = text.replace(impl.getPassword(), "***");
    }
    return text.replaceAll("\\s+", " ");
  }
}
