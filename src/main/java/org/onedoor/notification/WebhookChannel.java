package org.onedoor.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * A work-messenger robot (DingTalk's format, which 浙政钉-style messengers follow): POST {@code
 * {"msgtype":"markdown","markdown":{"title":…,"text":…}}} to the robot's address with {@code
 * timestamp} and {@code sign} ({@link DingTalkSignature}). Success is HTTP 2xx with {@code errcode} 0
 * (or no errcode); anything else, or no answer within 10 s, is a retryable failure. The robot's address
 * carries its access token and is a secret like the signing secret: neither is logged or stored, a
 * failure's reason names only the target ({@code department:market}).
 */
@Component
class WebhookChannel {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final NotificationProperties properties;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  WebhookChannel(NotificationProperties properties) {
    this.properties = properties;
  }

  void send(NotificationOutbox.Delivery d) throws DeliveryException {
    NotificationProperties.Webhook hook = webhook(d.recipient());
    if (hook == null) {
      throw new DeliveryException("未配置机器人 " + d.recipient(), true);
    }
    String url = DingTalkSignature.signedUrl(hook.url().strip(), hook.secret(), ClockUtil.getCurrentTime().getTime());
    HttpResponse<String> response;
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
          .header("Content-Type", "application/json;charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(body(d), StandardCharsets.UTF_8)).build();
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new DeliveryException("机器人 " + d.recipient() + " 的地址无效", true);
    } catch (IOException e) {
      // the class only: a message could quote the address, which carries the robot's token
      throw new DeliveryException("机器人 " + d.recipient() + " 无法连接（" + e.getClass().getSimpleName() + "）", false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("发送被中断", false);
    }
    if (response.statusCode() / 100 != 2) {
      throw new DeliveryException("机器人 " + d.recipient() + " 返回 HTTP " + response.statusCode(), false);
    }
    JsonNode answer = parse(response.body());
    if (answer != null && answer.hasNonNull("errcode") && answer.get("errcode").asInt() != 0) {
      throw new DeliveryException("机器人 " + d.recipient() + " 拒收：errcode " + answer.get("errcode").asInt() + " "
          + NotificationMessages.clean(answer.path("errmsg").asText(""), 100, ""), false);
    }
  }

  /** The robot of a target, {@code user:<id>} or {@code department:<code>}; null when not configured. */
  NotificationProperties.Webhook webhook(String target) {
    NotificationProperties.Webhooks hooks = properties.webhooks();
    if (target.startsWith("user:")) {
      return hooks.users().get(target.substring("user:".length()));
    }
    if (target.startsWith("department:")) {
      return hooks.departments().get(target.substring("department:".length()));
    }
    return null;
  }

  /** The markdown message: the title as a heading, each line of the text a paragraph, the link a link. */
  String body(NotificationOutbox.Delivery d) throws DeliveryException {
    List<String> lines = new ArrayList<>();
    lines.add("#### " + d.title());
    for (String line : d.body().split("\n")) {
      if (d.link() != null && line.endsWith(d.link())) {
        // "在 Tasklist 中办理：<link>" or "查看详情：<link>": the words become the link
        String label = line.substring(0, line.length() - d.link().length()).replace("：", "").strip();
        lines.add("[" + (label.isEmpty() ? "查看" : label) + "](" + d.link() + ")");
      } else {
        lines.add(line);
      }
    }
    Map<String, Object> markdown = new LinkedHashMap<>();
    markdown.put("title", d.title());
    markdown.put("text", String.join("\n\n", lines));
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("msgtype", "markdown");
    message.put("markdown", markdown);
    try {
      return json.writeValueAsString(message);
    } catch (IOException e) {
      throw new DeliveryException("消息无法生成", true);
    }
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (IOException notJson) {
      return null;
    }
  }
}
