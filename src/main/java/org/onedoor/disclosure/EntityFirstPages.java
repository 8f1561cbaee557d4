package org.onedoor.disclosure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onedoor.disclosure.Disclosures.EntityRecords;
import org.onedoor.disclosure.Disclosures.EntitySummary;
import org.onedoor.disclosure.Disclosures.Page;
import org.onedoor.disclosure.Disclosures.PublicListing;
import org.onedoor.disclosure.Disclosures.PublicResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The first page of every entity page, kept as the public JSON API answers it ({@code public_entity.first_page}):
 * the most read page of the public site becomes one primary-key read instead of three queries and a
 * serialisation. Written in the transaction of every change to the entity's public records (so it is never
 * older than they are); rows from before it existed are filled by a backfill after start-up and read the long
 * way until then. Records are stored as the public sees them: a withdrawn one without its content.
 */
@Component
class EntityFirstPages {

  /** An entity page shows at most this many list decisions (the newest). */
  static final int MAX_LISTINGS = 200;
  private static final int BACKFILL_CHUNK = 500;
  private static final Logger LOG = LoggerFactory.getLogger(EntityFirstPages.class);

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final DisclosureProperties properties;

  EntityFirstPages(JdbcClient jdbc, ObjectMapper json, DisclosureProperties properties) {
    this.jdbc = jdbc;
    this.json = json;
    this.properties = properties;
  }

  /** The stored answer for the first page, when that is what is asked and it is stored (else the long way). */
  Optional<String> stored(String uscc, int page, int size) {
    if (page != 0 || size != properties.pageSize()) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT first_page FROM public_entity WHERE uscc = :u AND first_page_size = :s"
            + " AND first_page IS NOT NULL")
        .param("u", uscc).param("s", size).query(String.class).optional();
  }

  EntityRecords parse(String stored) {
    try {
      return json.readValue(stored, EntityRecords.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("public_entity.first_page unreadable", e);
    }
  }

  /** Writes the entity's first page anew; called after its row was written, in the same transaction. */
  void store(String uscc) {
    int size = properties.pageSize();
    EntityRecords page = build(List.of(uscc), size).get(uscc);
    if (page != null) {
      jdbc.sql("UPDATE public_entity SET first_page = :p, first_page_size = :s WHERE uscc = :u")
          .param("p", write(page)).param("s", size).param("u", uscc).update();
    }
  }

  /**
   * The first pages of these entities read from the projection's rows (results newest first, a page of
   * {@code size} with the count of all; the newest list decisions), as the public sees them.
   */
  Map<String, EntityRecords> build(Collection<String> usccs, int size) {
    Map<String, EntitySummary> entities = new LinkedHashMap<>();
    jdbc.sql("SELECT " + PublicRows.ENTITY_COLUMNS + " FROM public_entity WHERE uscc IN (:u)").param("u", usccs)
        .query(PublicRows::entity).list()
        .forEach(e -> entities.put(e.uscc(), e));
    Map<String, List<PublicResult>> results = new LinkedHashMap<>();
    Map<String, Long> totals = new LinkedHashMap<>();
    jdbc.sql("""
            SELECT * FROM (
              SELECT r.*, ROW_NUMBER() OVER (PARTITION BY uscc ORDER BY completed_on DESC, id DESC) AS nth,
                     COUNT(*) OVER (PARTITION BY uscc) AS of_all
              FROM public_result r WHERE uscc IN (:u) AND current_version = TRUE) x
            WHERE nth <= :limit ORDER BY uscc, nth""")
        .param("u", usccs).param("limit", size + 1)
        .query((rs, n) -> {
          PublicResult r = PublicRows.result(rs, n);
          results.computeIfAbsent(r.uscc(), k -> new ArrayList<>()).add(r.shown(r.withdrawn()));
          totals.put(r.uscc(), rs.getLong("of_all"));
          return r;
        }).list();
    Map<String, List<PublicListing>> listings = new LinkedHashMap<>();
    jdbc.sql("""
            SELECT * FROM (
              SELECT l.*, ROW_NUMBER() OVER (PARTITION BY uscc ORDER BY decided_on DESC, id DESC) AS nth
              FROM public_listing l WHERE uscc IN (:u) AND current_version = TRUE) x
            WHERE nth <= :limit ORDER BY uscc, nth""")
        .param("u", usccs).param("limit", MAX_LISTINGS)
        .query((rs, n) -> {
          PublicListing l = PublicRows.listing(rs, n);
          listings.computeIfAbsent(l.uscc(), k -> new ArrayList<>()).add(l.shown(l.withdrawn()));
          return l;
        }).list();
    Map<String, EntityRecords> pages = new LinkedHashMap<>();
    entities.forEach((uscc, entity) -> pages.put(uscc, new EntityRecords(entity,
        Page.of(results.getOrDefault(uscc, List.of()), 0, size, totals.getOrDefault(uscc, 0L)),
        listings.getOrDefault(uscc, List.of()))));
    return pages;
  }

  /** Fills the rows written before the column existed (or for another page size); returns how many. */
  int backfill() {
    int size = properties.pageSize();
    int filled = 0;
    String after = "";
    while (true) {
      List<String> chunk = jdbc.sql("""
              SELECT uscc FROM public_entity WHERE uscc > :after AND (first_page IS NULL OR first_page_size <> :s)
              ORDER BY uscc LIMIT :chunk""")
          .param("after", after).param("s", size).param("chunk", BACKFILL_CHUNK).query(String.class).list();
      if (chunk.isEmpty()) {
        return filled;
      }
      for (EntityRecords page : build(chunk, size).values()) {
        // a publication meanwhile has written its own (newer) page: leave that one
        filled += jdbc.sql("""
                UPDATE public_entity SET first_page = :p, first_page_size = :s
                WHERE uscc = :u AND (first_page IS NULL OR first_page_size <> :s) AND last_published_at = :at""")
            .param("p", write(page)).param("s", size).param("u", page.entity().uscc())
            .param("at", Timestamp.from(page.entity().lastPublishedAt())).update();
      }
      after = chunk.get(chunk.size() - 1);
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void backfillAfterStart() {
    Thread worker = new Thread(() -> {
      try {
        int filled = backfill();
        if (filled > 0) {
          LOG.info("Stored the first page of {} public entity pages written before it was kept", filled);
        }
      } catch (RuntimeException e) {
        LOG.warn("Backfill of the public entity pages stopped (pages not filled are read the long way): {}",
            e.toString());
      }
    }, "public-entity-pages-backfill");
    worker.setDaemon(true);
    worker.start();
  }

  private String write(EntityRecords page) {
    try {
      return json.writeValueAsString(page);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
