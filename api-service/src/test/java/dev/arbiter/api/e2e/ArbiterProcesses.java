package dev.arbiter.api.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole system as real processes, for black-box tests: the packaged api-service and one or
 * more packaged worker-services, on the real PostgreSQL (a fresh database per run) and the real
 * Kafka (topics and consumer groups of this run only). Each process can be killed (-9) and started
 * again, the way an operator or a crash would.
 */
public final class ArbiterProcesses implements AutoCloseable {

  public final String run = UUID.randomUUID().toString().substring(0, 8);
  public final String database = "arbiter_e2e_" + run;
  public final String bootstrapToken = UUID.randomUUID() + "-" + UUID.randomUUID();
  public final Path repo = repoRoot();
  public final Path logs;
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private Map<String, String> apiConfig = Map.of();

  public ArbiterProcesses() throws IOException {
    logs = Files.createDirectories(repo.resolve("api-service/target/e2e-logs/" + run));
    script("postgres.sh", "start");
    script("kafka.sh", "start");
    try (Connection c = adminConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    } catch (java.sql.SQLException e) {
      throw new IOException("cannot create the test database", e);
    }
  }

  public String kafka() {
    return "127.0.0.1:" + env("ARBITER_KAFKA_PORT", "19092");
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + env("ARBITER_PG_PORT", "55432") + "/" + database;
  }

  /**
   * Starts (or starts again, with the configuration it had before) the api-service process and
   * waits until it is ready.
   */
  public String startApi() throws Exception {
    return startApi(apiConfig);
  }

  /** Starts the api-service with extra configuration ({@code -Dkey=value}), kept for restarts. */
  public String startApi(Map<String, String> config) throws Exception {
    apiConfig = Map.copyOf(config);
    int port = ports.computeIfAbsent("api", k -> freePort());
    List<String> props = new ArrayList<>(List.of(
        "-Dquarkus.http.port=" + port,
        "-Dquarkus.http.host=127.0.0.1",
        "-Dquarkus.datasource.jdbc.url=" + jdbcUrl(),
        "-Dquarkus.datasource.username=" + env("ARBITER_PG_USER", "arbiter"),
        "-Dkafka.bootstrap.servers=" + kafka(),
        "-Dmp.messaging.outgoing.grading-jobs.topic=grading.jobs." + run,
        "-Dmp.messaging.incoming.grading-results.topic=grading.results." + run,
        "-Dmp.messaging.incoming.grading-results.group.id=api-" + run,
        "-Dmp.messaging.incoming.grading-results.dead-letter-queue.topic=grading.results.dlq." + run));
    config.forEach((k, v) -> props.add("-D" + k + "=" + v));
    start("api", repo.resolve("api-service/target/quarkus-app/quarkus-run.jar"), props,
        Map.of("ARBITER_BOOTSTRAP_TOKEN", bootstrapToken,
            "QUARKUS_DATASOURCE_PASSWORD", script("postgres.sh", "password")));
    awaitReady(port, Duration.ofSeconds(90));
    return apiUrl();
  }

  /** Starts worker number {@code n} (its own http port), waits until it is ready. */
  public void startWorker(int n) throws Exception {
    startWorker(n, Map.of());
  }

  /**
   * Starts worker number {@code n} with extra configuration ({@code -Dkey=value}, e.g. {@code
   * arbiter.worker.concurrency}), waits until it is ready. A worker started again after a kill
   * keeps its name and port, the way a restarted pod keeps its service.
   */
  public void startWorker(int n, Map<String, String> config) throws Exception {
    String name = "worker-" + n;
    int port = ports.computeIfAbsent(name, k -> freePort());
    List<String> props = new ArrayList<>(List.of(
        "-Dquarkus.http.port=" + port,
        "-Dquarkus.http.host=127.0.0.1",
        "-Dkafka.bootstrap.servers=" + kafka(),
        "-Dmp.messaging.incoming.grading-jobs.topic=grading.jobs." + run,
        "-Dmp.messaging.incoming.grading-jobs.group.id=workers-" + run,
        "-Dmp.messaging.outgoing.grading-results.topic=grading.results." + run,
        "-Dmp.messaging.outgoing.grading-jobs-dlq.topic=grading.jobs.dlq." + run,
        "-Darbiter.worker.id=" + name + "-" + run));
    config.forEach((k, v) -> props.add("-D" + k + "=" + v));
    // The worker gets no database settings at all: it must not need them.
    start(name, repo.resolve("worker-service/target/quarkus-app/quarkus-run.jar"), props, Map.of());
    awaitReady(port, Duration.ofSeconds(90));
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + ports.get("api");
  }

