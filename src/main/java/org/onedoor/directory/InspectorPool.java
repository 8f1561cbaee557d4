package org.onedoor.directory;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The directories as inspector matching sees them: the inspectors of some departments, the units
 * of some entities and the conflicts between them. No personal data leaves through here.
 */
@Service
public class InspectorPool {

  public record PoolInspector(String staffNumber, String department, String unit, boolean active,
      Set<String> qualifications, java.time.LocalDate certificateExpiry) {}

  public record Pair(String staffNumber, String uscc) {}

  private static final int IN_CHUNK = 1000;

  private final JdbcClient jdbc;

  public InspectorPool(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<PoolInspector> inspectorsOf(Collection<String> departments) {
    if (departments.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT staff_number, department, unit, active, qualifications, certificate_expiry"
            + " FROM directory_inspector WHERE department IN (:d) ORDER BY staff_number")
        .param("d", List.copyOf(departments))
        .query((rs, n) -> {
          String q = rs.getString("qualifications");
          Date expiry = rs.getDate("certificate_expiry");
          return new PoolInspector(rs.getString("staff_number"), rs.getString("department"), rs.getString("unit"),
              rs.getBoolean("active"),
              q == null || q.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(q.split(InspectorDirectory.LIST_SEPARATOR))),
              expiry == null ? null : expiry.toLocalDate());
        })
        .list();
  }

  /** The supervising unit (所) of each entity; entities unknown to the directory are absent. */
  public Map<String, String> unitsOf(Collection<String> usccs) {
    Map<String, String> units = new HashMap<>();
    for (List<String> chunk : chunks(usccs)) {
      jdbc.sql("SELECT uscc, unit FROM directory_entity WHERE uscc IN (:u)").param("u", chunk)
          .query(rs -> {
            String unit = rs.getString("unit");
            units.put(rs.getString("uscc"), unit == null || unit.isEmpty() ? null : unit);
          });
    }
    return units;
  }

  public List<Pair> conflictsWith(Collection<String> usccs) {
    List<Pair> pairs = new ArrayList<>();
    for (List<String> chunk : chunks(usccs)) {
      pairs.addAll(jdbc.sql("SELECT staff_number, uscc FROM directory_conflict WHERE uscc IN (:u)")
          .param("u", chunk)
          .query((rs, n) -> new Pair(rs.getString("staff_number"), rs.getString("uscc")))
          .list());
    }
    return pairs;
  }

  private static List<List<String>> chunks(Collection<String> values) {
    List<String> all = List.copyOf(values);
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < all.size(); i += IN_CHUNK) {
      chunks.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
    }
    return chunks;
  }
}
