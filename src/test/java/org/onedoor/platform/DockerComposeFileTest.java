package org.onedoor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and the Dockerfile must agree with the application's configuration: variable
 * names, the port, the database name and credentials. Plain file checks, no Docker needed.
 */
class DockerComposeFileTest {

  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
  private static final Path DOCKERFILE = ROOT.resolve("Dockerfile");
  private static final Path RESOURCES = ROOT.resolve("src/main/resources");
  private static final Pattern ONEDOOR_PLACEHOLDER = Pattern.compile("\\$\\{(ONEDOOR_[A-Z0-9_]+)");
  private static final List<String> APP_SERVICES = List.of("app", "app2");

  private static Map<String, Object> services;
  private static int serverPort;

  @BeforeAll
  static void readFiles() throws IOException {
    services = map(load(COMPOSE).get("services"), "services: in docker-compose.yml");
    Object port = map(load(RESOURCES.resolve("application.yml")).get("server"), "server:").get("port");
    serverPort = Integer.parseInt(String.valueOf(port));
  }

  @Test
  void hasTheServices() {
    assertThat(services)
        .as("services of docker-compose.yml")
        .containsKeys("db", "app", "app2", "lb");
  }

  /** Issue 16 item 5: the cluster profile has one address, a real load balancer that asks each node's readiness. */
  @Test
  void clusterProfileHasALoadBalancerInFrontOfBothNodesAskingTheirReadiness() throws IOException {
    Map<String, Object> lb = service("lb");
    assertThat(lb.get("profiles")).as("lb starts with --profile cluster, as app2 does").isEqualTo(List.of("cluster"));
    assertThat(String.valueOf(lb.get("image")))
        .as("lb is HAProxy from its official image, with a version")
        .matches("haproxy:\\d+\\.\\d+.*");
    Object volumes = lb.get("volumes");
    assertThat(volumes).as("lb mounts its configuration").isInstanceOf(List.class);
    String mount = ((List<?>) volumes).stream().map(String::valueOf)
        .filter(v -> v.contains(":/usr/local/etc/haproxy/haproxy.cfg")).findFirst()
        .orElseThrow(() -> new AssertionError("lb does not mount /usr/local/etc/haproxy/haproxy.cfg: " + volumes));
    Path config = ROOT.resolve(mount.substring(0, mount.indexOf(':'))).normalize();
    assertThat(config).as("the configuration lb mounts").exists().isRegularFile();
    List<String> lines = Files.readAllLines(config).stream().map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertThat(lines)
        .as("%s: the nodes leave the rotation when /actuator/health/readiness is not 200", config)
        .contains("option httpchk GET /actuator/health/readiness", "http-check expect status 200");
    assertThat(String.join("\n", lines)).as("%s: every server is health-checked", config)
        .containsPattern("(?m)^default-server .*\\bcheck\\b");
    for (String node : APP_SERVICES) {
      assertThat(lines)
          .as("%s sends users to %s on the server port %d", config, node, serverPort)
          .anyMatch(l -> l.matches("server \\S+ " + node + ":" + serverPort + "(\\s.*)?"));
    }
    String bind = lines.stream().filter(l -> l.startsWith("bind ")).findFirst()
        .orElseThrow(() -> new AssertionError(config + " binds no port"));
    String listening = bind.substring(bind.lastIndexOf(':') + 1).trim();
    assertThat(containerPorts("lb")).as("lb publishes the port HAProxy binds (%s)", bind)
        .containsExactly(Integer.parseInt(listening));
    assertThat(map(lb.get("depends_on"), "lb depends_on")).as("lb starts after both nodes")
        .containsKeys(APP_SERVICES.toArray(String[]::new));
    List<Integer> nodePorts = new ArrayList<>();
    APP_SERVICES.forEach(node -> nodePorts.addAll(hostPorts(node)));
    assertThat(hostPorts("lb")).as("lb's host port must not be a node's").doesNotContainAnyElementsOf(nodePorts);
  }

