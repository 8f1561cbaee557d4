package org.onedoor.inspection;

import java.util.Collection;
import java.util.List;
import org.onedoor.platform.web.NotFoundException;
import org.onedoor.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;

/**
 * Who may see and add to an inspection's file (its detail, evidence, rectification reports): staff of a
 * participating department (a member of the department's group, any role) and administrators. Everybody
 * else gets 403, an unknown inspection 404.
 */
@Service
public class InspectionAccess {

  private final JdbcClient jdbc;
  private final InspectionAssignments assignments;

  public InspectionAccess(JdbcClient jdbc, InspectionAssignments assignments) {
    this.jdbc = jdbc;
    this.assignments = assignments;
  }

  /** 404 naming {@code number} when there is no such inspection. */
  public void requireExists(String inspectionNumber) {
    if (!exists(inspectionNumber)) {
      throw new NotFoundException("number", "没有编号为 " + inspectionNumber + " 的检查");
    }
  }

  public boolean exists(String inspectionNumber) {
    return inspectionNumber != null && jdbc.sql("SELECT COUNT(*) FROM inspection WHERE number = :n")
        .param("n", inspectionNumber).query(Integer.class).single() > 0;
  }

  /** The departments taking part: drawn or flagged. */
  public List<String> departments(String inspectionNumber) {
    return assignments.departments(inspectionNumber);
  }

  /** True for an administrator or a member of one of the inspection's departments. */
  public boolean mayAccess(String inspectionNumber, Collection<String> groups) {
    if (groups == null) {
      return false;
    }
    if (groups.contains(Role.CAMUNDA_ADMIN_GROUP)) {
      return true;
    }
    return departments(inspectionNumber).stream().anyMatch(groups::contains);
  }

  /** True for an administrator or a member of {@code department}'s group when it takes part. */
  public boolean mayActFor(String inspectionNumber, String department, Collection<String> groups) {
    if (groups == null) {
      return false;
    }
    if (groups.contains(Role.CAMUNDA_ADMIN_GROUP)) {
      return true;
    }
    return groups.contains(department) && departments(inspectionNumber).contains(department);
  }

  /** 404 for an unknown inspection, 403 for a caller outside its departments. */
  public void requireAccess(String inspectionNumber, Authentication caller) {
    requireExists(inspectionNumber);
    if (!mayAccess(inspectionNumber, groups(caller))) {
      throw new AccessDeniedException("只有参与检查 " + inspectionNumber + " 的部门人员或系统管理员可以查看或提交其材料");
    }
  }

  /** The caller's Camunda groups (their granted authorities). */
  public static List<String> groups(Authentication caller) {
    return caller == null ? List.of()
        : caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
  }
}
