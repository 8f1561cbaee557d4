package org.onedoor.draw;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The public record of one entity draw, served as JSON at {@code GET /public/api/draws/{id}} once
 * the draw has happened, and read back by {@link VerifyDraw}. Field names and order are the
 * published format of {@value DrawAlgorithmV1#NAME} and {@value DrawAlgorithmV1#V2}; {@code ratio} is a
 * decimal string so that it survives JSON exactly, {@code beacon} is {@code null} when the plan opted
 * out of a beacon (the seed then uses the empty string), {@code drawnAt} is ISO-8601 UTC. A
 * {@value DrawAlgorithmV1#V2} stratum also names the rule row of {@code sampling-ratio.dmn} behind it
 * ({@code rule}) and where its ratio came from ({@code ratioSource}); a v1 stratum has neither, so a v1
 * record reads and writes exactly as it was published.
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

  /**
   * One stratum: population sorted by byte order, selected in key order; in v2 with the rule row that
   * gave its ratio and yearly cap, and {@code ratioSource}: {@value #FROM_RULE} (the rule's ratio),
   * {@value #FROM_PLAN} (the plan's own ratio for the credit class) or {@value #FROM_FLOOR} (raised to
   * the legal floor of public-information checks).
   */
  @JsonPropertyOrder({"name", "ratio", "rule", "ratioSource", "population", "selected"})
  public record Stratum(String name, String ratio,
      @JsonInclude(JsonInclude.Include.NON_NULL) Rule rule,
      @JsonInclude(JsonInclude.Include.NON_NULL) String ratioSource,
      List<String> population, List<String> selected) {
    public Stratum {
      population = List.copyOf(population);
      selected = List.copyOf(selected);
    }

    /** A v1 stratum. */
    public Stratum(String name, String ratio, List<String> population, List<String> selected) {
      this(name, ratio, null, null, population, selected);
    }
  }

  public static final String FROM_RULE = "rule";
  public static final String FROM_PLAN = "plan";
  public static final String FROM_FLOOR = "floor";

  /**
   * The rule row behind a v2 stratum: the decision's key and deployed version, the rule's id and its
   * row (from 1), and what the row says — the ratio (exact decimal) and the yearly cap per business.
   * Which credit class and risk level a row matches is in the (internal) table, not in the record.
   */
  @JsonPropertyOrder({"decision", "version", "id", "row", "ratio", "yearlyCap"})
  public record Rule(String decision, int version, String id, int row, String ratio, int yearlyCap) {}

  /** What the public sees before the draw: the commitment, never the nonce. */
  @JsonPropertyOrder({"algorithm", "planNumber", "batch", "commitment"})
  public record Commitment(String algorithm, String planNumber, int batch, String commitment) {

    /**
     * The commitment published with the plan, from the secret nonce kept for the draw; it names the version
     * new batches are drawn with (the commitment itself, SHA-256 of the nonce, is the same in both).
     */
    public static Commitment of(String planNumber, int batch, byte[] nonce) {
      return new Commitment(
          DrawAlgorithmV1.V2, planNumber, batch, DrawAlgorithmV1.commitment(nonce));
    }
  }

  /** The view of this draw that may be published before it happens. */
  public Commitment beforeDraw() {
    return new Commitment(algorithm, planNumber, batch, commitment);
  }
}