  @Test
  void readinessGroupHoldsTheEnginesCheck() throws IOException {
    Map<String, Object> health = map(map(map(load(RESOURCES.resolve("application.yml")).get("management"),
        "management:").get("endpoint"), "management.endpoint:").get("health"), "management.endpoint.health:");
    assertThat(map(health.get("probes"), "probes").get("enabled")).isEqualTo(true);
    Object include = map(map(health.get("group"), "group").get("readiness"), "group.readiness").get("include");
    assertThat(List.of(String.valueOf(include).split("\\s*,\\s*")))
        .as("the load balancer's readiness: the application's state and the engine with its job executor")
        .contains("readinessState", "engineReadiness");
  }

  /** Host ports of the short form {@code [host_ip:]host_port:container_port}. */
  private static List<Integer> hostPorts(String service) {
    List<Integer> ports = new ArrayList<>();
    for (Object port : (List<?>) service(service).get("ports")) {
      String[] parts = String.valueOf(port).split(":");
      ports.add(Integer.parseInt(parts[parts.length - 2]));
    }
    return ports;
  }

  @Test
  void databaseIsPostgres16WithAHealthCheck() {
    Map<String, Object> db = service("db");
    assertThat(db.get("image")).as("db image (PostgreSQL 16 is the version onedoor is tested for)").isEqualTo("postgres:16");
    assertThat(db.get("healthcheck"))
        .as("db needs a healthcheck: app waits for condition service_healthy")
        .isNotNull();
    assertThat(String.valueOf(map(db.get("healthcheck"), "db healthcheck").get("test")))
        .as("db healthcheck")
        .contains("pg_isready");
  }

  @ParameterizedTest
  @ValueSource(strings = {"app", "app2"})
  void appIsBuiltFromTheDockerfile(String name) {
    Object build = service(name).get("build");
    assertThat(build).as(name + " has no build: section").isNotNull();
    String context;
    String dockerfile = "Dockerfile";
    if (build instanceof Map<?, ?> options) {
      context = String.valueOf(options.get("context"));
      if (options.get("dockerfile") != null) {
        dockerfile = String.valueOf(options.get("dockerfile"));
      }
    } else {
      context = String.valueOf(build);
    }
    assertThat(context).as(name + " build context (the repository root)").isIn(".", "./");
    assertThat(ROOT.resolve(context).resolve(dockerfile).normalize())
        .as(name + " builds from " + dockerfile + ", which must be the top-level Dockerfile")
        .isEqualTo(DOCKERFILE)
        .exists();
  }

