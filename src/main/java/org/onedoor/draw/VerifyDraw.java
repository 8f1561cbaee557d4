package org.onedoor.draw;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replays a published {@code onedoor-draw-v1} or {@code onedoor-draw-v2} record without the server and
 * without the database:
 *
 * <pre>java src/main/java/org/onedoor/draw/VerifyDraw.java draw.json</pre>
 *
 * <p>Prints {@code MATCH} and exits 0, or {@code MISMATCH: <the first difference>} and exits 1; an
 * unreadable file, malformed JSON or a file that is not a draw record exits 2.
 *
 * <p>This file is run by Java's single-file source launcher, so it may use nothing but the JDK and
 * must not refer to any other class of the project. That is why it has its own small JSON reader
 * and repeats, on purpose, the few lines of hashing that {@link DrawAlgorithmV1} also has: the
 * duplicate is a second, independent reading of the published algorithm, and a verifier that
 * borrowed the server's code would only check the server against itself.
 *
 * <p>v2 computes as v1, with "onedoor-draw-v2" at the start of the seed text, and every stratum also
 * names its rule row: {@code "rule": {"decision","version","id","row","ratio","yearlyCap"}} and {@code
 * "ratioSource"}: {@code rule} (the stratum's ratio is the row's), {@code plan} (the plan's own ratio) or
 * {@code floor} (raised above the row's ratio to the legal floor). Strata names are unique. A v1 record
 * has neither field and is verified as it always was.
 */
public final class VerifyDraw {

  static final String ALGORITHM = "onedoor-draw-v1";
  static final String ALGORITHM_V2 = "onedoor-draw-v2";

  private VerifyDraw() {}

  /** The outcome: {@code match}, or the first difference found. */
  public record Result(boolean match, String difference) {
    static Result ok() {
      return new Result(true, null);
    }

    static Result mismatch(String difference) {
      return new Result(false, difference);
    }

    /** What the command prints. */
    public String line() {
      return match ? "MATCH" : "MISMATCH: " + difference;
    }
  }

  /** The input is not a draw record at all (exit code 2). */
  public static final class UnreadableException extends RuntimeException {
    UnreadableException(String message) {
      super(message);
    }
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: java VerifyDraw.java <draw.json>");
      System.exit(2);
    }
    String json;
    try {
      json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      System.out.println("UNREADABLE: " + args[0] + ": " + e);
      System.exit(2);
      return;
    }
    Result result;
    try {
      result = verify(json);
    } catch (UnreadableException e) {
      System.out.println("UNREADABLE: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println(result.line());
    System.exit(result.match() ? 0 : 1);
  }

  /**
   * Verifies a draw record given as JSON text.
   *
   * @throws UnreadableException when the text is not JSON or not shaped like a draw record
   */
  public static Result verify(String json) {
    Map<String, Object> record = object(new Json(json).document(), "the record");

    String algorithm = string(record, "algorithm");
    if (!ALGORITHM.equals(algorithm) && !ALGORITHM_V2.equals(algorithm)) {
      return Result.mismatch(
          "algorithm is \"" + algorithm + "\", this verifier knows " + ALGORITHM + " and " + ALGORITHM_V2);
    }
    boolean v2 = ALGORITHM_V2.equals(algorithm);
    String planNumber = string(record, "planNumber");
    BigDecimal batchNumber = number(record, "batch");
    int batch;
    try {
      batch = batchNumber.intValueExact();
    } catch (ArithmeticException e) {
      return Result.mismatch("batch " + batchNumber + " is not a whole number");
    }
    if (batch < 1) {
      return Result.mismatch("batch " + batch + " is below 1");
    }
    String commitment = string(record, "commitment");
    String nonceHex = string(record, "nonce");
    // a plan that opted out of a beacon has "beacon": null, and the seed uses ""
    String beacon = field(record, "beacon") == null ? "" : string(record, "beacon");
    String populationHash = string(record, "populationHash");
    String seedHex = string(record, "seed");
    List<Object> strataJson = array(record, "strata");

    // 1. the nonce is the one committed to at publication
    if (!nonceHex.matches("[0-9a-f]{64}")) {
      return Result.mismatch("nonce is not 64 lower-case hex digits (32 bytes)");
    }
    String recomputedCommitment = hex(sha256(unhex(nonceHex)));
    if (!recomputedCommitment.equals(commitment)) {
      return Result.mismatch(
          "commitment: record says " + commitment + ", SHA-256(nonce) is " + recomputedCommitment);
    }

    // 2. the population is the one whose hash was published at freezing
    List<String> names = new ArrayList<>();
    List<BigDecimal> ratios = new ArrayList<>();
    List<List<String>> populations = new ArrayList<>();
    List<List<String>> selections = new ArrayList<>();
    List<String> union = new ArrayList<>();
    for (int i = 0; i < strataJson.size(); i++) {
      Map<String, Object> stratum = object(strataJson.get(i), "strata[" + i + "]");
      names.add(string(stratum, "name"));
      String ratio = string(stratum, "ratio");
      try {
        ratios.add(new BigDecimal(ratio));
      } catch (NumberFormatException e) {
        return Result.mismatch("stratum " + names.get(i) + ": ratio \"" + ratio + "\" is not a decimal");
      }
      if (v2) {
        if (names.indexOf(names.get(i)) != i) {
          return Result.mismatch("stratum name " + names.get(i) + " is used twice");
        }
        String ruleProblem = ruleProblem(stratum, ratios.get(i));
        if (ruleProblem != null) {
          return Result.mismatch("stratum " + names.get(i) + ": " + ruleProblem);
        }
      }
      populations.add(strings(stratum, "population"));
      selections.add(strings(stratum, "selected"));
      union.addAll(populations.get(i));
    }
    // sorted by the bytes of the UTF-8 encoding, joined with "\n", no trailing newline
    List<byte[]> sortedUnion = new ArrayList<>(union.size());
    for (String uscc : union) {
      sortedUnion.add(uscc.getBytes(StandardCharsets.UTF_8));
    }
    sortedUnion.sort(Arrays::compareUnsigned);
    MessageDigest joined = sha256();
    for (int j = 0; j < sortedUnion.size(); j++) {
      if (j > 0) {
        joined.update((byte) '\n');
      }
      joined.update(sortedUnion.get(j));
    }
    String recomputedHash = hex(joined.digest());
    if (!recomputedHash.equals(populationHash)) {
      return Result.mismatch(
          "populationHash: record says "
              + populationHash
              + ", recomputed "
              + recomputedHash
              + " over the "
              + union.size()
              + " USCCs of all strata");
    }
    Map<String, String> stratumOf = new HashMap<>();
    for (int i = 0; i < populations.size(); i++) {
      List<String> population = populations.get(i);
      for (int j = 0; j < population.size(); j++) {
        if (j > 0 && byteOrder(population.get(j - 1), population.get(j)) >= 0) {
          return Result.mismatch(
              "stratum "
                  + names.get(i)
                  + ": population["
                  + j
                  + "] "
                  + population.get(j)
                  + " does not come after population["
                  + (j - 1)
                  + "] "
                  + population.get(j - 1)
                  + " (sorted, no duplicates)");
        }
        String other = stratumOf.putIfAbsent(population.get(j), names.get(i));
        if (other != null) {
          return Result.mismatch(
              "USCC " + population.get(j) + " is in stratum " + other + " and " + names.get(i));
        }
      }
    }

    // 3. the seed
    String seedText =
        algorithm + "\n" + nonceHex + "\n" + beacon + "\n" + populationHash + "\n" + planNumber
            + "\n" + batch;
    byte[] seed = sha256(seedText.getBytes(StandardCharsets.UTF_8));
    if (!hex(seed).equals(seedHex)) {
      return Result.mismatch("seed: record says " + seedHex + ", recomputed " + hex(seed));
    }

    // 4. each stratum: smallest HMAC keys first, ceil(ratio x size) of them
    for (int i = 0; i < populations.size(); i++) {
      String name = names.get(i);
      BigDecimal ratio = ratios.get(i);
      List<String> population = populations.get(i);
      List<String> selected = selections.get(i);
      if (ratio.signum() < 0 || ratio.compareTo(BigDecimal.ONE) > 0) {
        return Result.mismatch("stratum " + name + ": ratio " + ratio.toPlainString() + " is outside [0, 1]");
      }
      int count =
          ratio.multiply(BigDecimal.valueOf(population.size()))
              .setScale(0, RoundingMode.CEILING)
              .intValueExact();
      count = Math.min(count, population.size());
      if (selected.size() != count) {
        return Result.mismatch(
            "stratum "
                + name
                + ": selected has "
                + selected.size()
                + " USCCs, ceil("
                + ratio.toPlainString()
                + " × "
                + population.size()
                + ") = "
                + count);
      }
      List<String> recomputed = smallestKeys(seed, population, count);
      for (int j = 0; j < count; j++) {
        if (!recomputed.get(j).equals(selected.get(j))) {
          return Result.mismatch(
              "stratum "
                  + name
                  + ": selected["
                  + j
                  + "] is "
                  + selected.get(j)
                  + ", recomputed "
                  + recomputed.get(j));
        }
      }
    }
    return Result.ok();
  }

  /**
   * What is wrong with a v2 stratum's rule row, or null: the shape of {@code rule}, and its ratio against
   * the stratum's as {@code ratioSource} says (the row's own, the plan's, or raised to the floor).
   */
  private static String ruleProblem(Map<String, Object> stratum, BigDecimal ratio) {
    Map<String, Object> rule = object(field(stratum, "rule"), "rule");
    string(rule, "decision");
    String id = string(rule, "id");
    BigDecimal version = number(rule, "version");
    BigDecimal row = number(rule, "row");
    BigDecimal cap = number(rule, "yearlyCap");
    String ruleRatio = string(rule, "ratio");
    String source = string(stratum, "ratioSource");
    if (id.isEmpty()) {
      return "rule id is empty";
    }
    if (!wholeAtLeast(version, 1) || !wholeAtLeast(row, 1) || !wholeAtLeast(cap, 0)) {
      return "rule version and row must be whole numbers from 1, yearlyCap from 0";
    }
    BigDecimal fromRule;
    try {
      fromRule = new BigDecimal(ruleRatio);
    } catch (NumberFormatException e) {
      return "rule ratio \"" + ruleRatio + "\" is not a decimal";
    }
    switch (source) {
      case "rule":
        return fromRule.compareTo(ratio) == 0
            ? null
            : "ratio " + ratio.toPlainString() + " is not the rule's " + fromRule.toPlainString()
                + " (ratioSource rule)";
      case "floor":
        return ratio.compareTo(fromRule) > 0
            ? null
            : "ratio " + ratio.toPlainString() + " is not above the rule's " + fromRule.toPlainString()
                + " (ratioSource floor)";
      case "plan":
        return null;
      default:
        return "ratioSource \"" + source + "\" is none of rule, plan, floor";
    }
  }

  private static boolean wholeAtLeast(BigDecimal n, int min) {
    try {
      return n.intValueExact() >= min;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  // ---- the hashing, repeated on purpose (see the class comment) ----

  private static List<String> smallestKeys(byte[] seed, List<String> population, int count) {
    Mac mac;
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(seed, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    List<Map.Entry<byte[], String>> keyed = new ArrayList<>(population.size());
    for (String uscc : population) {
      keyed.add(Map.entry(mac.doFinal(uscc.getBytes(StandardCharsets.UTF_8)), uscc));
    }
    keyed.sort(
        (a, b) -> {
          int c = Arrays.compareUnsigned(a.getKey(), b.getKey());
          return c != 0 ? c : byteOrder(a.getValue(), b.getValue());
        });
    List<String> out = new ArrayList<>(count);
    for (int j = 0; j < count; j++) {
      out.add(keyed.get(j).getValue());
    }
    return out;
  }

  private static byte[] sha256(byte[] data) {
    return sha256().digest(data);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int byteOrder(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }

  private static byte[] unhex(String hex) {
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  // ---- the record's shape ----

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new UnreadableException(what + " is not a JSON object");
    }
    return (Map<String, Object>) value;
  }

  private static Object field(Map<String, Object> obj, String name) {
    if (!obj.containsKey(name)) {
      throw new UnreadableException("field \"" + name + "\" is missing");
    }
    return obj.get(name);
  }

  private static String string(Map<String, Object> obj, String name) {
    Object v = field(obj, name);
    if (!(v instanceof String)) {
      throw new UnreadableException("field \"" + name + "\" is not a string");
    }
    return (String) v;
  }

  private static BigDecimal number(Map<String, Object> obj, String name) {
    Object v = field(obj, name);
    if (!(v instanceof BigDecimal)) {
      throw new UnreadableException("field \"" + name + "\" is not a number");
    }
    return (BigDecimal) v;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> array(Map<String, Object> obj, String name) {
    Object v = field(obj, name);
    if (!(v instanceof List)) {
      throw new UnreadableException("field \"" + name + "\" is not an array");
    }
    return (List<Object>) v;
  }

  private static List<String> strings(Map<String, Object> obj, String name) {
    List<Object> values = array(obj, name);
    List<String> out = new ArrayList<>(values.size());
    for (Object v : values) {
      if (!(v instanceof String)) {
        throw new UnreadableException("field \"" + name + "\" holds a value that is not a string");
      }
      out.add((String) v);
    }
    return out;
  }

  // ---- a small JSON reader (RFC 8259): objects, arrays, strings, numbers, true, false, null ----

  /** Objects become LinkedHashMap, arrays ArrayList, numbers BigDecimal, null Java null. */
  static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Object document() {
      if (s.startsWith("\uFEFF")) {
        i = 1;
      }
      Object v = value();
      space();
      if (i != s.length()) {
        throw error("text after the JSON value");
      }
      return v;
    }

    private Object value() {
      space();
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(i);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("unexpected '" + c + "'");
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> out = new LinkedHashMap<>();
      i++;
      space();
      if (peek() == '}') {
        i++;
        return out;
      }
      while (true) {
        space();
        if (peek() != '"') {
          throw error("expected a field name");
        }
        String key = string();
        space();
        expect(':');
        Object v = value();
        // a repeated field could be read differently by different readers: refuse it
        if (out.containsKey(key)) {
          throw error("field \"" + key + "\" repeated");
        }
        out.put(key, v);
        space();
        char c = next();
        if (c == '}') {
          return out;
        }
        if (c != ',') {
          throw error("expected ',' or '}'");
        }
      }
    }

    private List<Object> array() {
      List<Object> out = new ArrayList<>();
      i++;
      space();
      if (peek() == ']') {
        i++;
        return out;
      }
      while (true) {
        out.add(value());
        space();
        char c = next();
        if (c == ']') {
          return out;
        }
        if (c != ',') {
          throw error("expected ',' or ']'");
        }
      }
    }

    private String string() {
      i++;
      StringBuilder sb = null;
      int start = i;
      while (true) {
        if (i >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(i);
        if (c == '"') {
          String tail = s.substring(start, i++);
          return sb == null ? tail : sb.append(tail).toString();
        }
        if (c < 0x20) {
          throw error("control character in string");
        }
        if (c != '\\') {
          i++;
          continue;
        }
        if (sb == null) {
          sb = new StringBuilder();
        }
        sb.append(s, start, i);
        i++;
        char e = next();
        switch (e) {
          case '"':
          case '\\':
          case '/':
            sb.append(e);
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'n':
            sb.append('\n');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'u':
            if (i + 4 > s.length()) {
              throw error("short \\u escape");
            }
            int code = 0;
            for (int k = 0; k < 4; k++) {
              int d = Character.digit(s.charAt(i + k), 16);
              if (d < 0) {
                throw error("bad \\u escape");
              }
              code = code * 16 + d;
            }
            sb.append((char) code);
            i += 4;
            break;
          default:
            throw error("bad escape \\" + e);
        }
        start = i;
      }
    }

    private BigDecimal number() {
      int start = i;
      if (peek() == '-') {
        i++;
      }
      if (peek() == '0') {
        i++;
      } else {
        digits();
      }
      if (peek() == '.') {
        i++;
        digits();
      }
      if (peek() == 'e' || peek() == 'E') {
        i++;
        if (peek() == '+' || peek() == '-') {
          i++;
        }
        digits();
      }
      return new BigDecimal(s.substring(start, i));
    }

    private void digits() {
      int start = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (i == start) {
        throw error("expected a digit");
      }
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, i)) {
        throw error("unexpected word");
      }
      i += word.length();
      return value;
    }

    private void space() {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        i++;
      }
    }

    private char peek() {
      return i < s.length() ? s.charAt(i) : '\0';
    }

    private char next() {
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      return s.charAt(i++);
    }

    private void expect(char c) {
      if (next() != c) {
        throw error("expected '" + c + "'");
      }
    }

    private UnreadableException error(String what) {
      return new UnreadableException("not valid JSON at character " + i + ": " + what);
    }
  }
}
