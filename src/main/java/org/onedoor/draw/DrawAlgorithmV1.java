package org.onedoor.draw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The entity draw {@value #NAME}, exactly as published so that anyone can re-implement it
 * (issue 4, item 4; ARCHITECTURE.md "The verifiable draw"). It runs in two steps, as the plan
 * process does:
 *
 * <ol>
 *   <li>{@link #freeze}: on the draw date the eligible population is frozen. Each stratum's
 *       USCCs are sorted ascending by byte order of their UTF-8 encoding. (USCCs are ASCII, where
 *       {@link String#compareTo} is byte order; for any other text it would not be, so the sort
 *       compares UTF-8 bytes.) The plan's <em>one</em> {@code populationHash} is the lower-case
 *       hex SHA-256 of the UTF-8 bytes of the sorted union of all strata's USCCs joined with
 *       {@code "\n"}, no trailing newline. A USCC may appear only once in the whole population.
 *   <li>{@link #draw}: once the beacon is known, {@code seed = SHA-256(UTF-8("onedoor-draw-v1\n"
 *       + nonceHex + "\n" + beacon + "\n" + populationHash + "\n" + planNumber + "\n" + batch))}
 *       (beacon {@code ""} when none, batch decimal from 1); each entity's key is HMAC-SHA256 with
 *       the 32 raw seed bytes as key over the UTF-8 USCC; per stratum the entities are sorted by
 *       key ascending (bytewise, which is the order of the lower-case hex; equal keys, which do not
 *       happen in practice, by USCC) and the first {@code ceil(ratio × size)} are drawn, computed
 *       exactly in decimal.
 * </ol>
 *
 * <p>{@code commitment = SHA-256(nonce bytes)}, published with the plan long before the draw.
 *
 * <p>Results do not depend on whether the keys are computed in parallel. Nothing here is random
 * except {@link #newNonce()}.
 */
public final class DrawAlgorithmV1 {

  public static final String NAME = "onedoor-draw-v1";
  /**
   * Version 2 (issue 15): the same steps and arithmetic, the seed text starting with this name, and
   * every stratum naming its rule row ({@link DrawRecord.Rule}) and ratio source. Strata are formed by
   * the rule rows of credit class × risk level and labelled neutrally (docs/design.md, "Risk in the draw").
   */
  public static final String V2 = "onedoor-draw-v2";
  public static final int NONCE_BYTES = 32;

  /** Below this many entities a stratum's keys are computed on the calling thread. */
  private static final int PARALLEL_THRESHOLD = 20_000;

  private static final int CHUNK = 8_192;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  private DrawAlgorithmV1() {}

  /**
   * One stratum as the plan defines it: a name, a ratio in [0, 1] and its eligible USCCs; for v2 also
   * its rule row and ratio source (null in v1).
   */
  public record StratumInput(String name, BigDecimal ratio, Collection<String> population, DrawRecord.Rule rule,
      String ratioSource) {
    public StratumInput {
      Objects.requireNonNull(name, "name");
      requireRatio(ratio);
      Objects.requireNonNull(population, "population");
    }

    public StratumInput(String name, BigDecimal ratio, Collection<String> population) {
      this(name, ratio, population, null, null);
    }

    public StratumInput(String name, String ratio, Collection<String> population) {
      this(name, parseRatio(ratio), population);
    }
  }

  /** A stratum of the frozen population: its USCCs sorted by byte order (v2: with its rule row). */
  public record FrozenStratum(String name, BigDecimal ratio, List<String> population, DrawRecord.Rule rule,
      String ratioSource) {
    public FrozenStratum(String name, BigDecimal ratio, List<String> population) {
      this(name, ratio, population, null, null);
    }
  }

  /**
   * The frozen population of one plan batch and the hash that is published at freezing; {@code
   * algorithm} is the version the batch will be drawn with ({@code null}, as frozen before v2: v1).
   */
  public record FrozenPopulation(List<FrozenStratum> strata, String populationHash, String algorithm) {
    public FrozenPopulation(List<FrozenStratum> strata, String populationHash) {
      this(strata, populationHash, null);
    }

    /** The algorithm the batch is drawn with. */
    public String algorithmName() {
      return algorithm == null ? NAME : algorithm;
    }
  }

  /** 32 bytes from {@link SecureRandom}: the secret the plan commits to at publication. */
  public static byte[] newNonce() {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return nonce;
  }

  /** Lower-case hex SHA-256 of the nonce bytes. */
  public static String commitment(byte[] nonce) {
    requireNonce(nonce);
    return HEX.formatHex(sha256().digest(nonce));
  }

  /**
   * Sorts each stratum, refuses a USCC that appears twice (within or across strata) and hashes the
   * sorted union.
   */
  public static FrozenPopulation freeze(List<StratumInput> strata) {
    return freeze(NAME, strata);
  }

  /** As {@link #freeze(List)}, for {@code algorithm}; v2 requires every stratum's rule row and ratio source. */
  public static FrozenPopulation freeze(String algorithm, List<StratumInput> strata) {
    requireAlgorithm(algorithm);
    Objects.requireNonNull(strata, "strata");
    Set<String> names = new HashSet<>();
    List<FrozenStratum> frozen = new ArrayList<>(strata.size());
    List<String[]> sorted = new ArrayList<>(strata.size());
    int total = 0;
    for (StratumInput s : strata) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("stratum name repeated: " + s.name());
      }
      String[] usccs = s.population().toArray(String[]::new);
      for (String u : usccs) {
        Objects.requireNonNull(u, "USCC in stratum " + s.name());
      }
      sortByUtf8(usccs);
      for (int i = 1; i < usccs.length; i++) {
        if (usccs[i].equals(usccs[i - 1])) {
          throw new IllegalArgumentException(
              "USCC " + usccs[i] + " appears twice in stratum " + s.name());
        }
      }
      if (V2.equals(algorithm) && (s.rule() == null || !RATIO_SOURCES.contains(s.ratioSource()))) {
        throw new IllegalArgumentException("stratum " + s.name() + ": " + V2 + " needs its rule row and ratio source");
      }
      sorted.add(usccs);
      total += usccs.length;
      frozen.add(V2.equals(algorithm)
          ? new FrozenStratum(s.name(), s.ratio(), List.of(usccs), s.rule(), s.ratioSource())
          : new FrozenStratum(s.name(), s.ratio(), List.of(usccs)));
    }
    String[] union = mergeSorted(sorted, total);
    for (int i = 1; i < union.length; i++) {
      if (union[i].equals(union[i - 1])) {
        throw new IllegalArgumentException("USCC " + union[i] + " appears in two strata");
      }
    }
    return new FrozenPopulation(List.copyOf(frozen), hashSorted(union), NAME.equals(algorithm) ? null : algorithm);
  }

  static final Set<String> RATIO_SOURCES = Set.of(DrawRecord.FROM_RULE, DrawRecord.FROM_PLAN, DrawRecord.FROM_FLOOR);

  private static void requireAlgorithm(String algorithm) {
    if (!NAME.equals(algorithm) && !V2.equals(algorithm)) {
      throw new IllegalArgumentException("unknown algorithm " + algorithm);
    }
  }

  /**
   * Lower-case hex SHA-256 over the given USCCs sorted by byte order and joined with "\n". The
   * caller's collection is not changed; duplicates are hashed as given (use {@link #freeze} to
   * refuse them).
   */
  public static String populationHash(Collection<String> usccs) {
    String[] sorted = usccs.toArray(String[]::new);
    sortByUtf8(sorted);
    return hashSorted(sorted);
  }

  /** The 32 raw seed bytes of {@value #NAME}. */
  public static byte[] seed(
      String nonceHex, String beacon, String populationHash, String planNumber, int batch) {
    return seed(NAME, nonceHex, beacon, populationHash, planNumber, batch);
  }

  /** The 32 raw seed bytes: the seed text starts with the algorithm's name. */
  public static byte[] seed(
      String algorithm, String nonceHex, String beacon, String populationHash, String planNumber, int batch) {
    requireAlgorithm(algorithm);
    requireBatch(batch);
    String text =
        algorithm
            + "\n"
            + Objects.requireNonNull(nonceHex, "nonceHex")
            + "\n"
            + (beacon == null ? "" : beacon)
            + "\n"
            + Objects.requireNonNull(populationHash, "populationHash")
            + "\n"
            + Objects.requireNonNull(planNumber, "planNumber")
            + "\n"
            + batch;
    return sha256().digest(text.getBytes(StandardCharsets.UTF_8));
  }

  /** An entity's key, lower-case hex HMAC-SHA256(seed, UTF-8 USCC). For output and tests. */
  public static String key(byte[] seed, String uscc) {
    return HEX.formatHex(newMac(seed).doFinal(uscc.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code ceil(ratio × size)}, computed exactly; never more than {@code size}. */
  public static int drawCount(BigDecimal ratio, int size) {
    requireRatio(ratio);
    if (size < 0) {
      throw new IllegalArgumentException("size < 0");
    }
    int n = ratio.multiply(BigDecimal.valueOf(size)).setScale(0, RoundingMode.CEILING).intValueExact();
    return Math.min(n, size);
  }

  /**
   * The draw. {@code nonce} is the secret committed to at publication, {@code beacon} the public
   * value entered after the freeze ({@code null} when the plan opted out).
   */
  public static DrawRecord draw(
      FrozenPopulation population,
      String planNumber,
      int batch,
      byte[] nonce,
      String beacon,
      Instant drawnAt) {
    return draw(population, planNumber, batch, nonce, beacon, drawnAt, true);
  }

  /** As above; {@code parallel = false} computes every key on the calling thread (benchmark). */
  static DrawRecord draw(
      FrozenPopulation population,
      String planNumber,
      int batch,
      byte[] nonce,
      String beacon,
      Instant drawnAt,
      boolean parallel) {
    Objects.requireNonNull(population, "population");
    Objects.requireNonNull(drawnAt, "drawnAt");
    requireNonce(nonce);
    String nonceHex = HEX.formatHex(nonce);
    String algorithm = population.algorithmName();
    byte[] seed = seed(algorithm, nonceHex, beacon, population.populationHash(), planNumber, batch);
    List<DrawRecord.Stratum> strata = new ArrayList<>(population.strata().size());
    for (FrozenStratum s : population.strata()) {
      int count = drawCount(s.ratio(), s.population().size());
      List<String> selected = smallestKeys(seed, s.population(), count, parallel);
      strata.add(
          new DrawRecord.Stratum(s.name(), s.ratio().toPlainString(), s.rule(), s.ratioSource(), s.population(),
              selected));
    }
    return new DrawRecord(
        algorithm,
        planNumber,
        batch,
        commitment(nonce),
        nonceHex,
        beacon,
        population.populationHash(),
        HEX.formatHex(seed),
        List.copyOf(strata),
        drawnAt.truncatedTo(ChronoUnit.MILLIS).toString());
  }

  /** The {@code count} USCCs with the smallest keys, in key order. */
  static List<String> smallestKeys(byte[] seed, List<String> usccs, int count, boolean parallel) {
    return smallestKeys(seed, usccs, count, parallel, 0);
  }

  /**
   * The sort is on one primitive {@code long} per entity: the key's first 64 bits, of which the
   * low {@code shift} bits are replaced by the entity's index (shift = bits needed for the index,
   * at least {@code minShift}, which tests raise to force ties). Entities whose remaining prefixes
   * are equal are then put in full key order (and by USCC for equal keys) by recomputing their
   * keys: the result is exactly the order of the full 256-bit keys.
   */
  static List<String> smallestKeys(
      byte[] seed, List<String> usccs, int count, boolean parallel, int minShift) {
    int n = usccs.size();
    if (count == 0 || n == 0) {
      return List.of();
    }
    boolean inParallel = parallel && n >= PARALLEL_THRESHOLD;
    int shift = Math.max(minShift, 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
    if (shift > 63) {
      throw new IllegalArgumentException("shift " + shift);
    }
    long indexMask = (1L << shift) - 1;
    long[] packed = new long[n];
    int chunks = (n + CHUNK - 1) / CHUNK;
    IntStream range = IntStream.range(0, chunks);
    if (inParallel) {
      range = range.parallel();
    }
    range.forEach(
        c -> {
          Mac mac = newMac(seed);
          byte[] out = new byte[32];
          byte[] buf = new byte[64];
          int end = Math.min(n, (c + 1) * CHUNK);
          for (int i = c * CHUNK; i < end; i++) {
            hmac(mac, usccs.get(i), buf, out);
            long prefix = (long) LONGS.get(out, 0);
            packed[i] = (prefix & ~indexMask) | i;
          }
        });
    // Only the first count are needed, and keys are uniform: bucket by the top bits (one counting
    // pass), keep the buckets that hold the first count and sort each of them. Within a bucket the
    // sign bit is the same for all, so signed order there is unsigned (bytewise) order.
    int bucketBits = Math.max(1, Math.min(16, 31 - Integer.numberOfLeadingZeros(n)));
    int buckets = 1 << bucketBits;
    int[] start = new int[buckets + 1];
    for (long p : packed) {
      start[(int) (p >>> (64 - bucketBits)) + 1]++;
    }
    for (int b = 0; b < buckets; b++) {
      start[b + 1] += start[b];
    }
    int last = 0;
    while (start[last + 1] < count) {
      last++;
    }
    int kept = start[last + 1];
    long[] sorted = new long[kept];
    int[] fill = Arrays.copyOf(start, last + 1);
    for (long p : packed) {
      int b = (int) (p >>> (64 - bucketBits));
      if (b <= last) {
        sorted[fill[b]++] = p;
      }
    }
    IntStream bucketRange = IntStream.rangeClosed(0, last);
    if (inParallel) {
      bucketRange = bucketRange.parallel();
    }
    bucketRange.forEach(b -> Arrays.sort(sorted, start[b], start[b + 1]));
    int[] order = new int[kept];
    for (int j = 0; j < kept; j++) {
      order[j] = (int) (sorted[j] & indexMask);
    }
    // equal prefixes (always in one bucket): order the run by the full key (rare unless minShift
    // forces it)
    Mac mac = null;
    for (int j = 0; j < count; ) {
      int e = j + 1;
      long prefix = sorted[j] & ~indexMask;
      while (e < kept && (sorted[e] & ~indexMask) == prefix) {
        e++;
      }
      if (e - j > 1) {
        if (mac == null) {
          mac = newMac(seed);
        }
        sortRunByFullKey(mac, usccs, order, j, e);
      }
      j = e;
    }
    String[] selected = new String[count];
    for (int j = 0; j < count; j++) {
      selected[j] = usccs.get(order[j]);
    }
    return List.of(selected);
  }

  private static void sortRunByFullKey(Mac mac, List<String> usccs, int[] order, int from, int to) {
    record Keyed(byte[] key, int index) {}
    List<Keyed> run = new ArrayList<>(to - from);
    for (int j = from; j < to; j++) {
      byte[] out = new byte[32];
      hmac(mac, usccs.get(order[j]), new byte[64], out);
      run.add(new Keyed(out, order[j]));
    }
    run.sort(
        (a, b) -> {
          int c = Arrays.compareUnsigned(a.key(), b.key());
          return c != 0 ? c : compareUtf8(usccs.get(a.index()), usccs.get(b.index()));
        });
    for (int j = from; j < to; j++) {
      order[j] = run.get(j - from).index();
    }
  }

  /** HMAC of the UTF-8 bytes of {@code uscc} into {@code out}, without allocating for ASCII. */
  static void hmac(Mac mac, String uscc, byte[] buf, byte[] out) {
    int len = uscc.length();
    boolean ascii = len <= buf.length;
    for (int j = 0; ascii && j < len; j++) {
      char ch = uscc.charAt(j);
      if (ch >= 0x80) {
        ascii = false;
      } else {
        buf[j] = (byte) ch;
      }
    }
    try {
      if (ascii) {
        mac.update(buf, 0, len);
      } else {
        mac.update(uscc.getBytes(StandardCharsets.UTF_8));
      }
      mac.doFinal(out, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh HMAC-SHA256 keyed with the raw seed bytes (one per thread). */
  static Mac newMac(byte[] seed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(seed, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Byte order of the UTF-8 encodings; equals {@link String#compareTo} for ASCII strings. */
  static int compareUtf8(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        if (ca < 0x80 && cb < 0x80) {
          return ca - cb;
        }
        return Arrays.compareUnsigned(
            a.substring(i).getBytes(StandardCharsets.UTF_8),
            b.substring(i).getBytes(StandardCharsets.UTF_8));
      }
    }
    return a.length() - b.length();
  }

  static BigDecimal parseRatio(String ratio) {
    Objects.requireNonNull(ratio, "ratio");
    BigDecimal r;
    try {
      r = new BigDecimal(ratio.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("ratio is not a decimal number: " + ratio);
    }
    return requireRatio(r);
  }

  private static BigDecimal requireRatio(BigDecimal ratio) {
    Objects.requireNonNull(ratio, "ratio");
    if (ratio.signum() < 0 || ratio.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("ratio must be within [0, 1]: " + ratio.toPlainString());
    }
    return ratio;
  }

  private static void requireNonce(byte[] nonce) {
    if (nonce == null || nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("nonce must be " + NONCE_BYTES + " bytes");
    }
  }

  private static void requireBatch(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch starts at 1: " + batch);
    }
  }

  private static void sortByUtf8(String[] usccs) {
    boolean ascii = true;
    for (int i = 0; ascii && i < usccs.length; i++) {
      String u = usccs[i];
      for (int j = 0; j < u.length(); j++) {
        if (u.charAt(j) >= 0x80) {
          ascii = false;
          break;
        }
      }
    }
    if (ascii) {
      // String.compareTo compares UTF-16 code units, which for ASCII is byte order
      if (usccs.length >= PARALLEL_THRESHOLD) {
        Arrays.parallelSort(usccs);
      } else {
        Arrays.sort(usccs);
      }
    } else {
      Arrays.sort(usccs, DrawAlgorithmV1::compareUtf8);
    }
  }

  private static String[] mergeSorted(List<String[]> sorted, int total) {
    String[] out = new String[total];
    int[] pos = new int[sorted.size()];
    for (int o = 0; o < total; o++) {
      int best = -1;
      for (int s = 0; s < sorted.size(); s++) {
        if (pos[s] < sorted.get(s).length
            && (best < 0 || compareUtf8(sorted.get(s)[pos[s]], sorted.get(best)[pos[best]]) < 0)) {
          best = s;
        }
      }
      out[o] = sorted.get(best)[pos[best]++];
    }
    return out;
  }

  private static String hashSorted(String[] sorted) {
    MessageDigest md = sha256();
    byte[] newline = {'\n'};
    for (int i = 0; i < sorted.length; i++) {
      if (i > 0) {
        md.update(newline);
      }
      md.update(sorted[i].getBytes(StandardCharsets.UTF_8));
    }
    return HEX.formatHex(md.digest());
  }
}
