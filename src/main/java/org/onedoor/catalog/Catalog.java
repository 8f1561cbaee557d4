package org.onedoor.catalog;

import java.time.Instant;
import java.util.List;

/** The catalogue's records as the API shows them. */
public final class Catalog {

  private Catalog() {}

  public record Version(
      int versionNo,
      String status,
      String note,
      String createdBy,
      Instant createdAt,
      String publishedBy,
      Instant publishedAt,
      long items) {

    public boolean isPublished() {
      return CatalogService.PUBLISHED.equals(status);
    }
  }

  /** An item with everything an inspector checks under it. */
  public record Item(
      String code,
      String name,
      String checklistCode,
      String checklistName,
      String department,
      String legalBasis,
      String kind,
      List<String> methods,
      List<SubItem> subItems) {}

  public record SubItem(String code, String name, List<String> contentLines) {}

  /** One item as submitted for a draft version. */
  public record ItemDraft(
      String checklistCode,
      String checklistName,
      String name,
      String department,
      String legalBasis,
      String kind,
      List<String> methods,
      List<SubItemDraft> subItems) {}

  public record SubItemDraft(String code, String name, List<String> contentLines) {}

  public record Page<T>(List<T> items, int page, int size, long total) {}
}
