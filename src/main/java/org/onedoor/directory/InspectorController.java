package org.onedoor.directory;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.onedoor.directory.ConflictRegister.Conflict;
import org.onedoor.directory.InspectorDirectory.Inspector;
import org.onedoor.directory.InspectorDirectory.Page;
import org.onedoor.directory.InspectorDirectory.Reader;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff read the inspector directory. ID numbers and phones are shown only to the inspector's own
 * department and to administrators; conflicts of interest likewise.
 */
@RestController
@RequestMapping("/api/v1/inspectors")
class InspectorController {

  private final InspectorDirectory inspectors;
  private final ConflictRegister conflicts;

  InspectorController(InspectorDirectory inspectors, ConflictRegister conflicts) {
    this.inspectors = inspectors;
    this.conflicts = conflicts;
  }

  @GetMapping
  Page<Inspector> search(
      @RequestParam(required = false) String department,
      @RequestParam(required = false) String unit,
      @RequestParam(required = false) Boolean active,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      Authentication user) {
    return inspectors.search(department, unit, active, page, size, reader(user));
  }

  @GetMapping("/{staffNumber}")
  Inspector get(@PathVariable String staffNumber, Authentication user) {
    return inspectors.get(staffNumber, reader(user));
  }

  @GetMapping("/{staffNumber}/conflicts")
  List<Conflict> conflicts(@PathVariable String staffNumber, Authentication user) {
    Inspector inspector = inspectors.get(staffNumber, reader(user));
    if (!reader(user).maySeePersonalDataOf(inspector.department())) {
      throw new AccessDeniedException("conflicts are visible to the inspector's department only");
    }
    return conflicts.ofInspector(staffNumber);
  }

  static Reader reader(Authentication user) {
    Set<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    return new Reader(user.getName(), groups);
  }
}
