package org.onedoor.directory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The directory as a draw sees it: every entity matching a plan's population filter, with what
 * decides its stratum and eligibility. Streams rows: a city has tens of thousands.
 */
@Service
public class EntityPopulation {

  /** The fields a draw needs of one entity. */
  public record Candidate(String uscc, String creditClass, String riskLevel, String status, String unit,
      List<String> tags) {}

  /**
   * A filter; an empty list means "any". Tags match when the entity has any of them. {@code
   * commitmentOnly}: only entities registered with a credit commitment.
   */
  public record Filter(
      List<String> categories,
      List<String> subcategories,
      List<String> types,
      List<String> regions,
      List<String> tags,
      List<String> statuses,
      boolean commitmentOnly) {}

  private final JdbcClient jdbc;

  public EntityPopulation(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void forEach(Filter filter, Consumer<Candidate> consumer) {
    StringBuilder sql = new StringBuilder(
        "SELECT uscc, credit_class, risk_level, status, unit, tags FROM directory_entity WHERE 1 = 1");
    Map<String, Object> params = new LinkedHashMap<>();
    in(sql, params, "category", filter.categories());
    in(sql, params, "subcategory", filter.subcategories());
    in(sql, params, "type", filter.types());
    in(sql, params, "region", filter.regions());
    in(sql, params, "status", filter.statuses());
    if (filter.commitmentOnly()) {
      sql.append(" AND commitment = TRUE");
    }
    sql.append(" ORDER BY uscc");
    List<String> wantedTags = filter.tags() == null ? List.of() : filter.tags();
    jdbc.sql(sql.toString()).params(params).query(rs -> {
      String tagText = rs.getString("tags");
      List<String> tags = tagText == null || tagText.isEmpty() ? List.of()
          : Arrays.asList(tagText.split(EntityDirectory.TAG_SEPARATOR));
      if (wantedTags.isEmpty() || tags.stream().anyMatch(wantedTags::contains)) {
        consumer.accept(new Candidate(rs.getString("uscc"), rs.getString("credit_class"), rs.getString("risk_level"),
            rs.getString("status"),
            rs.getString("unit"), tags));
      }
    });
  }

  public List<Candidate> list(Filter filter) {
    List<Candidate> all = new ArrayList<>();
    forEach(filter, all::add);
    return all;
  }

  private static void in(StringBuilder sql, Map<String, Object> params, String column, List<String> values) {
    if (values != null && !values.isEmpty()) {
      sql.append(" AND ").append(column).append(" IN (:").append(column).append(")");
      params.put(column, values);
    }
  }
}
