package org.onedoor.catalog;

import java.util.List;
import org.onedoor.catalog.Catalog.Item;
import org.onedoor.catalog.Catalog.Page;
import org.onedoor.catalog.Catalog.Version;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff read the catalogue: by department, in the latest published version unless they name one. */
@RestController
@RequestMapping("/api/v1/catalog")
class CatalogController {

  private final CatalogService catalog;

  CatalogController(CatalogService catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/versions")
  List<Version> versions() {
    return catalog.versions();
  }

  @GetMapping("/items")
  Page<Item> items(
      @RequestParam(required = false) String department,
      @RequestParam(required = false) Integer version,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return catalog.items(version == null ? catalog.defaultVersionNo() : version, department, page, size);
  }

  @GetMapping("/items/{code}")
  Item item(@PathVariable String code, @RequestParam(required = false) Integer version) {
    return catalog.item(version == null ? catalog.defaultVersionNo() : version, code);
  }
}
