package org.onedoor.directory;

import java.security.Principal;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.directory.ConflictRegister.Conflict;
import org.onedoor.directory.ConflictRegister.NewConflict;
import org.onedoor.directory.InspectorDirectory.Inspector;
import org.onedoor.directory.InspectorDirectory.InspectorRecord;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Administrators keep inspectors and the conflict register one record at a time (files: imports). */
@RestController
@RequestMapping("/api/management/v1")
class InspectorManagementController {

  private final InspectorDirectory inspectors;
  private final ConflictRegister conflicts;

  InspectorManagementController(InspectorDirectory inspectors, ConflictRegister conflicts) {
    this.inspectors = inspectors;
    this.conflicts = conflicts;
  }

  @PutMapping("/inspectors/{staffNumber}")
  Inspector save(@PathVariable String staffNumber, @RequestBody InspectorRecord record) {
    if (record.staffNumber() != null && !record.staffNumber().equals(staffNumber)) {
      throw new BadRequestException("staffNumber", "与地址中的工号不一致");
    }
    InspectorRecord withNumber = new InspectorRecord(staffNumber, record.name(), record.department(),
        record.unit(), record.region(), record.certificateNumber(), record.certificateExpiry(),
        record.qualifications(), record.expert(), record.active(), record.idNumber(), record.phone());
    return inspectors.save(withNumber, ClockUtil.now().toInstant());
  }

  @PostMapping("/conflicts")
  @ResponseStatus(HttpStatus.CREATED)
  Conflict record(@RequestBody NewConflict conflict, Principal user) {
    return conflicts.record(conflict, user.getName(), ClockUtil.now().toInstant());
  }

  @DeleteMapping("/conflicts/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void remove(@PathVariable long id) {
    conflicts.remove(id);
  }
}
