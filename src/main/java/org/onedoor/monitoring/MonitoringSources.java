package org.onedoor.monitoring;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.onedoor.monitoring.MonitoringProperties.Indicator;
import org.onedoor.monitoring.MonitoringProperties.Source;
import org.onedoor.security.OrganisationProperties;
import org.onedoor.security.Role;
import org.springframework.stereotype.Component;

/**
 * The configured monitoring sources, checked at start-up (codes, a known department, indicators with a
 * sensible range), found by code or by Chinese name, and who may send readings of each: members of the
 * source's department (people uploading files), the platform's own accounts and administrators.
 */
@Component
public class MonitoringSources {

  private static final String CODE = "[a-z][a-z0-9-]{1,39}";

  private final List<Source> sources;

  public MonitoringSources(MonitoringProperties properties, OrganisationProperties organisation) {
    Set<String> codes = new HashSet<>();
    for (Source source : properties.sources()) {
      if (source.code() == null || !source.code().matches(CODE) || !codes.add(source.code())) {
        throw new IllegalStateException("onedoor.monitoring.sources: code " + source.code()
            + " must be unique and match " + CODE);
      }
      if (source.name() == null || source.name().isBlank()) {
        throw new IllegalStateException("onedoor.monitoring.sources." + source.code() + ": name is required");
      }
      if (source.department() == null || organisation.department(source.department()).isEmpty()) {
        throw new IllegalStateException("onedoor.monitoring.sources." + source.code() + ": unknown department "
            + source.department());
      }
      if (source.decision() == null || source.decision().isBlank()) {
        throw new IllegalStateException("onedoor.monitoring.sources." + source.code() + ": decision is required");
      }
      Set<String> indicators = new HashSet<>();
      for (Indicator indicator : source.indicators()) {
        if (indicator.code() == null || !indicator.code().matches("[a-z][a-z0-9-]{1,59}")
            || !indicators.add(indicator.code())) {
          throw new IllegalStateException("onedoor.monitoring.sources." + source.code() + ": indicator "
              + indicator.code() + " must be unique and match [a-z][a-z0-9-]{1,59}");
        }
        if (indicator.name() == null || indicator.name().isBlank()
            || (indicator.min() != null && indicator.max() != null && indicator.min() > indicator.max())) {
          throw new IllegalStateException("onedoor.monitoring.sources." + source.code() + "." + indicator.code()
              + ": needs a name and min <= max");
        }
      }
      if (indicators.isEmpty()) {
        throw new IllegalStateException("onedoor.monitoring.sources." + source.code() + ": no indicators");
      }
    }
    this.sources = properties.sources();
  }

  public List<Source> all() {
    return sources;
  }

  /** A source by its code or its Chinese name. */
  public Optional<Source> find(String codeOrName) {
    if (codeOrName == null) {
      return Optional.empty();
    }
    String text = codeOrName.strip();
    return sources.stream().filter(s -> s.code().equals(text) || s.name().equals(text)).findFirst();
  }

  /** An indicator of a source by its code or its Chinese name. */
  public static Optional<Indicator> indicator(Source source, String codeOrName) {
    if (codeOrName == null) {
      return Optional.empty();
    }
    String text = codeOrName.strip();
    return source.indicators().stream().filter(i -> i.code().equals(text) || i.name().equals(text)).findFirst();
  }

  /**
   * Whether {@code user} (with {@code groups}) may send readings of {@code source}: one of its platform
   * accounts, a member of its department, or an administrator.
   */
  public static boolean maySubmit(Source source, String user, java.util.Collection<String> groups) {
    return source.accounts().contains(user)
        || (groups != null && (groups.contains(Role.CAMUNDA_ADMIN_GROUP) || groups.contains(source.department())));
  }

  /** The codes of the sources, for messages. */
  public String codes() {
    return String.join("、", sources.stream().map(s -> s.code() + "（" + s.name() + "）").toList());
  }
}
