package dev.arbiter.worker.launch.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.worker.launch.RunLauncher;
import dev.arbiter.worker.launch.RunReport;
import dev.arbiter.worker.launch.RunSpec;
import dev.arbiter.worker.launch.SandboxFailure;
import dev.arbiter.worker.launch.Termination;
import dev.arbiter.worker.job.KafkaResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged worker with {@code arbiter.worker.launcher=kubernetes}: the {@link RunLauncher} it
 * injects (the one the Grader uses) is the Kubernetes launcher, configured from application
 * properties, talking to the cluster Quarkus' client points at (here the Fabric8 mock server).
 */
@QuarkusTest
@TestProfile(KubernetesLauncherSelectionTest.KubernetesMode.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
class KubernetesLauncherSelectionTest {

  /** Kubernetes mode, with a worker id of its own. */
  public static class KubernetesMode implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "arbiter.worker.launcher", "kubernetes",
          "arbiter.kubernetes.worker-id", "selection-test");
    }
  }

  @KubernetesTestServer
  KubernetesServer mockServer;

  @Inject
  RunLauncher launcher;

  @Test
  void kubernetesModeRunsTestsAsGvisorJobsInTheSandboxNamespace() throws Exception {
    MockSandboxCluster cluster =
        new MockSandboxCluster(mockServer.getKubernetesMockServer(), mockServer.getClient());
    RunSpec spec = SandboxFixtures.run("sel-" + UUID.randomUUID().toString().substring(0, 8), 1);
    CompletableFuture<RunReport> report = CompletableFuture.supplyAsync(() -> {
      try {
        return launcher.launch(spec);
      } catch (SandboxFailure e) {
        throw new IllegalStateException(e);
      }
    });
    String name = cluster.awaitJob(spec, 1);
    Job job = mockServer.getClient().batch().v1().jobs().inNamespace(MockSandboxCluster.NS)
        .withName(name).get();
    assertEquals("gvisor", job.getSpec().getTemplate().getSpec().getRuntimeClassName());
    assertEquals("selection-test", job.getMetadata().getLabels().get(SandboxLabels.WORKER_ID));
    assertEquals("registry.example.org/arbiter/sandbox-python:0.1.0",
        job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    cluster.finishCleanly(name, 1);

    RunReport done = report.get(60, TimeUnit.SECONDS);
    assertEquals(Termination.EXITED, done.tests().get(0).termination());
    cluster.assertNoObjectsLeft();
  }
}
