package org.onedoor.platform.routing;

import java.util.Set;

/**
 * The departments a process routes to through {@code ${department}-<role>} candidate groups, when
 * they are fewer than all departments: e.g. only the registration authority decides abnormal-list
 * cases. A feature declares it as a bean; processes without one may route to every department.
 */
public interface RoutingDepartments {

  String processKey();

  Set<String> departments();
}
