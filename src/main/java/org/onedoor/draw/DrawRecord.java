package org.onedoor.draw;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The public record of one entity draw, served as JSON at {@code GET /public/api/draws/{id}} once
 * the draw has happened, and read back by {@link VerifyDraw}. Field names and order are the
 * published format of {@value DrawAlgorithmV1#NAME}; {@code ratio} is a decimal string so that it
 * survives JSON exactly, {@code beacon} is {@code null} when the plan opted out of a beacon (the
 * seed then uses the empty string), {@code drawnAt} is ISO-8601 UTC.
 *
 * <p>Before the draw only {@link #beforeDraw()} may be shown: the nonce is secret until then.
 */
@JsonPropertyOrder({
  "algorithm",
  "planNumber",
  "batch",
  "commitment",
  "nonce",
  "beacon",
  "populationHash",
  "seed",
  "strata",
  "drawnAt"
})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DrawRecord(
    String algorithm,
    String planNumber,
    int batch,
    String commitment,
    String nonce,
    String beacon,
    String populationHash,
    String seed,
    List<Stratum> strata,
    String drawnAt) {

  public DrawRecord {
    strata = List.copyOf(strata);
  }

  /** One stratum: population sorted by byte order, selected in key order. */
  @JsonPropertyOrder({"name", "ratio", "population", "selected"})
  public record Stratum(String name, String ratio, List<String> population, List<String> selected) {
    public Stratum {
      population = List.copyOf(population);
      selected = List.copyOf(selected);
    }
  }

  /** What the public sees before the draw: the commitment, never the nonce. */
  @JsonPropertyOrder({"algorithm", "planNumber", "batch", "commitment"})
  public record Commitment(String algorithm, String planNumber, int batch, String commitment) {

    /** The commitment published with the plan, from the secret nonce kept for the draw. */
    public static Commitment of(String planNumber, int batch, byte[] nonce) {
      return new Commitment(
          DrawAlgorithmV1.NAME, planNumber, batch, DrawAlgorithmV1.commitment(nonce));
    }
  }

  /** The view of this draw that may be published before it happens. */
  public Commitment beforeDraw() {
    return new Commitment(algorithm, planNumber, batch, commitment);
  }
}
