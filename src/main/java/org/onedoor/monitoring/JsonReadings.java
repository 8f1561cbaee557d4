package org.onedoor.monitoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;

/**
 * The body of {@code POST /api/v1/monitoring/records} read element by element with Jackson's streaming
 * parser (no tree: a request holds thousands of readings), so that a bad element is named by its index and
 * field rather than failing the whole body: an object with exactly the fields {@code source}, {@code uscc},
 * {@code indicator}, {@code value} (a number, or a number as text) and {@code measuredAt}. A body that is not
 * a JSON array of at most {@code max} elements is refused whole (400 {@code records}).
 */
final class JsonReadings {

  static final Set<String> FIELDS = Set.of("source", "uscc", "indicator", "value", "measuredAt");
  private static final JsonFactory JSON = new JsonFactory();

  /** The good readings with their index, the refusals (index, field, reason), and how many elements there were. */
  record Parsed(List<MonitoringIntake.Candidate> candidates, List<MonitoringIntake.Refusal> refused, int elements) {
    /** How many elements were refused. */
    int refusedElements() {
      return (int) refused.stream().mapToLong(MonitoringIntake.Refusal::position).distinct().count();
    }
  }

  private JsonReadings() {}

  static Parsed parse(byte[] body, int max, ReadingParser parser, Instant now) {
    String shape = "请求体应为监测数据的 JSON 数组（1–" + max + " 条）";
    List<MonitoringIntake.Candidate> candidates = new ArrayList<>();
    List<MonitoringIntake.Refusal> refused = new ArrayList<>();
    int index = 0;
    try (JsonParser json = JSON.createParser(body)) {
      if (json.nextToken() != JsonToken.START_ARRAY) {
        throw new BadRequestException("records", shape);
      }
      for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken(), index++) {
        if (token == null) {
          throw new BadRequestException("body", "请求体不是完整的 JSON (malformed JSON)");
        }
        if (index >= max) {
          throw new BadRequestException("records", "一次最多提交 " + max + " 条；请分批提交");
        }
        if (token != JsonToken.START_OBJECT) {
          json.skipChildren();
          refused.add(new MonitoringIntake.Refusal(index, "", "应为对象 {source, uscc, indicator, value, measuredAt}"));
          continue;
        }
        element(json, index, parser, now, candidates, refused);
      }
      if (json.nextToken() != null) {
        throw new BadRequestException("body", "JSON 数组之后还有内容");
      }
    } catch (JsonParseException e) {
      throw new BadRequestException("body", "请求体不是有效的 JSON (malformed JSON)");
    } catch (IOException e) {
      throw new BadRequestException("body", "无法读取请求体");
    }
    if (index == 0) {
      throw new BadRequestException("records", shape);
    }
    return new Parsed(candidates, refused, index);
  }

  /** One object, from after its START_OBJECT to its END_OBJECT. */
  private static void element(JsonParser json, int index, ReadingParser parser, Instant now,
      List<MonitoringIntake.Candidate> candidates, List<MonitoringIntake.Refusal> refused) throws IOException {
    String source = null;
    String uscc = null;
    String indicator = null;
    Object value = null;
    String measuredAt = null;
    int before = refused.size();
    for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
      String name = json.currentName();
      JsonToken v = json.nextToken();
      if (!FIELDS.contains(name)) {
        json.skipChildren();
        refused.add(new MonitoringIntake.Refusal(index, name, "未知字段（可用：source、uscc、indicator、value、measuredAt）"));
        continue;
      }
      String text;
      if (v == JsonToken.VALUE_NULL) {
        text = null;
      } else if (v.isScalarValue()) {
        text = json.getText();
      } else {
        json.skipChildren();
        text = "（" + (v == JsonToken.START_ARRAY ? "数组" : "对象") + "）";
      }
      switch (name) {
        case "source" -> source = text;
        case "uscc" -> uscc = text;
        case "indicator" -> indicator = text;
        case "measuredAt" -> measuredAt = text;
        default -> value = v.isNumeric() ? (Object) json.getDoubleValue() : text;
      }
    }
    ReadingParser.Parsed parsed = parser.parse(source, uscc, indicator, value, measuredAt, now, "");
    for (FieldError e : parsed.errors()) {
      refused.add(new MonitoringIntake.Refusal(index, e.field(), e.reason()));
    }
    if (refused.size() == before) {
      candidates.add(new MonitoringIntake.Candidate(index, parsed.reading()));
    }
  }
}
