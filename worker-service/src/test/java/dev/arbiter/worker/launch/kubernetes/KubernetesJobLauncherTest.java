package dev.arbiter.worker.launch.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.worker.launch.RunReport;
import dev.arbiter.worker.launch.RunSpec;
import dev.arbiter.worker.launch.SandboxFailure;
import dev.arbiter.worker.launch.Termination;
import dev.arbiter.worker.launch.TestExecution;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
  private MockSandboxCluster cluster;

  /**
   * What the test does as the cluster (Job controller, kubelet, checks) goes through a client of
   * its own: closing the launcher ends its log streams, and the mock server may then close the
   * pooled connection the launcher's client would hand to the next request.
   */
  private KubernetesClient clusterClient;

  @BeforeEach
  void start() {
    clusterClient = server.createClient();
    cluster = new MockSandboxCluster(server, clusterClient);
    launcher = new KubernetesJobLauncher(client, SandboxFixtures.config(), clock);
  }

  @AfterEach
  void stop() {
    launcher.close();
    // close() interrupts the log readers; the mock server may then drop the pooled connection
    // the next request picks, so a cleanup request is retried rather than failing the test.
    retried(() -> clusterClient.batch().v1().jobs().inNamespace(NS).delete());
    retried(() -> clusterClient.pods().inNamespace(NS).delete());
    retried(() -> clusterClient.secrets().inNamespace(NS).delete());
    clusterClient.close();
  }

  private static void retried(Runnable cleanup) {
    for (int attempt = 1; ; attempt++) {
      try {
        cleanup.run();
        return;
      } catch (KubernetesClientException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  @Test
  void completedJobYieldsEachTestsOutputAndIsCleanedUp() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 2);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = cluster.awaitJob(spec, 1);
    String nonce = cluster.nonceOf(job);
    cluster.servePodLog(job, 2, SandboxFixtures.ready(nonce) + SandboxFixtures.result(nonce, 0, "0\n", 0)
        + SandboxFixtures.result(nonce, 1, "2\n", 0));
    cluster.podTerminated(job, 0, "Completed");
    cluster.jobCondition(job, "Complete", "CompletionsReached");

    RunReport done = report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(1, done.attempts());
    assertEquals(List.of(0, 1), done.tests().stream().map(TestExecution::index).toList());
    assertEquals(Termination.EXITED, done.tests().get(1).termination());
    assertEquals("2\n", new String(done.tests().get(1).stdout(), StandardCharsets.UTF_8));
    cluster.assertNoObjectsLeft();
  }

  @Test
  void secretIsOwnedByItsJobSoTheClusterCollectsIt() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = cluster.awaitJob(spec, 1);
    Secret secret = clusterClient.secrets().inNamespace(NS).withName(job).get();
    Job created = clusterClient.batch().v1().jobs().inNamespace(NS).withName(job).get();
    assertEquals(created.getMetadata().getUid(), secret.getMetadata().getOwnerReferences().get(0).getUid());
    assertEquals("Job", secret.getMetadata().getOwnerReferences().get(0).getKind());
    cluster.finishCleanly(job, 1);
    report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void oomKilledSandboxIsMemoryLimitForTheRunningTestAndTheRestRunInAFreshJob() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 3);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String first = cluster.awaitJob(spec, 1);
    String nonce = cluster.nonceOf(first);
    cluster.servePodLog(first, 3, SandboxFixtures.ready(nonce) + SandboxFixtures.result(nonce, 0, "0\n", 0));
    cluster.podTerminated(first, 137, "OOMKilled");
    cluster.jobCondition(first, "Failed", "BackoffLimitExceeded");

    String second = cluster.awaitJob(spec, 2);
    cluster.finishCleanly(second, 1);

    RunReport done = report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(2, done.attempts());
    assertEquals(List.of(Termination.EXITED, Termination.MEMORY_LIMIT, Termination.EXITED),
        done.tests().stream().map(TestExecution::termination).toList());
    assertEquals(List.of(0, 1, 2), done.tests().stream().map(TestExecution::index).toList());
    cluster.assertNoObjectsLeft();
  }

  @Test
  void deadlineExceededIsTimeLimitForTheRunningTest() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = cluster.awaitJob(spec, 1);
    cluster.servePodLog(job, 1, SandboxFixtures.ready(cluster.nonceOf(job)));
    cluster.podRunning(job);
    cluster.jobCondition(job, "Failed", "DeadlineExceeded");

    RunReport done = report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(Termination.TIME_LIMIT, done.tests().get(0).termination());
    cluster.assertNoObjectsLeft();
  }

  @Test
  void deadlineStillCountsWhenTheJobControllerAlreadyDeletedThePod() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 2);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = cluster.awaitJob(spec, 1);
    String nonce = cluster.nonceOf(job);
    // The follower reads the log while the pod runs; then the pod is gone with its log.
    cluster.servePodLog(job, 2, SandboxFixtures.ready(nonce) + SandboxFixtures.result(nonce, 0, "0\n", 0));
    cluster.podRunning(job);
    cluster.awaitLogFollowed(job);
    clusterClient.pods().inNamespace(NS).withName(job + "-pod").delete();
    cluster.jobCondition(job, "Failed", "DeadlineExceeded");

    RunReport done = report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(List.of(Termination.EXITED, Termination.TIME_LIMIT),
        done.tests().stream().map(TestExecution::termination).toList());
  }

  @Test
  void runnerThatExitsMidTestLosesOnlyThatTest() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 2);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = cluster.awaitJob(spec, 1);
    cluster.servePodLog(job, 2, SandboxFixtures.ready(cluster.nonceOf(job)) + "runner: out of memory\n");
    cluster.podTerminated(job, 2, "Error");
    cluster.jobCondition(job, "Failed", "BackoffLimitExceeded");
    String second = cluster.awaitJob(spec, 2);
    cluster.finishCleanly(second, 1);

    RunReport done = report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(List.of(Termination.RUNNER_LOST, Termination.EXITED),
        done.tests().stream().map(TestExecution::termination).toList());
  }

  @Test
  void evictedPodIsASandboxFailureAndNothingIsLeft() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = cluster.awaitJob(spec, 1);
    cluster.setPod(job, new PodStatusBuilder().withPhase("Failed").withReason("Evicted")
        .withMessage("The node was low on resource: memory.").build());

    SandboxFailure failure = failureOf(report);
    assertTrue(failure.getMessage().contains("evicted"), failure.getMessage());
    cluster.assertNoObjectsLeft();
  }

  @Test
  void imagePullFailureIsASandboxFailure() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = cluster.awaitJob(spec, 1);
    cluster.setPod(job, new PodStatusBuilder().withPhase("Pending").addToContainerStatuses(
        new ContainerStatusBuilder().withName("runner").withImage(SandboxFixtures.IMAGE)
            .withNewState().withNewWaiting().withReason("ImagePullBackOff")
            .withMessage("Back-off pulling image").endWaiting().endState().build()).build());

    SandboxFailure failure = failureOf(report);
    assertTrue(failure.getMessage().contains("ImagePullBackOff"), failure.getMessage());
    cluster.assertNoObjectsLeft();
  }

  @Test
  void podUnschedulablePastTheStartTimeoutIsASandboxFailure() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = cluster.awaitJob(spec, 1);
    PodStatus unschedulable = new PodStatusBuilder().withPhase("Pending").addNewCondition()
        .withType("PodScheduled").withStatus("False").withReason("Unschedulable")
        .withMessage("0/3 nodes are available: 3 node(s) didn't match RuntimeClass gvisor")
        .endCondition().build();
    cluster.setPod(job, unschedulable);
    // Still within the start timeout: the launcher keeps waiting.
    assertTrue(!report.isDone());
    clock.advance(Duration.ofSeconds(121));
    cluster.jobAnnotated(job); // any event: the launcher looks again at the (advanced) clock

    SandboxFailure failure = failureOf(report);
    assertTrue(failure.getMessage().contains("Unschedulable"), failure.getMessage());
    cluster.assertNoObjectsLeft();
  }

  @Test
  void nodeLostIsASandboxFailure() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String job = cluster.awaitJob(spec, 1);
    cluster.setPod(job, new PodStatusBuilder().withPhase("Running").addNewCondition()
        .withType("DisruptionTarget").withStatus("True").withReason("DeletionByTaintManager")
        .endCondition().build());

    SandboxFailure failure = failureOf(report);
    assertTrue(failure.getMessage().contains("DeletionByTaintManager"), failure.getMessage());
  }

  @Test
  void retryAfterAPlatformFailureStartsAFreshJob() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    CompletableFuture<RunReport> failed = launchAsync(spec);
    String job = cluster.awaitJob(spec, 1);
    cluster.setPod(job, new PodStatusBuilder().withPhase("Failed").withReason("Evicted").build());
    failureOf(failed);
    clusterClient.pods().inNamespace(NS).delete(); // the Job controller's garbage collection

    CompletableFuture<RunReport> retried = launchAsync(spec);
    String again = cluster.awaitJob(spec, 1);
    cluster.finishCleanly(again, 1);
    assertEquals(Termination.EXITED,
        retried.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS).tests().get(0).termination());
  }

  @Test
  void aRunWhoseLogCouldOverflowOneJobIsSplitAcrossJobs() throws Exception {
    // 2 MiB of log per Job, 1.31 MiB worst case per test at 64 KiB output: one test per Job.
    launcher.close();
    launcher = new KubernetesJobLauncher(client,
        SandboxFixtures.config("arbiter.kubernetes.max-log-bytes", Long.toString(2 << 20)), clock);
    RunSpec spec = SandboxFixtures.run(runId(), 2);
    CompletableFuture<RunReport> report = launchAsync(spec);
    cluster.finishCleanly(cluster.awaitJob(spec, 1), 1);
    cluster.finishCleanly(cluster.awaitJob(spec, 2), 1);
    RunReport done = report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(2, done.attempts());
    assertEquals(List.of(0, 1), done.tests().stream().map(TestExecution::index).toList());
  }

  @Test
  void visibleAndHiddenTestsNeverShareAJobSoNoVisibleTestCanPrintAHiddenInput() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 4, 2);
    CompletableFuture<RunReport> report = launchAsync(spec);
    String visible = cluster.awaitJob(spec, 1);
    assertEquals(List.of("0 0\n", "1 1\n"), cluster.stdinsOf(visible));
    cluster.finishCleanly(visible, 2);
    String hidden = cluster.awaitJob(spec, 2);
    assertEquals(List.of("2 2\n", "3 3\n"), cluster.stdinsOf(hidden));
    cluster.finishCleanly(hidden, 2);
    RunReport done = report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(List.of(0, 1, 2, 3), done.tests().stream().map(TestExecution::index).toList());
    cluster.assertNoObjectsLeft();
  }

  @Test
  void restartedWorkerReapsTheJobItsPreviousLifeLeftBehind() {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    cluster.leaveBehind(spec, "worker-a"); // the old process died mid-run
    cluster.leaveBehind(SandboxFixtures.run(runId(), 1), "worker-b"); // a live peer's run

    int reaped = new KubernetesJobLauncher(client, SandboxFixtures.config(), clock).reapOrphans();

    assertEquals(2, reaped); // the Job and its Secret
    List<Job> left = clusterClient.batch().v1().jobs().inNamespace(NS).list().getItems();
    assertEquals(1, left.size());
    assertEquals("worker-b", left.get(0).getMetadata().getLabels().get(SandboxLabels.WORKER_ID));
    assertEquals(1, clusterClient.secrets().inNamespace(NS).list().getItems().size());
  }

  @Test
  void aPeersJobPastItsDeadlineIsAnOrphan() {
    cluster.leaveBehind(SandboxFixtures.run(runId(), 1), "worker-gone");
    clock.set(Instant.now().plus(Duration.ofHours(1)));
    int reaped = new KubernetesJobLauncher(client, SandboxFixtures.config(), clock).reapOrphans();
    assertEquals(2, reaped);
    cluster.assertNoObjectsLeft();
  }

  @Test
  void redeliveredRunAdoptsTheJobAlreadyLaunched() throws Exception {
    RunSpec spec = SandboxFixtures.run(runId(), 1);
    String job = cluster.leaveBehind(spec, "worker-b"); // another worker launched this very attempt
    String nonce = cluster.nonceOf(job);

    CompletableFuture<RunReport> report = launchAsync(spec);
    cluster.servePodLog(job, 1, SandboxFixtures.ready(nonce) + SandboxFixtures.result(nonce, 0, "0\n", 0));
    cluster.podTerminated(job, 0, "Completed");
    cluster.jobCondition(job, "Complete", "CompletionsReached");

    RunReport done = report.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(Termination.EXITED, done.tests().get(0).termination());
    cluster.assertNoObjectsLeft();
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
