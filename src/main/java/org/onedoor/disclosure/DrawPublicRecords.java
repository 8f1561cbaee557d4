package org.onedoor.disclosure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.onedoor.draw.DrawService;
import org.springframework.stereotype.Component;

/**
 * Where the draw page reads a published draw record: the disclosure projection ({@code public_draw},
 * filled from {@code draw.DrawPublished} by {@link DisclosureProjection}), through
 * {@link PublicRecords#drawRecordJson}. The projection holds a draw once it is drawn; before that the
 * only public record of a batch is its commitment, which the draw feature serves at
 * {@code GET /public/api/draws/{id}} ({@link DrawService#publicJson}, never with a nonce), so the page
 * falls back to that public record for a committed, not yet drawn batch and shows it as 尚未抽取.
 */
@Component
public class DrawPublicRecords {

  /** Draw ids are {@code {planNumber}-b{batch}} (see {@link DrawService#drawId}). */
  private static final Pattern ID = Pattern.compile("(.+)-b([1-9][0-9]{0,8})");

  /** One published draw as the public sees it; {@code json} is the public record verbatim. */
  public record DrawView(String id, String planNumber, int batch, String json, JsonNode record) {

    /** The nonce is revealed by the draw, and only then. */
    public boolean drawn() {
      return record.hasNonNull("nonce") && record.hasNonNull("seed");
    }

    public Optional<String> text(String field) {
      JsonNode value = record.get(field);
      return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
  }

  private final PublicRecords records;
  private final DrawService draws;
  private final ObjectMapper json;

  public DrawPublicRecords(PublicRecords records, DrawService draws, ObjectMapper json) {
    this.records = records;
    this.draws = draws;
    this.json = json;
  }

  public Optional<DrawView> find(String id) {
    Matcher m = ID.matcher(id);
    if (!m.matches()) {
      return Optional.empty();
    }
    Optional<String> published = records.drawRecordJson(id);
    Optional<String> found = published.isPresent() ? published : draws.publicJson(id);
    return found.map(body -> {
      JsonNode record;
      try {
        record = json.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("the public record of draw " + id + " is not JSON", e);
      }
      String plan = record.hasNonNull("planNumber") ? record.get("planNumber").asText() : m.group(1);
      int batch = record.hasNonNull("batch") ? record.get("batch").asInt() : Integer.parseInt(m.group(2));
      return new DrawView(id, plan, batch, body, record);
    }).filter(view -> published.isPresent() || !view.drawn());
  }
}
