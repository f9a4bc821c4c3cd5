package dev.arbiter.worker.launch.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.worker.launch.RunReport;
import dev.arbiter.worker.launch.RunSpec;
import dev.arbiter.worker.launch.SandboxFailure;
import dev.arbiter.worker.launch.Termination;
import dev.arbiter.worker.launch.TestExecution;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes launcher against the Fabric8 mock API server in CRUD mode. The mock has no Job
 * controller or kubelet, so each test plays them: it creates the Job's pod, writes pod and Job
 * status, and serves the pod log as an expectation (CRUD mode has no log subresource).
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobLauncherTest {

  private static final String NS = "arbiter-sandbox";
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);

  static KubernetesMockServer server;
  static KubernetesClient client;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private KubernetesJobLauncher launcher;

  @BeforeEach
  void start() {
    launcher = new KubernetesJobLauncher(client, SandboxFixtures.config(), clock);
  }

  @AfterEach
  void stop() {
    launcher.close();
    client.batch().v1().jobs().inNamespace(NS).delete();
    client.pods().inNamespace(NS).delete();
    client.secrets().inNamespace(NS).delete();
  }

  @Test
  void completedJobYieldsEachTestsOutputAndIsCleanedUp() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 2);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = awaitJob(spec, 1);
    String nonce = nonceOf(job);
    servePodLog(job, 2, SandboxFixtures.ready(nonce) + SandboxFixtures.result(nonce, 0, "0\n", 0)
        + SandboxFixtures.result(nonce, 1, "2\n", 0));
    podTerminated(job, 0, "Completed");
    jobCondition(job, "Complete", "CompletionsReached");

    RunReport done = report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(1, done.attempts());
    assertEquals(List.of(0, 1), done.tests().stream().map(TestExecution::index).toList());
    assertEquals(Termination.EXITED, done.tests().get(1).termination());
    assertEquals("2\n", new String(done.tests().get(1).stdout(), StandardCharsets.UTF_8));
    assertNoObjectsLeft();
  }

  @Test
  void secretIsOwnedByItsJobSoTheClusterCollectsIt() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = awaitJob(spec, 1);
    Secret secret = client.secrets().inNamespace(NS).withName(job).get();
    Job created = client.batch().v1().jobs().inNamespace(NS).withName(job).get();
    assertEquals(created.getMetadata().getUid(), secret.getMetadata().getOwnerReferences().get(0).getUid());
    assertEquals("Job", secret.getMetadata().getOwnerReferences().get(0).getKind());
    finishCleanly(job, 1);
    report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void oomKilledSandboxIsMemoryLimitForTheRunningTestAndTheRestRunInAFreshJob() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 3);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String first = awaitJob(spec, 1);
    String nonce = nonceOf(first);
    servePodLog(first, 3, SandboxFixtures.ready(nonce) + SandboxFixtures.result(nonce, 0, "0\n", 0));
    podTerminated(first, 137, "OOMKilled");
    jobCondition(first, "Failed", "BackoffLimitExceeded");

    String second = awaitJob(spec, 2);
    finishCleanly(second, 1);

    RunReport done = report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(2, done.attempts());
    assertEquals(List.of(Termination.EXITED, Termination.MEMORY_LIMIT, Termination.EXITED),
        done.tests().stream().map(TestExecution::termination).toList());
    assertEquals(List.of(0, 1, 2), done.tests().stream().map(TestExecution::index).toList());
    assertNoObjectsLeft();
  }

  @Test
  void deadlineExceededIsTimeLimitForTheRunningTest() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = awaitJob(spec, 1);
    servePodLog(job, 1, SandboxFixtures.ready(nonceOf(job)));
    podRunning(job);
    jobCondition(job, "Failed", "DeadlineExceeded");

    RunReport done = report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(Termination.TIME_LIMIT, done.tests().get(0).termination());
    assertNoObjectsLeft();
  }

  @Test
  void deadlineStillCountsWhenTheJobControllerAlreadyDeletedThePod() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 2);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = awaitJob(spec, 1);
    String nonce = nonceOf(job);
    // The follower reads the log while the pod runs; then the pod is gone with its log.
    servePodLog(job, 2, SandboxFixtures.ready(nonce) + SandboxFixtures.result(nonce, 0, "0\n", 0));
    podRunning(job);
    awaitLogFollowed(job);
    client.pods().inNamespace(NS).withName(job + "-pod").delete();
    jobCondition(job, "Failed", "DeadlineExceeded");

    RunReport done = report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(List.of(Termination.EXITED, Termination.TIME_LIMIT),
        done.tests().stream().map(TestExecution::termination).toList());
  }

  @Test
  void runnerThatExitsMidTestLosesOnlyThatTest() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 2);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = awaitJob(spec, 1);
    servePodLog(job, 2, SandboxFixtures.ready(nonceOf(job)) + "runner: out of memory\n");
    podTerminated(job, 2, "Error");
    jobCondition(job, "Failed", "BackoffLimitExceeded");
    String second = awaitJob(spec, 2);
    finishCleanly(second, 1);

    RunReport done = report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(List.of(Termination.RUNNER_LOST, Termination.EXITED),
        done.tests().stream().map(TestExecution::termination).toList());
  }

  @Test
  void evictedPodIsASandboxFailureAndNothingIsLeft() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = awaitJob(spec, 1);
    setPod(job, new PodStatusBuilder().withPhase("Failed").withReason("Evicted")
        .withMessage("The node was low on resource: memory.").build());

    SandboxFailure failure = failureOf(report);
    assertTrue(failure.getMessage().contains("evicted"), failure.getMessage());
    assertNoObjectsLeft();
  }

  @Test
  void imagePullFailureIsASandboxFailure() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = awaitJob(spec, 1);
    setPod(job, new PodStatusBuilder().withPhase("Pending").addToContainerStatuses(
        new ContainerStatusBuilder().withName("runner").withImage(SandboxFixtures.IMAGE)
            .withNewState().withNewWaiting().withReason("ImagePullBackOff")
            .withMessage("Back-off pulling image").endWaiting().endState().build()).build());

    SandboxFailure failure = failureOf(report);
    assertTrue(failure.getMessage().contains("ImagePullBackOff"), failure.getMessage());
    assertNoObjectsLeft();
  }

  @Test
  void podUnschedulablePastTheStartTimeoutIsASandboxFailure() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = awaitJob(spec, 1);
    PodStatus unschedulable = new PodStatusBuilder().withPhase("Pending").addNewCondition()
        .withType("PodScheduled").withStatus("False").withReason("Unschedulable")
        .withMessage("0/3 nodes are available: 3 node(s) didn't match RuntimeClass gvisor")
        .endCondition().build();
    setPod(job, unschedulable);
    // Still within the start timeout: the launcher keeps waiting.
    assertTrue(!report.isDone());
    clock.advance(Duration.ofSeconds(121));
    jobAnnotated(job); // any event: the launcher looks again at the (advanced) clock

    SandboxFailure failure = failureOf(report);
    assertTrue(failure.getMessage().contains("Unschedulable"), failure.getMessage());
    assertNoObjectsLeft();
  }

  @Test
  void nodeLostIsASandboxFailure() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = awaitJob(spec, 1);
    setPod(job, new PodStatusBuilder().withPhase("Running").addNewCondition()
        .withType("DisruptionTarget").withStatus("True").withReason("DeletionByTaintManager")
        .endCondition().build());

    SandboxFailure failure = failureOf(report);
    assertTrue(failure.getMessage().contains("DeletionByTaintManager"), failure.getMessage());
  }

  @Test
  void retryAfterAPlatformFailureStartsAFreshJob() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    CompletableFuture<RunReport> failed = launchAsync(spec);
    String job = awaitJob(spec, 1);
    setPod(job, new PodStatusBuilder().withPhase("Failed").withReason("Evicted").build());
    failureOf(failed);
    client.pods().inNamespace(NS).delete(); // the Job controller's garbage collection

    CompletableFuture<RunReport> retried = launchAsync(spec);
    String again = awaitJob(spec, 1);
    finishCleanly(again, 1);
    assertEquals(Termination.EXITED,
        retried.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS).tests().get(0).termination());
  }

  @Test
  void aRunWhoseLogCouldOverflowOneJobIsSplitAcrossJobs() throws Exception {
    // 2 MiB of log per Job, 1.25 MiB worst case per test at 64 KiB output: one test per Job.
    launcher.close();
    launcher = new KubernetesJobLauncher(client,
        SandboxFixtures.config("arbiter.kubernetes.max-log-bytes", Long.toString(2 << 20)), clock);
    RunSpec spec = SandboxFixtures.run(runId(), 2);
    CompletableFuture<RunReport> report = launchAsync(spec);
    finishCleanly(awaitJob(spec, 1), 1);
    finishCleanly(awaitJob(spec, 2), 1);
    RunReport done = report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(2, done.attempts());
    assertEquals(List.of(0, 1), done.tests().stream().map(TestExecution::index).toList());
  }

  @Test
  void restartedWorkerReapsTheJobItsPreviousLifeLeftBehind() {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    leaveBehind(spec, "worker-a"); // the old process died mid-run
    leaveBehind(SandboxFixtures.run(runId(), 1), "worker-b"); // a live peer's run

    int reaped = new KubernetesJobLauncher(client, SandboxFixtures.config(), clock).reapOrphans();

    assertEquals(2, reaped); // the Job and its Secret
    List<Job> left = client.batch().v1().jobs().inNamespace(NS).list().getItems();
    assertEquals(1, left.size());
    assertEquals("worker-b", left.get(0).getMetadata().getLabels().get(SandboxLabels.WORKER_ID));
    assertEquals(1, client.secrets().inNamespace(NS).list().getItems().size());
  }

  @Test
  void aPeersJobPastItsDeadlineIsAnOrphan() {
    leaveBehind(SandboxFixtures.run(runId(), 1), "worker-gone");
    clock.set(Instant.now().plus(Duration.ofHours(1)));
    int reaped = new KubernetesJobLauncher(client, SandboxFixtures.config(), clock).reapOrphans();
    assertEquals(2, reaped);
    assertNoObjectsLeft();
  }

  @Test
  void redeliveredRunAdoptsTheJobAlreadyLaunched() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    String job = leaveBehind(spec, "worker-b"); // another worker launched this very attempt
    String nonce = nonceOf(job);

    CompletableFuture<RunReport> report = launchAsync(spec);
    servePodLog(job, 1, SandboxFixtures.ready(nonce) + SandboxFixtures.result(nonce, 0, "0\n", 0));
    podTerminated(job, 0, "Completed");
    jobCondition(job, "Complete", "CompletionsReached");

    RunReport done = report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(Termination.EXITED, done.tests().get(0).termination());
    assertNoObjectsLeft();
  }

  // --- the cluster's part, played by the test ---

  private CompletableFuture<RunReport> launchAsync(RunSpec spec) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return launcher.launch(spec);
      } catch (SandboxFailure e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static SandboxFailure failureOf(CompletableFuture<RunReport> report) throws Exception {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS));
    return (SandboxFailure) e.getCause().getCause();
  }

  /** Waits until the launcher has created attempt {@code attempt}'s Job and its Secret. */
  private static String awaitJob(RunSpec spec, int attempt) throws InterruptedException {
    String name = SandboxLabels.objectName(spec.runId(), attempt);
    long giveUp = System.nanoTime() + HANG_GUARD.toNanos();
    while (client.secrets().inNamespace(NS).withName(name).get() == null) {
      if (System.nanoTime() > giveUp) {
        throw new AssertionError("launcher never created " + name);
      }
      Thread.sleep(20);
    }
    assertNotNull(client.batch().v1().jobs().inNamespace(NS).withName(name).get());
    return name;
  }

  /** Waits until the launcher has opened the follow stream of the job's pod log. */
  private static void awaitLogFollowed(String job) throws InterruptedException {
    long giveUp = System.nanoTime() + HANG_GUARD.toNanos();
    while (true) {
      var request = server.takeRequest(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
      if (request == null || System.nanoTime() > giveUp) {
        throw new AssertionError("launcher never followed the log of " + job);
      }
      if (request.getPath().startsWith("/api/v1/namespaces/" + NS + "/pods/" + job + "-pod/log")
          && request.getPath().contains("follow=true")) {
        return;
      }
    }
  }

  private static String nonceOf(String job) throws Exception {
    Secret secret = client.secrets().inNamespace(NS).withName(job).get();
    byte[] batch = Base64.getDecoder().decode(secret.getData().get(SandboxInputSecret.BATCH_KEY));
    return new ObjectMapper().readTree(batch).get("hello").get("nonce").asText();
  }

  /** Creates (or replaces the status of) the Job's pod, labelled as the Job controller would. */
  private static void setPod(String job, PodStatus status) {
    Job owner = client.batch().v1().jobs().inNamespace(NS).withName(job).get();
    Map<String, String> labels = new HashMap<>(owner.getSpec().getTemplate().getMetadata().getLabels());
    labels.put(KubernetesJobLauncher.JOB_NAME_LABEL, job);
    Pod pod = new PodBuilder().withNewMetadata().withName(job + "-pod").withNamespace(NS)
        .withLabels(labels).endMetadata()
        .withSpec(owner.getSpec().getTemplate().getSpec())
        .withStatus(status).build();
    if (client.pods().inNamespace(NS).withName(job + "-pod").get() == null) {
      client.pods().inNamespace(NS).resource(pod).create();
    } else {
      client.pods().inNamespace(NS).resource(pod).updateStatus();
    }
  }

  private static void podRunning(String job) {
    setPod(job, new PodStatusBuilder().withPhase("Running").addToContainerStatuses(
        new ContainerStatusBuilder().withName("runner").withNewState().withNewRunning()
            .withStartedAt("2026-01-01T00:00:01Z").endRunning().endState().build()).build());
  }

  private static void podTerminated(String job, int exitCode, String reason) {
    setPod(job, new PodStatusBuilder().withPhase(exitCode == 0 ? "Succeeded" : "Failed")
        .addToContainerStatuses(new ContainerStatusBuilder().withName("runner").withNewState()
            .withNewTerminated().withExitCode(exitCode).withReason(reason)
            .withStartedAt("2026-01-01T00:00:01Z").endTerminated().endState().build()).build());
  }

  /**
   * Writes the Job controller's final condition. The launcher may already have finished on the
   * pod's state alone and deleted the Job; then there is nothing to write.
   */
  private static void jobCondition(String job, String type, String reason) {
    try {
      client.batch().v1().jobs().inNamespace(NS).withName(job).editStatus(current ->
          new JobBuilder(current).withStatus(new JobStatusBuilder().addNewCondition()
              .withType(type).withStatus("True").withReason(reason).endCondition().build())
              .build());
    } catch (KubernetesClientException e) {
      assertEquals(404, e.getCode(), e.getMessage());
    }
  }

  private static void jobAnnotated(String job) {
    client.batch().v1().jobs().inNamespace(NS).withName(job)
        .edit(j -> new JobBuilder(j).editMetadata().addToAnnotations("poke", UUID.randomUUID().toString())
            .endMetadata().build());
  }

  /** Serves the pod log of a Job of {@code tests} tests, followed or read whole, as the kubelet. */
  private static void servePodLog(String job, int tests, String log) {
    RunSpec any = SandboxFixtures.run("any", tests);
    long cap = SandboxJobManifest.maxLogBytes(new SandboxBatch(any, 1, 0, tests, "n"));
    String base = "/api/v1/namespaces/" + NS + "/pods/" + job + "-pod/log"
        + "?pretty=false&container=runner&limitBytes=" + cap;
    server.expect().get().withPath(base).andReturn(200, log).always();
    server.expect().get().withPath(base + "&follow=true").andReturn(200, log).always();
  }

  /** The pod of {@code job} ran {@code tests} tests, each printing its index, and exited 0. */
  private static void finishCleanly(String job, int tests) throws Exception {
    String nonce = nonceOf(job);
    StringBuilder log = new StringBuilder(SandboxFixtures.ready(nonce));
    for (int i = 0; i < tests; i++) {
      log.append(SandboxFixtures.result(nonce, i, i + "\n", 0));
    }
    servePodLog(job, tests, log.toString());
    podTerminated(job, 0, "Completed");
    jobCondition(job, "Complete", "CompletionsReached");
  }

  /** A Job and Secret as a worker that then died would have left them. */
  private String leaveBehind(RunSpec spec, String workerId) {
    KubernetesSandboxConfig other = SandboxFixtures.config("arbiter.kubernetes.worker-id", workerId);
    SandboxBatch batch = new SandboxBatch(spec, 1, 0, spec.tests().size(),
        "ffffffffffffffffffffffffffffffff");
    client.batch().v1().jobs().inNamespace(NS).resource(SandboxJobManifest.build(batch, other)).create();
    client.secrets().inNamespace(NS).resource(SandboxInputSecret.build(batch, other, null)).create();
    return batch.objectName();
  }

  private static void assertNoObjectsLeft() {
    assertTrue(client.batch().v1().jobs().inNamespace(NS).list().getItems().isEmpty(), "Jobs left");
    assertTrue(client.secrets().inNamespace(NS).list().getItems().isEmpty(), "Secrets left");
  }

  private static String runId() {
    return "run-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A clock the test moves, so "past the start timeout" needs no real waiting. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
