package dev.arbiter.worker.launch.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.worker.launch.RunSpec;
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
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Plays the cluster's part around the Fabric8 mock API server: the mock has no Job controller or
 * kubelet, so this creates a Job's pod, writes pod and Job status, and serves the pod log as an
 * expectation (CRUD mode has no log subresource).
 */
final class MockSandboxCluster {

  static final String NS = "arbiter-sandbox";
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  /** Requests taken off the server's queue while waiting for one; kept for whoever audits them. */
  final List<RecordedRequest> taken = new java.util.ArrayList<>();

  MockSandboxCluster(KubernetesMockServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
  }

  /** Waits until the launcher has created attempt {@code attempt}'s Job and its Secret. */
  String awaitJob(RunSpec spec, int attempt) throws InterruptedException {
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
  void awaitLogFollowed(String job) throws InterruptedException {
    long giveUp = System.nanoTime() + HANG_GUARD.toNanos();
    while (true) {
      var request = server.takeRequest(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
      if (request != null) {
        taken.add(request);
      }
      if (request == null || System.nanoTime() > giveUp) {
        throw new AssertionError("launcher never followed the log of " + job);
      }
      if (request.getPath().startsWith("/api/v1/namespaces/" + NS + "/pods/" + job + "-pod/log")
          && request.getPath().contains("follow=true")) {
        return;
      }
    }
  }

  String nonceOf(String job) throws Exception {
    Secret secret = client.secrets().inNamespace(NS).withName(job).get();
    byte[] batch = Base64.getDecoder().decode(secret.getData().get(SandboxInputSecret.BATCH_KEY));
    return new ObjectMapper().readTree(batch).get("hello").get("nonce").asText();
  }

  /** Creates (or replaces the status of) the Job's pod, labelled as the Job controller would. */
  void setPod(String job, PodStatus status) {
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

  void podRunning(String job) {
    setPod(job, new PodStatusBuilder().withPhase("Running").addToContainerStatuses(
        new ContainerStatusBuilder().withName("runner").withNewState().withNewRunning()
            .withStartedAt("2026-01-01T00:00:01Z").endRunning().endState().build()).build());
  }

  void podTerminated(String job, int exitCode, String reason) {
    setPod(job, new PodStatusBuilder().withPhase(exitCode == 0 ? "Succeeded" : "Failed")
        .addToContainerStatuses(new ContainerStatusBuilder().withName("runner").withNewState()
            .withNewTerminated().withExitCode(exitCode).withReason(reason)
            .withStartedAt("2026-01-01T00:00:01Z").endTerminated().endState().build()).build());
  }

  /**
   * Writes the Job controller's final condition. The launcher may already have finished on the
   * pod's state alone and deleted the Job; then there is nothing to write.
   */
  void jobCondition(String job, String type, String reason) {
    try {
      client.batch().v1().jobs().inNamespace(NS).withName(job).editStatus(current ->
          new JobBuilder(current).withStatus(new JobStatusBuilder().addNewCondition()
              .withType(type).withStatus("True").withReason(reason).endCondition().build())
              .build());
    } catch (KubernetesClientException e) {
      assertEquals(404, e.getCode(), e.getMessage());
    }
  }

  /** Any update of the Job, so the launcher looks again; it may already have finished. */
  void jobAnnotated(String job) {
    try {
      client.batch().v1().jobs().inNamespace(NS).withName(job).edit(j -> new JobBuilder(j)
          .editMetadata().addToAnnotations("poke", UUID.randomUUID().toString()).endMetadata()
          .build());
    } catch (KubernetesClientException e) {
      assertEquals(404, e.getCode(), e.getMessage());
    }
  }


  /** Serves the pod log of a Job of {@code tests} tests, followed or read whole, as the kubelet. */
  void servePodLog(String job, int tests, String log) {
    RunSpec any = SandboxFixtures.run("any", tests);
    long cap = SandboxJobManifest.maxLogBytes(new SandboxBatch(any, 1, 0, tests, "n"));
    String base = "/api/v1/namespaces/" + NS + "/pods/" + job + "-pod/log"
        + "?pretty=false&container=runner&limitBytes=" + cap;
    server.expect().get().withPath(base).andReturn(200, log).always();
    server.expect().get().withPath(base + "&follow=true").andReturn(200, log).always();
  }

  /** The pod of {@code job} ran {@code tests} tests, each printing its index, and exited 0. */
  void finishCleanly(String job, int tests) throws Exception {
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
  String leaveBehind(RunSpec spec, String workerId) {
    KubernetesSandboxConfig other = SandboxFixtures.config("arbiter.kubernetes.worker-id", workerId);
    SandboxBatch batch = new SandboxBatch(spec, 1, 0, spec.tests().size(),
        "ffffffffffffffffffffffffffffffff");
    client.batch().v1().jobs().inNamespace(NS).resource(SandboxJobManifest.build(batch, other)).create();
    client.secrets().inNamespace(NS).resource(SandboxInputSecret.build(batch, other, null)).create();
    return batch.objectName();
  }

  /** The stdin of each test in {@code job}'s input Secret, in run order. */
  List<String> stdinsOf(String job) throws Exception {
    Secret secret = client.secrets().inNamespace(NS).withName(job).get();
    byte[] batch = Base64.getDecoder().decode(secret.getData().get(SandboxInputSecret.BATCH_KEY));
    List<String> stdins = new ArrayList<>();
    new ObjectMapper().readTree(batch).get("tests").forEach(test -> stdins.add(test.get("stdin").asText()));
    return stdins;
  }

  void assertNoObjectsLeft() {
    assertTrue(client.batch().v1().jobs().inNamespace(NS).list().getItems().isEmpty(), "Jobs left");
    assertTrue(client.secrets().inNamespace(NS).list().getItems().isEmpty(), "Secrets left");
  }

}