  /** The base URL of a process started here ({@code api}, {@code worker-1}, ...). */
  public String url(String name) {
    Integer port = ports.get(name);
    if (port == null) {
      throw new IllegalArgumentException(name + " was never started");
    }
    return "http://127.0.0.1:" + port;
  }

  /** True while the named process started here is alive. */
  public boolean running(String name) {
    Process p = processes.get(name);
    return p != null && p.isAlive();
  }

  /** The Prometheus text a running process exposes at {@code /q/metrics}. */
  public String metrics(String name) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url(name) + "/q/metrics"))
        .header("Accept", "text/plain").timeout(Duration.ofSeconds(10)).build();
    return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
  }

  /**
   * The sum of every sample of a Prometheus metric that a running process exposes at {@code
   * /q/metrics} (all label sets together), or 0 when it exposes none.
   */
  public double metric(String name, String metric) throws IOException, InterruptedException {
    double sum = 0;
    for (String line : metrics(name).split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String sample = brace >= 0 ? line.substring(0, brace) : line.substring(0, Math.max(space, 0));
      if (sample.equals(metric) && space > 0) {
        sum += Double.parseDouble(line.substring(space + 1));
      }
    }
    return sum;
  }
  /** kill -9: no shutdown hooks, no goodbyes. */
  public void kill(String name) throws InterruptedException {
    Process p = processes.remove(name);
    if (p != null) {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  public void stopKafka() {
    script("kafka.sh", "stop");
  }

  public void startKafka() {
    script("kafka.sh", "start");
  }

  /**
   * Stops the shared PostgreSQL (a fast shutdown: open sessions are cut, as in a crash or a
   * failover). Callers must {@link #startPostgres()} again in a finally block.
   */
  public void stopPostgres() {
    script("postgres.sh", "stop");
  }

  public void startPostgres() {
    script("postgres.sh", "start");
  }

  private void start(String name, Path jar, List<String> props, Map<String, String> extraEnv)
      throws IOException {
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build from the root (mvn verify / ./arbiter test)");
    }
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx384m"));
    cmd.addAll(props);
    cmd.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
    // A clean environment: nothing of the test JVM's leaks into the services.
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    pb.environment().put("HOME", System.getProperty("user.home"));
    pb.environment().putAll(extraEnv);
    processes.put(name, pb.start());
  }

  private void awaitReady(int port, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
        .timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("service on port " + port + " not ready in " + timeout
        + "; logs in " + logs);
  }

  @Override
  public void close() throws Exception {
    for (String name : new ArrayList<>(processes.keySet())) {
      Process p = processes.remove(name);
      p.destroy();
      if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    try (Connection c = adminConnection(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  public Connection connect() throws java.sql.SQLException {
    return DriverManager.getConnection(jdbcUrl(), env("ARBITER_PG_USER", "arbiter"),
        script("postgres.sh", "password"));
  }

  private Connection adminConnection() throws java.sql.SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + env("ARBITER_PG_PORT", "55432") + "/arbiter",
        env("ARBITER_PG_USER", "arbiter"), script("postgres.sh", "password"));
  }

  /** Runs scripts/NAME COMMAND and returns its standard output. */
  public String script(String name, String command) {
    try {
      Process p = new ProcessBuilder(repo.resolve("scripts").resolve(name).toString(), command)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("scripts/" + name + " " + command + " failed");
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("scripts/kafka.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the repository root");
    }
    return dir;
  }
}
