package dev.arbiter.worker.launch.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.worker.launch.RunLauncher;
import dev.arbiter.worker.launch.RunReport;
import dev.arbiter.worker.launch.RunSpec;
import dev.arbiter.worker.launch.RunnerProtocol;
import dev.arbiter.worker.launch.SandboxFailure;
import dev.arbiter.worker.launch.TestExecution;
import dev.arbiter.worker.launch.Termination;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs each batch of a run's tests as a Kubernetes Job in the sandbox namespace (RuntimeClass
 * gVisor, deny-all network, restricted pod security), inputs in a read-only Secret, results read
 * back from the pod log through the shared runner protocol. Returns a {@link RunReport} exactly
 * like the local launcher: judging is not its business.
 *
 * <p>Waiting is event-driven: two shared informers (Jobs and pods of the sandbox namespace) wake
 * the waiting run; timers only bound the wait (start timeout, Job deadline). At most {@link
 * KubernetesSandboxConfig#maxConcurrentJobs()} Jobs per worker run at once. A Job and its Secret are
 * deleted once read; the Secret is also owned by the Job, so the cluster's garbage collector and
 * the Job's TTL clean up after a worker that died, and {@link #reapOrphans()} does at start-up.
 *
 * <p>{@code @Typed}: not a {@link RunLauncher} bean by itself; {@code LauncherSelection} decides.
 */
@ApplicationScoped
@Typed(KubernetesJobLauncher.class)
public class KubernetesJobLauncher implements RunLauncher, AutoCloseable {

  /** Label the Job controller puts on a Job's pods (and its pre-1.27 spelling). */
  static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

  static final String LEGACY_JOB_NAME_LABEL = "job-name";

  /** After the Job is final, how long the log reader may still take. */
  private static final Duration LOG_GRACE = Duration.ofSeconds(30);

  /** Past the Job's own deadline, how long the worker still waits for the Job controller. */
  private static final Duration CONTROLLER_GRACE = Duration.ofSeconds(60);

  private static final int DELETE_ATTEMPTS = 3;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JOB_INDEX = "job";

  private final KubernetesClient client;
  private final KubernetesSandboxConfig config;
  private final Clock clock;
  private final Semaphore slots;
  private final Map<String, Wakeup> waiting = new ConcurrentHashMap<>();
  private final ExecutorService logReaders;
  private SharedIndexInformer<Job> jobInformer;
  private SharedIndexInformer<Pod> podInformer;

  @Inject
  public KubernetesJobLauncher(KubernetesClient client, KubernetesSandboxConfig config) {
    this(client, config, Clock.systemUTC());
  }

  /** For tests: a launcher on any client (e.g. the Fabric8 mock server) and clock. */
  public KubernetesJobLauncher(
      KubernetesClient client, KubernetesSandboxConfig config, Clock clock) {
    this.client = client;
    this.config = config;
    this.clock = clock;
    this.slots = new Semaphore(config.maxConcurrentJobs(), true);
    this.logReaders =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "arbiter-sandbox-log");
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public RunReport launch(RunSpec spec) throws SandboxFailure {
    if (spec.tests().isEmpty()) {
      return new RunReport(List.of(), 0);
    }
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxFailure("interrupted while waiting for a sandbox slot", e);
    }
    try {
      ensureInformers();
      int perJob = testsPerJob(spec);
      List<TestExecution> executions = new ArrayList<>();
      int attempt = 0;
      while (executions.size() < spec.tests().size()) {
        attempt++;
        int from = executions.size();
        SandboxBatch batch = new SandboxBatch(
            spec, attempt, from, batchEnd(spec, from, perJob), RunnerProtocol.newNonce());
        executions.addAll(runBatch(batch));
      }
      return new RunReport(List.copyOf(executions), attempt);
    } finally {
      slots.release();
    }
  }

  /**
   * Deletes what earlier lives of this worker left behind (same {@link
   * KubernetesSandboxConfig#workerId()}, e.g. after a container restart) and any sandbox Job that
   * has outlived its own deadline by {@link KubernetesSandboxConfig#orphanGrace()} (its worker is
   * gone: a live one would have given up on it long ago), with their Secrets.
   *
   * @return how many Jobs and Secrets were deleted
   */
  public int reapOrphans() {
    Instant now = clock.instant();
    String me = SandboxLabels.labelValue(config.workerId());
    int reaped = 0;
    List<Job> jobs =
        client.batch().v1().jobs().inNamespace(config.namespace())
            .withLabelSelector(SandboxLabels.SANDBOX_SELECTOR).list().getItems();
    List<String> liveJobs = new ArrayList<>();
    for (Job job : jobs) {
      long deadline = job.getSpec() == null || job.getSpec().getActiveDeadlineSeconds() == null
          ? 0 : job.getSpec().getActiveDeadlineSeconds();
      boolean mine = me.equals(labels(job).get(SandboxLabels.WORKER_ID));
      Instant created = createdAt(job, now);
      boolean expired =
          created.plusSeconds(deadline).plus(config.orphanGrace()).isBefore(now);
      if (mine || expired) {
        deleteJob(job.getMetadata().getName());
        Log.infof("reaped sandbox Job %s (%s)", job.getMetadata().getName(),
            mine ? "left by this worker" : "past its deadline");
        reaped++;
      } else {
        liveJobs.add(job.getMetadata().getName());
      }
    }
    List<Secret> secrets =
        client.secrets().inNamespace(config.namespace())
            .withLabelSelector(SandboxLabels.SANDBOX_SELECTOR).list().getItems();
    for (Secret secret : secrets) {
      String name = secret.getMetadata().getName();
      boolean mine = me.equals(labels(secret).get(SandboxLabels.WORKER_ID));
      boolean abandoned =
          !liveJobs.contains(name)
              && createdAt(secret, now).plus(config.orphanGrace()).isBefore(now);
      if (mine || abandoned) {
        deleteSecret(name);
        reaped++;
      }
    }
    return reaped;
  }

  @PreDestroy
  @Override
  public synchronized void close() {
    if (jobInformer != null) {
      jobInformer.close();
      podInformer.close();
      jobInformer = null;
      podInformer = null;
    }
    logReaders.shutdownNow();
  }

  /** Runs one Job to its end and returns the executions it yields (at least one). */
  private List<TestExecution> runBatch(SandboxBatch batch) throws SandboxFailure {
    String name = batch.objectName();
    Wakeup wakeup = new Wakeup();
    waiting.put(name, wakeup);
    LogFollower follower = null;
    try {
      Launched launched = create(batch);
      Instant createdAt = launched.createdAt();
      Instant hardDeadline =
          createdAt
              .plus(SandboxJobManifest.activeDeadline(batch, config))
              .plus(CONTROLLER_GRACE);
      boolean seen = false;
      SandboxJobStatus status;
      while (true) {
        Job job = jobInformer.getStore().getByKey(config.namespace() + "/" + name);
        seen |= job != null;
        Instant now = clock.instant();
        List<Pod> pods = podsOf(name);
        status =
            job == null && !seen
                ? notSeenYet(createdAt, now)
                : SandboxJobStatus.of(job, pods, createdAt, now, config.startTimeout());
        if (status.phase().isFinal() && pods.isEmpty() && job != null) {
          // The two informers are not ordered: the Job's final condition may arrive before its
          // pod. Ask the API once for the pod rather than call the log lost.
          pods = podsFromApi(name);
          if (!pods.isEmpty()) {
            status = SandboxJobStatus.of(job, pods, createdAt, now, config.startTimeout());
          }
        }
        if (follower == null && status.podName() != null
            && (status.phase() == SandboxJobStatus.Phase.RUNNING || status.phase().isFinal())) {
          follower = follow(status.podName(), batch, launched.nonce());
        }
        if (status.phase().isFinal()) {
          break;
        }
        if (now.isAfter(hardDeadline)) {
          status = new SandboxJobStatus(SandboxJobStatus.Phase.PLATFORM_FAILED, status.podName(),
              "no verdict from the Job controller by its deadline");
          break;
        }
        Instant next = status.phase() == SandboxJobStatus.Phase.PENDING
            ? min(createdAt.plus(config.startTimeout()).plusMillis(1), hardDeadline)
            : hardDeadline;
        try {
          wakeup.await(Duration.between(now, next));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SandboxFailure("interrupted while waiting for sandbox Job " + name, e);
        }
      }
      Log.infof("sandbox Job %s: %s (%s)", name, status.phase(), status.reason());
      if (status.phase() == SandboxJobStatus.Phase.PLATFORM_FAILED) {
        throw new SandboxFailure("sandbox Job " + name + ": " + status.reason());
      }
      SandboxLog log = readLog(status.podName(), follower, batch, launched.nonce());
      return interpret(batch, status, log);
    } finally {
      waiting.remove(name);
      if (follower != null) {
        follower.close();
      }
      deleteJob(name);
      deleteSecret(name);
    }
  }

  private record Launched(Instant createdAt, String nonce) {}

  /**
   * Creates the Job, then its Secret owned by the Job (the pod waits for the Secret volume). A
   * 409 on the Job means this attempt was already launched (a redelivered job, a restarted
   * worker): the existing Job is adopted with the nonce of its Secret.
   */
  private Launched create(SandboxBatch batch) throws SandboxFailure {
    Job built;
    try {
      built = SandboxJobManifest.build(batch, config);
    } catch (IllegalArgumentException e) {
      throw new SandboxFailure(e.getMessage(), e);
    }
    String name = batch.objectName();
    Job job;
    Job created = null;
    String nonce = batch.nonce();
    try {
      job = client.batch().v1().jobs().inNamespace(config.namespace()).resource(built).create();
      created = job;
      Log.infof("created sandbox Job %s (tests %d..%d of run %s)", name, batch.fromIndex(),
          batch.toIndex() - 1, batch.spec().runId());
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw new SandboxFailure("could not create sandbox Job " + name + ": " + e.getMessage(), e);
      }
      job = client.batch().v1().jobs().inNamespace(config.namespace()).withName(name).get();
      if (job == null || job.getMetadata().getDeletionTimestamp() != null) {
        throw new SandboxFailure("sandbox Job " + name + " exists and is being deleted");
      }
      Secret existing = client.secrets().inNamespace(config.namespace()).withName(name).get();
      if (existing != null) {
        nonce = nonceOf(existing);
      }
      Log.infof("sandbox Job %s was already launched; adopting it", name);
    }
    SandboxBatch withNonce = new SandboxBatch(batch.spec(), batch.attempt(), batch.fromIndex(),
        batch.toIndex(), nonce);
    OwnerReference owner = new OwnerReferenceBuilder()
        .withApiVersion("batch/v1")
        .withKind("Job")
        .withName(name)
        .withUid(job.getMetadata().getUid())
        .withBlockOwnerDeletion(false)
        .withController(false)
        .build();
    try {
      Secret secret = SandboxInputSecret.build(withNonce, config, owner);
      client.secrets().inNamespace(config.namespace()).resource(secret).create();
    } catch (IllegalArgumentException e) {
      throw new SandboxFailure(e.getMessage(), e);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw new SandboxFailure(
            "could not create sandbox Secret " + name + ": " + e.getMessage(), e);
      }
    }
    // A fresh Job's start timeout counts on our clock; an adopted one's from its real creation.
    Instant createdAt = job == created ? clock.instant() : createdAt(job, clock.instant());
    return new Launched(createdAt, nonce);
  }

  private SandboxJobStatus notSeenYet(Instant createdAt, Instant now) {
    // The informer has not delivered our own Job yet; a start timeout still applies.
    return SandboxJobStatus.of(
        new Job(), List.of(), createdAt, now, config.startTimeout());
  }

  /**
   * What the log says, in the light of how the Job ended. A test without a frame is the one that
   * was running: the Job's ending says what happened to it; the tests after it go to a fresh Job.
   */
  private List<TestExecution> interpret(
      SandboxBatch batch, SandboxJobStatus status, SandboxLog log) throws SandboxFailure {
    if (!log.ready()) {
      // The runner never started: image, runtime or our memory sizing, never the student.
      throw new SandboxFailure("sandbox Job " + batch.objectName() + ": runner never became ready ("
          + status.reason() + (log.stop() == null ? "" : "; " + log.stop()) + ")");
    }
    List<TestExecution> executions = new ArrayList<>();
    for (RunnerProtocol.Result result : log.results()) {
      executions.add(shift(RunnerProtocol.toExecution(result, false), batch.fromIndex()));
    }
    if (executions.size() == batch.size()) {
      return executions;
    }
    if (!log.results().isEmpty() && !log.results().get(log.results().size() - 1).sandboxClean()) {
      // The runner could not empty /tmp and stopped on purpose: the rest runs in a fresh sandbox.
      return executions;
    }
    if (!log.complete() && status.phase() == SandboxJobStatus.Phase.COMPLETE) {
      throw new SandboxFailure("sandbox Job " + batch.objectName() + ": log unreadable ("
          + log.stop() + ")");
    }
    int running = batch.fromIndex() + executions.size();
    executions.add(switch (status.phase()) {
      case DEADLINE_EXCEEDED -> RunnerProtocol.timedOutFromOutside(running, 0);
      case OOM_KILLED -> new TestExecution(running, Termination.MEMORY_LIMIT, -1, 9, new byte[0],
          new byte[0], null, null, 0, "killed by the memory limit (sandbox OOM-killed)");
      default -> RunnerProtocol.runnerLost(running, 0,
          log.stop() != null ? log.stop() : "runner ended without a result (" + status.reason() + ")");
    });
    return executions;
  }

  private static TestExecution shift(TestExecution e, int offset) {
    return new TestExecution(e.index() + offset, e.termination(), e.exitCode(), e.signal(),
        e.stdout(), e.stderr(), e.callResultJson(), e.callError(), e.wallMs(), e.detail());
  }

  /**
   * The log of a finished Job: read whole while the pod still exists (authoritative); else what the
   * follower saw before the pod was deleted (the Job controller deletes it at the deadline).
   */
  private SandboxLog readLog(String podName, LogFollower follower, SandboxBatch batch,
      String nonce) {
    long outputBytes = batch.spec().limits().outputBytes();
    long cap = SandboxJobManifest.maxLogBytes(batch);
    if (podName != null) {
      try (InputStream in = client.pods().inNamespace(config.namespace()).withName(podName)
          .inContainer(SandboxJobManifest.CONTAINER).limitBytes(capInt(cap)).getLogInputStream()) {
        if (in != null) {
          return SandboxLog.read(in, nonce, outputBytes, cap);
        }
      } catch (Exception e) {
        Log.debugf("reading the log of %s failed (%s); using the followed log", podName, e);
      }
    }
    if (follower != null) {
      return follower.result(LOG_GRACE);
    }
    return SandboxLog.missing("pod and log are gone");
  }

  /** Follows the pod's log from the moment the container runs, in case the pod is deleted. */
  private LogFollower follow(String podName, SandboxBatch batch, String nonce) {
    long cap = SandboxJobManifest.maxLogBytes(batch);
    try {
      LogWatch watch = client.pods().inNamespace(config.namespace()).withName(podName)
          .inContainer(SandboxJobManifest.CONTAINER).limitBytes(capInt(cap)).watchLog();
      Future<SandboxLog> future = logReaders.submit(
          () -> SandboxLog.read(watch.getOutput(), nonce, batch.spec().limits().outputBytes(), cap));
      return new LogFollower(watch, future);
    } catch (KubernetesClientException e) {
      Log.debugf("following the log of %s failed: %s", podName, e.getMessage());
      return new LogFollower(null, null);
    }
  }

  private record LogFollower(LogWatch watch, Future<SandboxLog> future) {
    SandboxLog result(Duration grace) {
      if (future == null) {
        return SandboxLog.missing("log could not be followed");
      }
      try {
        return future.get(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        close();
        try {
          return future.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception again) {
          return SandboxLog.missing("log follower did not finish");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return SandboxLog.missing("interrupted");
      } catch (Exception e) {
        return SandboxLog.missing("log follower failed: " + e.getMessage());
      }
    }

    void close() {
      if (watch != null) {
        watch.close();
      }
    }
  }

  /** How many tests fit in one Job's log under {@link KubernetesSandboxConfig#maxLogBytes()}. */
  /**
   * One past the last test of the Job that starts at test {@code from}: at most {@code perJob}
   * tests, and never both visible and hidden ones. A Job's Secret holds all of its inputs from the
   * start, so a visible test (whose output the student reads) must not share a sandbox with a
   * hidden test's input.
   */
  static int batchEnd(RunSpec spec, int from, int perJob) {
    int end = Math.min(spec.tests().size(), from + perJob);
    return from < spec.visibleTests() ? Math.min(end, spec.visibleTests()) : end;
  }

  int testsPerJob(RunSpec spec) {
    long perTest = SandboxJobManifest.maxLogBytesPerTest(spec.limits());
    return (int) Math.max(1, Math.min(spec.tests().size(), (config.maxLogBytes() - 4096) / perTest));
  }

  private synchronized void ensureInformers() throws SandboxFailure {
    if (jobInformer != null) {
      return;
    }
    try {
      SharedIndexInformer<Job> jobs = client.batch().v1().jobs().inNamespace(config.namespace())
          .withLabelSelector(SandboxLabels.SANDBOX_SELECTOR).runnableInformer(0);
      jobs.addEventHandler(handler(job -> job.getMetadata().getName()));
      SharedIndexInformer<Pod> pods = client.pods().inNamespace(config.namespace())
          .withLabelSelector(SandboxLabels.SANDBOX_SELECTOR).runnableInformer(0);
      pods.addIndexers(Map.of(JOB_INDEX, pod -> {
        String job = jobNameOf(pod);
        return job == null ? List.of() : List.of(job);
      }));
      pods.addEventHandler(handler(KubernetesJobLauncher::jobNameOf));
      jobs.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
      pods.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
      jobInformer = jobs;
      podInformer = pods;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxFailure("interrupted while starting the sandbox informers", e);
    } catch (Exception e) {
      throw new SandboxFailure("could not watch sandbox Jobs in namespace "
          + config.namespace() + ": " + e.getMessage(), e);
    }
  }

  private <T extends HasMetadata> ResourceEventHandler<T> handler(Function<T, String> jobName) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        wake(jobName.apply(obj));
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        wake(jobName.apply(newObj));
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        wake(jobName.apply(obj));
      }
    };
  }

  private void wake(String jobName) {
    if (jobName != null) {
      Wakeup wakeup = waiting.get(jobName);
      if (wakeup != null) {
        wakeup.signal();
      }
    }
  }

  private List<Pod> podsOf(String jobName) {
    return podInformer.getIndexer().byIndex(JOB_INDEX, jobName);
  }

  private List<Pod> podsFromApi(String jobName) {
    try {
      List<Pod> pods = new ArrayList<>(client.pods().inNamespace(config.namespace())
          .withLabel(JOB_NAME_LABEL, jobName).list().getItems());
      if (pods.isEmpty()) {
        pods.addAll(client.pods().inNamespace(config.namespace())
            .withLabel(LEGACY_JOB_NAME_LABEL, jobName).list().getItems());
      }
      return pods;
    } catch (KubernetesClientException e) {
      return List.of();
    }
  }

  static String jobNameOf(Pod pod) {
    Map<String, String> labels = labels(pod);
    String name = labels.get(JOB_NAME_LABEL);
    return name != null ? name : labels.get(LEGACY_JOB_NAME_LABEL);
  }

  private void deleteJob(String name) {
    // Background propagation: the Job goes at once, its pod right after (no waiting on it).
    delete("Job", name, () -> client.batch().v1().jobs().inNamespace(config.namespace())
        .withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete());
  }

  private void deleteSecret(String name) {
    delete("Secret", name,
        () -> client.secrets().inNamespace(config.namespace()).withName(name).delete());
  }

  /** A few tries against a blip of the API server; then the TTL and the start-up reaper. */
  private static void delete(String kind, String name, Runnable call) {
    for (int attempt = 1; ; attempt++) {
      try {
        call.run();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          return;
        }
        if (attempt == DELETE_ATTEMPTS) {
          Log.warnf("could not delete sandbox %s %s: %s", kind, name, e.getMessage());
          return;
        }
      }
    }
  }

  private static String nonceOf(Secret secret) throws SandboxFailure {
    try {
      String encoded = secret.getData().get(SandboxInputSecret.BATCH_KEY);
      JsonNode batch = JSON.readTree(Base64.getDecoder().decode(encoded));
      return batch.path("hello").path("nonce").asText();
    } catch (Exception e) {
      throw new SandboxFailure("existing sandbox Secret " + secret.getMetadata().getName()
          + " has no readable batch file", e);
    }
  }

  private static Map<String, String> labels(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static Instant createdAt(HasMetadata object, Instant fallback) {
    String timestamp = object.getMetadata().getCreationTimestamp();
    if (timestamp == null) {
      return fallback;
    }
    try {
      return OffsetDateTime.parse(timestamp).toInstant();
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static int capInt(long cap) {
    return (int) Math.min(Integer.MAX_VALUE, cap);
  }

  /** A run's wake-up call from the informers; a missed signal is kept until the next await. */
  private static final class Wakeup {
    private boolean signalled;

    synchronized void signal() {
      signalled = true;
      notifyAll();
    }

    synchronized void await(Duration max) throws InterruptedException {
      long millis = Math.max(1, max.toMillis());
      if (!signalled) {
        wait(millis);
      }
      signalled = false;
    }
  }
}
