package org.onedoor.platform;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One onedoor node as its own operating-system process (a JVM of the test class path running {@link
 * org.onedoor.OnedoorApplication}), as a cluster runs it: its own engine called "default", its own
 * webapps, nothing shared with the other nodes but the database. Camunda keeps engines and webapp
 * runtimes in static registries, so several nodes with webapps cannot live in one JVM (nor next to
 * the test suite's shared context). {@link #kill()} is SIGKILL: no shutdown hook, no goodbye.
 */
public final class ClusterNode implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private ClusterNode(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts a node of the postgres and demo profiles on {@code jdbcUrl}; returns at once. */
  public static ClusterNode start(String name, String jdbcUrl, String user, String password, List<String> extraArgs)
      throws IOException {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path dir = Path.of("target", "cluster-nodes", name).toAbsolutePath();
    Files.createDirectories(dir);
    Path log = dir.resolve("node.log");
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx640m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-Duser.timezone=Asia/Shanghai", "-Dfile.encoding=UTF-8",
        "-cp", classPath,
        "org.onedoor.OnedoorApplication",
        "--spring.profiles.active=postgres,demo",
        "--ONEDOOR_DB_URL=" + jdbcUrl,
        "--ONEDOOR_DB_USER=" + user,
        "--ONEDOOR_DB_PASSWORD=" + password,
        "--ONEDOOR_DB_POOL_SIZE=5",
        "--server.port=" + port,
        "--onedoor.imports.dir=" + dir.resolve("imports"),
        "--spring.main.banner-mode=off"));
    command.addAll(extraArgs);
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    return new ClusterNode(process, port, log);
  }

  public int port() {
    return port;
  }

  /** Waits until {@code /actuator/health/readiness} answers 200; the statuses seen on the way, in order. */
  public List<Integer> awaitReady(Duration timeout) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Integer> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node on port " + port + " exited with " + process.exitValue() + ", log: "
            + tail());
      }
      try {
        int status = readiness(client);
        if (seen.isEmpty() || seen.get(seen.size() - 1) != status) {
          seen.add(status);
        }
        if (status == 200) {
          return seen;
        }
      } catch (IOException notListeningYet) {
        // the port opens once the context is refreshed
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("node on port " + port + " not ready within " + timeout + ", log: " + tail());
  }

  public int readiness(HttpClient client) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** SIGKILL, as a crashed machine or the kernel's OOM killer ends a node. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  public File log() {
    return log.toFile();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
