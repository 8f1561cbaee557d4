package org.onedoor.disclosure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onedoor.disclosure.Disclosures.DrawChange;
import org.onedoor.disclosure.Disclosures.PublicDraw;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Draw records for everybody, no login, from the disclosure projection only: the commitment from the
 * plan's publication on, the population hash after the freeze, the whole record (nonce included) after
 * the draw, always byte for byte as the draw feature published it (so {@code VerifyDraw} reads it);
 * errata and a withdrawal are in {@code /versions}, never in the record.
 */
@RestController
@RequestMapping("/public/api/draws")
class PublicDrawApiController {

  private final PublicRecords records;

  PublicDrawApiController(PublicRecords records) {
    this.records = records;
  }

  @GetMapping
  Map<String, List<String>> list() {
    return Map.of("draws", records.drawIds());
  }

  @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> get(@PathVariable String id) {
    String body = records.drawRecordJson(id).orElseThrow(() -> missing(id));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  /** What is known of the record besides itself: state, the commitment published before, every version. */
  @GetMapping("/{id}/versions")
  Map<String, Object> versions(@PathVariable String id) {
    PublicDraw draw = records.findDraw(id).orElseThrow(() -> missing(id));
    List<DrawChange> changes = records.drawChanges(draw);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("draw", draw);
    body.put("versions", changes);
    return body;
  }

  private static NotFoundException missing(String id) {
    return new NotFoundException("id", "没有编号为 " + id + " 的抽取记录");
  }
}
