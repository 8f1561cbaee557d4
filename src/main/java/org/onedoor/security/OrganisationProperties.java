package org.onedoor.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The departments of the city (configuration: a city names its own regulators) and, in the demo
 * profile, the demo staff. Seeded into Camunda's identity service at start-up.
 */
@Validated
@ConfigurationProperties("onedoor.organisation")
public record OrganisationProperties(
    @NotEmpty @Valid List<Department> departments, @Valid List<StaffMember> demoUsers) {

  public OrganisationProperties {
    departments = List.copyOf(departments);
    demoUsers = demoUsers == null ? List.of() : List.copyOf(demoUsers);
  }

  public Optional<Department> department(String code) {
    return departments.stream().filter(d -> d.code().equals(code)).findFirst();
  }

  /** A regulator taking part in joint inspections. The code is used in group ids and BPMN. */
  public record Department(
      @NotBlank @Pattern(regexp = "[a-z][a-z0-9]{1,19}") String code, @NotBlank String name) {}

  /**
   * A demo user: password "demo", one department, one or more roles. The full Chinese name (张伟)
   * is stored as Camunda's first name with an empty last name, because the webapps print "first
   * last" and would show 伟 张.
   */
  public record StaffMember(
      @NotBlank @Pattern(regexp = "[a-z][a-z0-9._-]{1,63}") String id,
      @NotBlank String name,
      String department,
      @NotEmpty List<String> roles) {}
}
