package org.onedoor.disclosure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.onedoor.disclosure.Disclosures.DrawChange;
import org.onedoor.disclosure.Disclosures.PublicDraw;
import org.springframework.stereotype.Component;

/**
 * Where the draw page and {@code /public/api/draws} read a published draw: the disclosure projection
 * only ({@code public_draw}, {@code public_draw_change}), written from the draw feature's events by
 * {@link DisclosureProjection}: the commitment ({@code draw.DrawCommitted}, at the plan's
 * publication), the population hash ({@code draw.DrawFrozen}) and the record ({@code draw.DrawPublished})
 * under the same draw id, with its errata and withdrawal.
 */
@Component
public class DrawPublicRecords {

  /**
   * One published draw as the public sees it; {@code json} is the public record verbatim (the
   * commitment before the draw, the whole record after it); {@code draw} what the projection knows
   * of it (state, the commitment published before the draw, changes) and {@code changes} every version.
   */
  public record DrawView(String id, String planNumber, int batch, String json, JsonNode record, PublicDraw draw,
      List<DrawChange> changes) {

    /** A view of a record alone (a saved or generated record, no projection row). */
    public DrawView(String id, String planNumber, int batch, String json, JsonNode record) {
      this(id, planNumber, batch, json, record, null, List.of());
    }

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
  private final ObjectMapper json;

  public DrawPublicRecords(PublicRecords records, ObjectMapper json) {
    this.records = records;
    this.json = json;
  }

  public Optional<DrawView> find(String id) {
    return records.findDraw(id).map(draw -> {
      String body = records.drawRecordJson(id).orElseThrow();
      JsonNode record;
      try {
        record = json.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("the public record of draw " + id + " is not JSON", e);
      }
      return new DrawView(id, draw.planNumber(), draw.batch(), body, record, draw, records.drawChanges(draw));
    });
  }
}
