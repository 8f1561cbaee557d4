package org.onedoor.catalog;

import java.security.Principal;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.catalog.Catalog.Item;
import org.onedoor.catalog.Catalog.ItemDraft;
import org.onedoor.catalog.Catalog.Version;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Administrators keep the catalogue: draft a version, edit its items, publish it. */
@RestController
@RequestMapping("/api/management/v1/catalog")
class CatalogManagementController {

  private final CatalogService catalog;

  CatalogManagementController(CatalogService catalog) {
    this.catalog = catalog;
  }

  record NewVersion(String note) {}

  @PostMapping("/versions")
  @ResponseStatus(HttpStatus.CREATED)
  Version createDraft(@RequestBody(required = false) NewVersion body, Principal user) {
    return catalog.createDraft(user.getName(), body == null ? null : body.note(), ClockUtil.now().toInstant());
  }

  @PostMapping("/versions/{versionNo}/publish")
  Version publish(@PathVariable int versionNo, Principal user) {
    return catalog.publish(versionNo, user.getName(), ClockUtil.now().toInstant());
  }

  @PutMapping("/versions/{versionNo}/items/{code}")
  Item putItem(@PathVariable int versionNo, @PathVariable String code, @RequestBody ItemDraft item) {
    return catalog.putItem(versionNo, code, item);
  }

  @DeleteMapping("/versions/{versionNo}/items/{code}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deleteItem(@PathVariable int versionNo, @PathVariable String code) {
    catalog.deleteItem(versionNo, code);
  }
}
