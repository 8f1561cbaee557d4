package org.onedoor;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;

/**
 * The boundaries of "Where a change goes" as rules. The features are the packages directly under
 * {@code org.onedoor} (a sub-package such as {@code listing.letter} belongs to its feature).
 * {@code platform} and {@code security} are shared by every feature; everything else is a feature
 * that owns its tables, services, delegates and controllers.
 *
 * <p>A feature's public face is its services (Spring beans such as {@code PlanService},
 * {@code InspectionAccess}), its events ({@code PlanPublished}, {@code ListingDecided}), its records,
 * enums and value types ({@code Plans.Plan}, {@code Uscc}) and the interfaces it offers others to
 * implement ({@code InspectionSection}). Its inside is what no other feature touches: controllers,
 * delegates, task and execution listeners, engine plugins, {@code @Repository} classes and
 * package-private types (nested records of such a class, e.g. {@code DirectoryImports.Job}, are
 * records and may be used).
 *
 * <p>Each rule says in its {@code because} what it protects; a violation names the class, the
 * dependency and the line ({@link ArchitectureRulesNameTheOffenderTest} shows each rule failing). Constants inlined by the compiler ({@code static final} strings and
 * numbers) leave no trace in the byte code and are not seen.
 */
@AnalyzeClasses(packages = "org.onedoor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String ROOT = "org.onedoor.";
  private static final Set<String> SHARED = Set.of("platform", "security");

  /**
   * Which feature may use which, as the code has it today (beyond {@link #SHARED}, which every
   * feature may use). A new edge is a design decision: add it here in the same change, and keep the
   * graph free of cycles. {@code platform} uses no feature; {@code security} uses only
   * {@code platform}.
   */
  private static final Map<String, Set<String>> ALLOWED_FEATURE_EDGES = Map.ofEntries(
      Map.entry("platform", Set.of()),
      Map.entry("security", Set.of("platform")),
      Map.entry("calendar", Set.of()),
      Map.entry("catalog", Set.of()),
      Map.entry("credit", Set.of("calendar", "directory", "inspection", "listing", "plan", "rectification")),
      Map.entry("directory", Set.of("catalog")),
      Map.entry("plan", Set.of("calendar", "catalog")),
      Map.entry("draw", Set.of("catalog", "directory", "plan")),
      Map.entry("inspection", Set.of("calendar", "catalog", "directory", "draw", "plan")),
      Map.entry("evidence", Set.of("calendar", "inspection")),
      Map.entry("rectification", Set.of("calendar", "inspection", "listing")),
      Map.entry("listing", Set.of("calendar", "directory", "evidence", "inspection")),
      Map.entry("disclosure", Set.of("calendar", "catalog", "draw", "inspection", "listing", "plan")),
      Map.entry("oversight", Set.of("calendar", "credit", "disclosure", "inspection", "plan", "rectification")),
      Map.entry("demo", Set.of("catalog", "directory", "plan", "monitoring", "security")),
      Map.entry("monitoring", Set.of("calendar", "credit", "directory")),
      // notifications (issue 17) count reminder lead times in working days and format deadlines in the
      // calendar's zone; they learn of tasks from the engine (a parse listener) and of the features' events
      // (VisitEvent, RecordEvent, DecisionLetterIssued, RiskWarningRaised) as Spring events; a person's
      // calendar feed reads their agreed visits from the inspection feature's service. No feature uses them.
      Map.entry("notification", Set.of("calendar", "credit", "inspection", "listing")));

  @ArchTest
  static final ArchRule featuresAreFreeOfCycles = slices().matching("org.onedoor.(*)..").namingSlices("$1")
      .should().beFreeOfCycles()
      .because("features are layered (README, \"Where a change goes\"): a cycle between two features means "
          + "neither can change, be tested or be understood without the other");

  @ArchTest
  static final ArchRule featuresUseOnlyTheirListedFeatures = classes().that().resideInAPackage("org.onedoor.*..")
      .should(useOnlyAllowedFeatures())
      .because("only platform and security are used by every feature; any other feature-to-feature edge is "
          + "listed in ArchitectureTest.ALLOWED_FEATURE_EDGES, so a new one is a visible design decision");

  /**
   * Edges the source has but the byte code does not, because javac inlines the constants they use:
   * OversightService counts rectifications by {@code Rectifications.CORRECTED} and {@code PENDING}.
   */
  private static final Set<String> EDGES_OF_INLINED_CONSTANTS = Set.of("oversight -> rectification");

  /** The list stays the code's: an edge nobody uses any more is taken out, so the list never hides a new one. */
  @ArchTest
  static void everyListedFeatureEdgeIsUsed(JavaClasses classes) {
    Set<String> used = new TreeSet<>();
    for (JavaClass type : classes) {
      for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
        if (crossesFeatures(dependency)) {
          used.add(feature(type).orElseThrow() + " -> "
              + feature(dependency.getTargetClass().getBaseComponentType()).orElseThrow());
        }
      }
    }
    Set<String> unused = new TreeSet<>();
    ALLOWED_FEATURE_EDGES.forEach((from, targets) -> targets.stream().map(to -> from + " -> " + to)
        .filter(edge -> !used.contains(edge) && !EDGES_OF_INLINED_CONSTANTS.contains(edge)).forEach(unused::add));
    assertThat(unused).as("feature edges listed in ArchitectureTest.ALLOWED_FEATURE_EDGES that no class uses "
        + "any more: remove them, so that the list is the architecture as it is").isEmpty();
  }

  @ArchTest
  static final ArchRule featuresMeetThroughServicesEventsAndRecords = classes()
      .that().resideInAPackage("org.onedoor.*..")
      .should(reachOtherFeaturesOnlyThroughTheirPublicApi())
      .because("features talk through one public service, Spring events or public records (README, \"Where a "
          + "change goes\"); another feature's controllers, delegates, listeners, engine plugins and "
          + "repositories are its inside");

  @ArchTest
  static final ArchRule delegatesAndListenersCallServicesNotJdbc = noClasses()
      .that(areDelegatesOrListeners())
      .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..")
      .because("delegates and listeners are thin (README, \"A new process\"): they call a feature service that a "
          + "plain unit test drives, and the service owns the SQL");

  /**
   * Issue 18. The byte code half of "no Java class writes HTML markup" (the source half, string
   * literals, is {@link NoJavaClassWritesHtmlTest}).
   */
  @ArchTest
  static final ArchRule pagesAreTemplatesNotEscapedStrings = noClasses()
      .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.web.util.HtmlUtils")
      .because("pages are JTE templates under src/main/jte, escaped by default (issue 18): a class escaping HTML "
          + "by hand is building markup in Java, where one forgotten escape is a stored XSS");

  @ArchTest
  static final ArchRule controllersAreUsedByNoOtherClass = classes().that().areMetaAnnotatedWith(Controller.class)
      .should(beUsedByNoOtherClass())
      .because("a controller is an HTTP entry point; what another class needs from it belongs in a service, a "
          + "record or platform");

  // --- predicates and conditions ---

  /** The feature of a class: the first package under org.onedoor, or empty for the root package. */
  static Optional<String> feature(JavaClass type) {
    String pkg = type.getPackageName();
    if (!pkg.startsWith(ROOT)) {
      return Optional.empty();
    }
    String rest = pkg.substring(ROOT.length());
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }

  private static boolean crossesFeatures(Dependency dependency) {
    Optional<String> from = feature(dependency.getOriginClass());
    Optional<String> to = feature(dependency.getTargetClass().getBaseComponentType());
    return from.isPresent() && to.isPresent() && !from.get().equals(to.get());
  }

  static DescribedPredicate<JavaClass> areDelegatesOrListeners() {
    return assignableTo(JavaDelegate.class).or(assignableTo(TaskListener.class))
        .or(assignableTo(ExecutionListener.class))
        .as("delegates (JavaDelegate) and listeners (TaskListener, ExecutionListener)");
  }

  /** What a feature keeps to itself; empty when the class may be used by another feature. */
  static Optional<String> insideKind(JavaClass target) {
    if (!target.getModifiers().contains(JavaModifier.PUBLIC)) {
      return Optional.of("a package-private type");
    }
    JavaClass top = target;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    if (top.isMetaAnnotatedWith(Controller.class)) {
      return Optional.of("a controller");
    }
    if (top.isAssignableTo(JavaDelegate.class)) {
      return Optional.of("a delegate");
    }
    if (top.isAssignableTo(TaskListener.class) || top.isAssignableTo(ExecutionListener.class)) {
      return Optional.of("a task or execution listener");
    }
    if (top.isAssignableTo(ProcessEnginePlugin.class)) {
      return Optional.of("an engine plugin");
    }
    if (target.isMetaAnnotatedWith(Repository.class)) {
      return Optional.of("a repository");
    }
    return Optional.empty();
  }

  static ArchCondition<JavaClass> useOnlyAllowedFeatures() {
    return new ArchCondition<>("use only platform, security and the features listed for their own feature") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String from = feature(item).orElseThrow();
        Set<String> allowed = ALLOWED_FEATURE_EDGES.get(from);
        if (allowed == null) {
          events.add(SimpleConditionEvent.violated(item, "Feature " + from + " (" + item.getName()
              + ") is not listed in ArchitectureTest.ALLOWED_FEATURE_EDGES"));
          return;
        }
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          if (!crossesFeatures(dependency)) {
            continue;
          }
          String to = feature(dependency.getTargetClass().getBaseComponentType()).orElseThrow();
          boolean shared = SHARED.contains(to) && !SHARED.contains(from);
          if (!shared && !allowed.contains(to)) {
            events.add(SimpleConditionEvent.violated(item, "Feature edge " + from + " -> " + to
                + " is not allowed: " + dependency.getDescription()));
          }
        }
      }
    };
  }

  static ArchCondition<JavaClass> reachOtherFeaturesOnlyThroughTheirPublicApi() {
    return new ArchCondition<>("use another feature only through its services, events, records and values") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          if (!crossesFeatures(dependency)) {
            continue;
          }
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          insideKind(target).ifPresent(kind -> events.add(SimpleConditionEvent.violated(item,
              item.getName() + " uses " + target.getName() + ", " + kind + " of feature "
                  + feature(target).orElseThrow() + ": " + dependency.getDescription())));
        }
      }
    };
  }

  static ArchCondition<JavaClass> beUsedByNoOtherClass() {
    return new ArchCondition<>("be used by no other class") {
      @Override
      public void check(JavaClass controller, ConditionEvents events) {
        Set<String> users = new TreeSet<>();
        for (Dependency dependency : controller.getDirectDependenciesToSelf()) {
          JavaClass origin = dependency.getOriginClass();
          if (!sameTopLevelClass(origin, controller)) {
            users.add(dependency.getDescription());
          }
        }
        users.forEach(use -> events.add(SimpleConditionEvent.violated(controller,
            "Controller " + controller.getName() + " is used by another class: " + use)));
      }
    };
  }

  private static boolean sameTopLevelClass(JavaClass a, JavaClass b) {
    return topLevel(a).equals(topLevel(b));
  }

  private static String topLevel(JavaClass type) {
    JavaClass top = type;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top.getName();
  }
}
