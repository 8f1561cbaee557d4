package org.onedoor.directory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An entity of the directory (检查对象名录库). Credit class and risk level are internal: they may
 * be shown to staff, never published.
 */
public record DirectoryEntity(
    String uscc,
    String name,
    String type,
    String category,
    String subcategory,
    String unit,
    String region,
    String address,
    String legalRepresentative,
    LocalDate establishedOn,
    String status,
    String creditClass,
    String riskLevel,
    List<String> tags,
    boolean commitment,
    Instant createdAt,
    Instant updatedAt) {

  public DirectoryEntity {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** Whether the two hold the same data (timestamps aside). */
  public boolean sameData(DirectoryEntity o) {
    return o != null
        && uscc.equals(o.uscc)
        && name.equals(o.name)
        && type.equals(o.type)
        && category.equals(o.category)
        && subcategory.equals(o.subcategory)
        && unit.equals(o.unit)
        && region.equals(o.region)
        && address.equals(o.address)
        && legalRepresentative.equals(o.legalRepresentative)
        && Objects.equals(establishedOn, o.establishedOn)
        && status.equals(o.status)
        && creditClass.equals(o.creditClass)
        && riskLevel.equals(o.riskLevel)
        && tags.equals(o.tags)
        && commitment == o.commitment;
  }

  /** The stored value of a column. */
  Object get(EntityColumn column) {
    return switch (column) {
      case USCC -> uscc;
      case NAME -> name;
      case TYPE -> type;
      case CATEGORY -> category;
      case SUBCATEGORY -> subcategory;
      case UNIT -> unit;
      case REGION -> region;
      case ADDRESS -> address;
      case LEGAL_REPRESENTATIVE -> legalRepresentative;
      case ESTABLISHED_ON -> establishedOn;
      case STATUS -> status;
      case CREDIT_CLASS -> creditClass;
      case RISK_LEVEL -> riskLevel;
      case TAGS -> tags;
      case COMMITMENT -> commitment;
    };
  }
}
