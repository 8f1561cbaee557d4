package org.onedoor.platform;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.WhitelistingDeserializationTypeValidator;
import org.springframework.stereotype.Component;

/**
 * The Java types an Object process variable may be deserialized into (issue 13): Spin's JSON and
 * the Java serializer read only these. onedoor's own variables are strings, numbers, booleans,
 * dates and {@code Json} values (form-js lists, task-local line options), which are not Java
 * objects at all; the list below is what a JSON Object variable of a REST caller may reasonably
 * hold: boxed primitives, BigDecimal/BigInteger, the plain collections and {@code org.onedoor} types.
 * Camunda's {@code deserializationAllowedClasses}/{@code deserializationAllowedPackages} add to it.
 * Anything else (java.io.File, gadget classes, arrays) is refused.
 */
public class ObjectVariableTypes implements WhitelistingDeserializationTypeValidator {

  static final Set<String> JDK_CLASSES = Set.of(
      "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Integer", "java.lang.Long",
      "java.lang.Short", "java.lang.Byte", "java.lang.Double", "java.lang.Float", "java.lang.Character",
      "java.math.BigDecimal", "java.math.BigInteger", "java.util.Date",
      "java.util.ArrayList", "java.util.LinkedList", "java.util.Arrays$ArrayList", "java.util.List",
      "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.Map",
      "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.Set");

  static final String OWN_PACKAGE = "org.onedoor.";

  private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");
  private static final Pattern TYPE_NAME_PARTS = Pattern.compile("[<>,\\s]+");

  private final Set<String> classes = new LinkedHashSet<>(JDK_CLASSES);
  private final Set<String> packages = new LinkedHashSet<>(Set.of(OWN_PACKAGE));

  @Override
  public void setAllowedClasses(String allowed) {
    split(allowed).forEach(classes::add);
  }

  @Override
  public void setAllowedPackages(String allowed) {
    split(allowed).map(p -> p.endsWith(".") ? p : p + ".").forEach(packages::add);
  }

  /** One class name, as the engine and Spin ask (they take generic parameters apart themselves). */
  @Override
  public boolean validate(String className) {
    if (className == null || className.isBlank()) {
      return false;
    }
    return classes.contains(className) || packages.stream().anyMatch(className::startsWith);
  }

  /**
   * A whole {@code objectTypeName} as a caller sends it, e.g.
   * {@code java.util.ArrayList<java.lang.String>}: every class named in it must be allowed; array
   * names ({@code [Ljava.io.File;}) never are.
   */
  public boolean validateTypeName(String typeName) {
    if (typeName == null || typeName.isBlank() || typeName.contains("[") || typeName.contains(";")) {
      return false;
    }
    return Arrays.stream(TYPE_NAME_PARTS.split(typeName.trim())).filter(s -> !s.isEmpty()).allMatch(this::validate);
  }

  private static java.util.stream.Stream<String> split(String list) {
    return list == null ? java.util.stream.Stream.empty()
        : Arrays.stream(SEPARATORS.split(list.trim())).filter(s -> !s.isEmpty());
  }

  /** Turns the validation on, with this list, before the engine initialises its serializers. */
  @Component
  public static class Plugin extends AbstractProcessEnginePlugin {
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
      configuration.setDeserializationTypeValidationEnabled(true);
      configuration.setDeserializationTypeValidator(new ObjectVariableTypes());
    }
  }
}
