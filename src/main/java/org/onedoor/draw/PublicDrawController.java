package org.onedoor.draw;

import java.util.List;
import java.util.Map;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Draw records for everybody, no login: the commitment from publication on, the population hash
 * after the freeze, the whole record (nonce included) after the draw. Reads only what was
 * published ({@code draw_publication}), never the internal tables.
 */
@RestController
@RequestMapping("/public/api/draws")
class PublicDrawController {

  private final DrawService draws;

  PublicDrawController(DrawService draws) {
    this.draws = draws;
  }

  @GetMapping
  Map<String, List<String>> list() {
    return Map.of("draws", draws.publishedIds());
  }

  @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> get(@PathVariable String id) {
    String body = draws.publicJson(id).orElseThrow(() -> new NotFoundException("id", "没有编号为 " + id + " 的抽取记录"));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
