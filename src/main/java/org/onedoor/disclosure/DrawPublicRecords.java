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
 * Where the draw page reads a published draw record: today {@link DrawService#publicJson} (the
 * public {@code draw_publication} table, exactly what {@code GET /public/api/draws/{id}} serves);
 * the one place to switch to the disclosure projection ({@code public_draw}, filled from
 * {@code draw.DrawPublished}) once it exists. Never reads the nonce from anywhere else: before the
 * draw the public JSON has none.
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

  private final DrawService draws;
  private final ObjectMapper json;

  public DrawPublicRecords(DrawService draws, ObjectMapper json) {
    this.draws = draws;
    this.json = json;
  }

  public Optional<DrawView> find(String id) {
    Matcher m = ID.matcher(id);
    if (!m.matches()) {
      return Optional.empty();
    }
    return draws.publicJson(id).map(body -> {
      JsonNode record;
      try {
        record = json.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("the public record of draw " + id + " is not JSON", e);
      }
      String plan = record.hasNonNull("planNumber") ? record.get("planNumber").asText() : m.group(1);
      int batch = record.hasNonNull("batch") ? record.get("batch").asInt() : Integer.parseInt(m.group(2));
      return new DrawView(id, plan, batch, body, record);
    });
  }
}