  @Test
  void secondNodeOnlyInTheClusterProfile() {
    assertThat(service("app").get("profiles"))
        .as("app must start with a plain `docker compose up`: no profiles")
        .isNull();
    assertThat(service("app2").get("profiles"))
        .as("app2 must start only with --profile cluster")
        .isEqualTo(List.of("cluster"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"app", "app2"})
  void portsMapTheServerPort(String name) {
    List<Integer> targets = containerPorts(name);
    assertThat(targets)
        .as(name + " ports map container ports %s, but server.port in application.yml is %d",
            targets, serverPort)
        .containsExactly(serverPort);
  }

  @Test
  void nodesPublishDifferentHostPorts() {
    assertThat(service("app").get("ports"))
        .as("app and app2 cannot publish the same host port")
        .isNotEqualTo(service("app2").get("ports"));
  }

  @Test
  void dockerfileExposesTheServerPort() throws IOException {
    List<String> exposed =
        Files.readAllLines(DOCKERFILE).stream()
            .map(String::trim)
            .filter(line -> line.toUpperCase().startsWith("EXPOSE "))
            .flatMap(line -> Arrays.stream(line.substring(7).trim().split("\\s+")))
            .map(port -> port.replace("/tcp", ""))
            .toList();
    assertThat(exposed)
        .as("Dockerfile EXPOSEs %s, but server.port in application.yml is %d", exposed, serverPort)
        .containsExactly(String.valueOf(serverPort));
  }

  @Test
  void healthChecksAskTheActuatorOnTheServerPort() throws IOException {
    String dockerfile = Files.readString(DOCKERFILE);
    assertThat(dockerfile)
        .as("Dockerfile HEALTHCHECK on /actuator/health")
        .containsPattern("HEALTHCHECK[\\s\\S]*/actuator/health");
    for (String name : APP_SERVICES) {
      String test = String.valueOf(map(service(name).get("healthcheck"), name + " healthcheck").get("test"));
      assertThat(test)
          .as(name + " healthcheck must call /actuator/health on port " + serverPort)
          .contains("/actuator/health")
          .contains(String.valueOf(serverPort));
    }
  }

  /** The names must match those the application reads: a typo means the default is used silently. */
  @ParameterizedTest
  @ValueSource(strings = {"application-postgres.yml", "application-production.yml"})
  void everyVariableTheApplicationReadsIsSet(String file) throws IOException {
    TreeSet<String> wanted = new TreeSet<>();
    collectPlaceholders(load(RESOURCES.resolve(file)), wanted);
    assertThat(wanted).as("ONEDOOR_* placeholders in " + file).isNotEmpty();
    for (String name : APP_SERVICES) {
      Map<String, String> environment = environmentOf(name);
      assertThat(environment.keySet())
          .as("environment of %s lacks variables that %s reads", name, file)
          .containsAll(wanted);
    }
  }

  @Test
  void composeSetsNoUnknownOnedoorVariable() throws IOException {
    TreeSet<String> known = new TreeSet<>();
    for (String file : List.of("application.yml", "application-postgres.yml", "application-production.yml")) {
      collectPlaceholders(load(RESOURCES.resolve(file)), known);
    }
    for (String name : APP_SERVICES) {
      assertThat(environmentOf(name).keySet().stream().filter(k -> k.startsWith("ONEDOOR_")))
          .as("%s sets ONEDOOR_* variables that no application*.yml reads (misspelt?)", name)
          .allMatch(known::contains);
    }
  }

  @Test
  void springProfilesIncludePostgres() {
    for (String name : APP_SERVICES) {
      String profiles = interpolate(environmentOf(name).get("SPRING_PROFILES_ACTIVE"), Map.of());
      assertThat(profiles == null ? List.of() : List.of(profiles.split("\\s*,\\s*")))
          .as(name + " SPRING_PROFILES_ACTIVE=" + profiles + " must include postgres")
          .contains("postgres");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"app", "app2"})
  void appWaitsForAHealthyDatabase(String name) {
    Object dependsOn = service(name).get("depends_on");
    assertThat(dependsOn)
        .as(name + " depends_on must be the long form with conditions")
        .isInstanceOf(Map.class);
    Object db = ((Map<?, ?>) dependsOn).get("db");
    assertThat(db).as(name + " does not depend on db").isNotNull();
    assertThat(map(db, name + " depends_on db").get("condition"))
        .as(name + " must wait until db is healthy")
        .isEqualTo("service_healthy");
  }

  /**
   * Checked twice: with nothing set in the shell (compose uses the defaults) and with every
   * variable set, so that both sides must take the same variable, not merely the same default.
   */
  @Test
  void databaseUrlAndCredentialsMatchTheDatabaseService() {
    Map<String, String> db = environmentOf("db");
    for (Map<String, String> shell : List.of(Map.<String, String>of(), everyVariableSet())) {
      String when = shell.isEmpty() ? " (shell variables unset)" : " (shell variables " + shell + ")";
      Map<String, String> postgres = interpolateAll(db, shell);
      for (String name : APP_SERVICES) {
        Map<String, String> app = interpolateAll(environmentOf(name), shell);
        String url = app.get("ONEDOOR_DB_URL");
        assertThat(url)
            .as(name + " ONEDOOR_DB_URL must be a PostgreSQL JDBC URL" + when)
            .startsWith("jdbc:postgresql://");
        URI uri = URI.create(url.substring("jdbc:".length()));
        assertThat(uri.getHost())
            .as(name + " ONEDOOR_DB_URL=" + url + " must name the database service" + when)
            .isEqualTo("db");
        assertThat(uri.getPort())
            .as(name + " ONEDOOR_DB_URL=" + url + ": PostgreSQL listens on 5432 in its container")
            .isIn(-1, 5432);
        String database = uri.getPath().replaceFirst("^/", "");
        assertThat(postgres.get("POSTGRES_DB"))
            .as("db POSTGRES_DB vs the database in %s ONEDOOR_DB_URL=%s%s", name, url, when)
            .isEqualTo(database);
        assertThat(app.get("ONEDOOR_DB_USER"))
            .as("%s ONEDOOR_DB_USER vs db POSTGRES_USER%s", name, when)
            .isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(app.get("ONEDOOR_DB_PASSWORD"))
            .as("%s ONEDOOR_DB_PASSWORD vs db POSTGRES_PASSWORD%s", name, when)
            .isEqualTo(postgres.get("POSTGRES_PASSWORD"))
            .isNotBlank();
      }
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static Map<String, Object> load(Path file) throws IOException {
    assertThat(file).as(ROOT.relativize(file) + " is missing").exists();
    try (Reader reader = Files.newBufferedReader(file)) {
      return map(new Yaml().load(reader), ROOT.relativize(file).toString());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what) {
    if (!(value instanceof Map)) {
      fail(what + " is not a mapping: " + value);
    }
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> service(String name) {
    assertThat(services).as("docker-compose.yml has no service " + name).containsKey(name);
    return map(services.get(name), "service " + name);
  }

  /** environment: as a mapping or as a list of NAME=value. */
  private static Map<String, String> environmentOf(String service) {
    Object environment = service(service).get("environment");
    Map<String, String> result = new LinkedHashMap<>();
    if (environment instanceof Map<?, ?> entries) {
      entries.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
    } else if (environment instanceof List<?> entries) {
      for (Object entry : entries) {
        String[] pair = String.valueOf(entry).split("=", 2);
        result.put(pair[0], pair.length == 2 ? pair[1] : null);
      }
    } else {
      fail("service " + service + " has no environment: section");
    }
    return result;
  }

  private static List<Integer> containerPorts(String service) {
    Object ports = service(service).get("ports");
    assertThat(ports).as(service + " publishes no ports").isInstanceOf(List.class);
    List<Integer> targets = new ArrayList<>();
    for (Object port : (List<?>) ports) {
      if (port instanceof Map<?, ?> longForm) {
        targets.add(Integer.parseInt(String.valueOf(longForm.get("target"))));
      } else {
        // [host_ip:][host_port:]container_port[/protocol]
        String spec = String.valueOf(port).replaceAll("/(tcp|udp)$", "");
        targets.add(Integer.parseInt(spec.substring(spec.lastIndexOf(':') + 1)));
      }
    }
    return targets;
  }

  private static void collectPlaceholders(Object node, TreeSet<String> names) {
    if (node instanceof Map<?, ?> map) {
      map.values().forEach(value -> collectPlaceholders(value, names));
    } else if (node instanceof List<?> list) {
      list.forEach(value -> collectPlaceholders(value, names));
    } else if (node != null) {
      Matcher matcher = ONEDOOR_PLACEHOLDER.matcher(String.valueOf(node));
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
  }

  // compose interpolation: $$, $NAME, ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}
  private static final Pattern COMPOSE_VARIABLE =
      Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  private static Map<String, String> everyVariableSet() {
    TreeSet<String> names = new TreeSet<>();
    for (String service : List.of("db", "app", "app2")) {
      for (String value : environmentOf(service).values()) {
        Matcher matcher = COMPOSE_VARIABLE.matcher(value == null ? "" : value);
        while (matcher.find()) {
          String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(4);
          if (name != null) {
            names.add(name);
          }
        }
      }
    }
    return names.stream()
        .collect(Collectors.toMap(n -> n, n -> "from-shell-" + n.toLowerCase(), (a, b) -> a, LinkedHashMap::new));
  }

  private static Map<String, String> interpolateAll(Map<String, String> environment, Map<String, String> shell) {
    Map<String, String> result = new LinkedHashMap<>();
    environment.forEach((k, v) -> result.put(k, interpolate(v, shell)));
    return result;
  }

  static String interpolate(String value, Map<String, String> shell) {
    if (value == null) {
      return null;
    }
    Matcher matcher = COMPOSE_VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement;
      if (matcher.group().equals("$$")) {
        replacement = "$";
      } else {
        String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(4);
        String operator = matcher.group(2);
        String argument = matcher.group(3);
        String set = shell.get(name);
        boolean useArgument =
            operator != null && (operator.startsWith(":") ? set == null || set.isEmpty() : set == null);
        if (useArgument && operator.endsWith("?")) {
          throw new AssertionError("docker-compose.yml requires " + name + ": " + argument);
        }
        replacement = useArgument && operator.endsWith("-") ? argument : (set == null ? "" : set);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
