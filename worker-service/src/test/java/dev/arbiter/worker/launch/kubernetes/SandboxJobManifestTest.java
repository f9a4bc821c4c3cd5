package dev.arbiter.worker.launch.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.worker.launch.RunSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxJobManifestTest {

  private static final String NONCE = "0123456789abcdef0123456789abcdef";
  private final KubernetesSandboxConfig config = SandboxFixtures.config();
  private final RunSpec spec = SandboxFixtures.run("run-42", 2);

  @Test
  void jobRunsOncePerBatchWithDeadlineAndTtl() {
    Job job = SandboxJobManifest.build(spec, NONCE, config);
    assertEquals("arbiter-run-42-1", job.getMetadata().getName());
    assertEquals("arbiter-sandbox", job.getMetadata().getNamespace());
    assertEquals(0, job.getSpec().getBackoffLimit());
    assertEquals(1, job.getSpec().getCompletions());
    assertEquals(1, job.getSpec().getParallelism());
    // start timeout 120 s + 2 tests × (5 s wall + 5 s grace)
    assertEquals(140L, job.getSpec().getActiveDeadlineSeconds());
    assertEquals(600, job.getSpec().getTtlSecondsAfterFinished());
  }

  @Test
  void podHasNoCredentialsNoServiceLinksAndGvisor() {
    PodSpec pod = SandboxJobManifest.build(spec, NONCE, config).getSpec().getTemplate().getSpec();
    assertEquals("gvisor", pod.getRuntimeClassName());
    assertEquals("Never", pod.getRestartPolicy());
    assertEquals(false, pod.getAutomountServiceAccountToken());
    assertEquals("arbiter-sandbox", pod.getServiceAccountName());
    assertEquals(false, pod.getEnableServiceLinks());
    assertEquals(false, pod.getHostNetwork());
    assertEquals(false, pod.getHostPID());
    assertEquals(false, pod.getHostIPC());
    assertEquals(true, pod.getSecurityContext().getRunAsNonRoot());
    assertEquals(65534L, pod.getSecurityContext().getRunAsUser());
    assertEquals(65534L, pod.getSecurityContext().getRunAsGroup());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
  }

  @Test
  void runtimeClassNoneLeavesTheClusterDefault() {
    KubernetesSandboxConfig none = SandboxFixtures.config("arbiter.kubernetes.runtime-class-name", "none");
    assertNull(SandboxJobManifest.build(spec, NONCE, none).getSpec().getTemplate().getSpec()
        .getRuntimeClassName());
  }

  @Test
  void containerIsRestrictedReadOnlyAndGuaranteed() {
    Container c = container(SandboxJobManifest.build(spec, NONCE, config));
    assertEquals("runner", c.getName());
    assertEquals(SandboxFixtures.IMAGE, c.getImage());
    assertEquals(List.of("/usr/bin/python3", "-I", "-S", "-B", "/sandbox/runner.py", "--batch",
        "/sandbox/input/batch.json"), c.getCommand());
    var sc = c.getSecurityContext();
    assertEquals(true, sc.getRunAsNonRoot());
    assertEquals(65534L, sc.getRunAsUser());
    assertEquals(false, sc.getPrivileged());
    assertEquals(false, sc.getAllowPrivilegeEscalation());
    assertEquals(true, sc.getReadOnlyRootFilesystem());
    assertEquals(List.of("ALL"), sc.getCapabilities().getDrop());
    assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty());
    assertEquals("RuntimeDefault", sc.getSeccompProfile().getType());
    // 200 MiB memory + 64 MiB /tmp tmpfs + 32 MiB runner; log of 2 tests + 16 MiB.
    Map<String, Quantity> expected = Map.of(
        "cpu", new Quantity("1000m"),
        "memory", new Quantity(Long.toString((200L + 64 + 32) << 20)),
        "ephemeral-storage", new Quantity(Long.toString(4096 + 2 * (5 * 65536 + (1 << 20)) + (16L << 20))));
    assertEquals(expected, c.getResources().getLimits());
    assertEquals(c.getResources().getLimits(), c.getResources().getRequests());
    assertEquals(Map.of("LANG", "C.UTF-8", "HOME", "/tmp", "PYTHONDONTWRITEBYTECODE", "1"),
        c.getEnv().stream().collect(java.util.stream.Collectors.toMap(e -> e.getName(), e -> e.getValue())));
  }

  @Test
  void inputsAreMountedReadOnlyAndTmpIsASizedTmpfs() {
    Job job = SandboxJobManifest.build(spec, NONCE, config);
    Container c = container(job);
    assertEquals(3, c.getVolumeMounts().size());
    c.getVolumeMounts().forEach(m -> assertEquals(!m.getMountPath().equals("/tmp"),
        Boolean.TRUE.equals(m.getReadOnly()), m.getMountPath()));
    List<Volume> volumes = job.getSpec().getTemplate().getSpec().getVolumes();
    Volume source = volumes.get(0);
    assertEquals("source", source.getName());
    assertEquals("arbiter-run-42-1", source.getSecret().getSecretName());
    assertEquals(0444, source.getSecret().getDefaultMode());
    assertEquals(List.of(new KeyToPath("file-0", null, "lib/util.py"),
        new KeyToPath("file-1", null, "main.py")), source.getSecret().getItems());
    assertEquals(List.of(new KeyToPath("batch.json", null, "batch.json")),
        volumes.get(1).getSecret().getItems());
    Volume tmp = volumes.get(2);
    assertEquals("Memory", tmp.getEmptyDir().getMedium());
    assertEquals(new Quantity(Long.toString(64L << 20)), tmp.getEmptyDir().getSizeLimit());
  }

  @Test
  void jobPodAndSecretCarryTheSameLabels() {
    Job job = SandboxJobManifest.build(spec, NONCE, config);
    Map<String, String> expected = Map.of(
        "app.kubernetes.io/part-of", "arbiter",
        "app.kubernetes.io/component", "sandbox",
        "app.kubernetes.io/managed-by", "arbiter-worker",
        "arbiter.dev/run-id", "run-42",
        "arbiter.dev/attempt", "1",
        "arbiter.dev/submission-id", "sub-1",
        "arbiter.dev/exercise-id", "ex-1",
        "arbiter.dev/worker-id", "worker-a");
    assertEquals(expected, job.getMetadata().getLabels());
    assertEquals(expected, job.getSpec().getTemplate().getMetadata().getLabels());
    Secret secret = SandboxInputSecret.build(
        new SandboxBatch(spec, 1, 0, 2, NONCE), config, null);
    assertEquals(expected, secret.getMetadata().getLabels());
  }

  @Test
  void secretHoldsFilesAndInputsButNoExpectedValues() throws Exception {
    OwnerReference owner = new OwnerReference("batch/v1", false, false, "Job", "arbiter-run-42-1", "uid-1");
    Secret secret = SandboxInputSecret.build(new SandboxBatch(spec, 1, 0, 2, NONCE), config, owner);
    assertEquals("arbiter-run-42-1", secret.getMetadata().getName());
    assertEquals(List.of(owner), secret.getMetadata().getOwnerReferences());
    assertEquals(true, secret.getImmutable());
    assertEquals(List.of("file-0", "file-1", "batch.json"), List.copyOf(secret.getData().keySet()));
    assertEquals(spec.files().get("main.py"), decode(secret, "file-1"));
    JsonNode batch = new ObjectMapper().readTree(decode(secret, "batch.json"));
    assertEquals(NONCE, batch.get("hello").get("nonce").asText());
    assertEquals("main.py", batch.get("hello").get("entrypoint").asText());
    assertEquals("/sandbox/src", batch.get("hello").get("workdir").asText());
    assertEquals(2, batch.get("tests").size());
    assertEquals("1 1\n", batch.get("tests").get(1).get("stdin").asText());
    assertFalse(decode(secret, "batch.json").contains("expected"));
  }

  @Test
  void laterBatchCarriesOnlyItsTestsNumberedFromZero() throws Exception {
    RunSpec five = SandboxFixtures.run("run-5", 5);
    Secret secret = SandboxInputSecret.build(new SandboxBatch(five, 2, 3, 5, NONCE), config, null);
    assertEquals("arbiter-run-5-2", secret.getMetadata().getName());
    JsonNode tests = new ObjectMapper().readTree(decode(secret, "batch.json")).get("tests");
    assertEquals(2, tests.size());
    assertEquals(0, tests.get(0).get("index").asInt());
    assertEquals("3 3\n", tests.get(0).get("stdin").asText());
  }

  @Test
  void callTestInputsReachTheBatchFile() throws Exception {
    RunSpec call = SandboxFixtures.callRun("run-c");
    Secret secret = SandboxInputSecret.build(new SandboxBatch(call, 1, 0, 1, NONCE), config, null);
    JsonNode test = new ObjectMapper().readTree(decode(secret, "batch.json")).get("tests").get(0);
    assertEquals("call", test.get("kind").asText());
    assertEquals("add", test.get("function").asText());
    assertEquals("[-2,-3]", test.get("args").toString());
  }

  @Test
  void inputsOverTheSecretLimitAreRefused() {
    KubernetesSandboxConfig small = SandboxFixtures.config("arbiter.kubernetes.max-input-bytes", "100");
    assertThrows(IllegalArgumentException.class,
        () -> SandboxInputSecret.build(new SandboxBatch(spec, 1, 0, 2, NONCE), small, null));
  }

  @Test
  void unknownLanguageHasNoImage() {
    RunSpec java = new RunSpec("r", "s", "e", "java17", "Main.java", Map.of(), spec.tests(),
        spec.visibleTests(), spec.limits());
    assertThrows(IllegalArgumentException.class, () -> SandboxJobManifest.build(java, NONCE, config));
  }

  @Test
  void namesAndLabelValuesAreValidForAnyId() {
    String ugly = "Run/ID with spaces & a very long tail that goes past sixty-three characters easily";
    String name = SandboxLabels.objectName(ugly, 12);
    assertTrue(name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") && name.length() <= 63, name);
    assertTrue(name.endsWith("-12"));
    String label = SandboxLabels.labelValue(ugly);
    assertTrue(label.matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?") && label.length() <= 63, label);
    assertFalse(SandboxLabels.labelValue(ugly + "x").equals(label));
    assertEquals("9f3c2a10-2b1e-4c55-8f7e-0d9c1b2a3e4f",
        SandboxLabels.labelValue("9f3c2a10-2b1e-4c55-8f7e-0d9c1b2a3e4f"));
  }

  @Test
  void sandboxImageHasTheRunnerInterpreterAndUserTheJobExpects() throws Exception {
    String dockerfile = java.nio.file.Files.readString(ChartRendering.repoRoot()
        .resolve("worker-service/src/main/docker/Dockerfile.sandbox-python"));
    assertTrue(dockerfile.contains("src/main/resources/sandbox/runner.py " + config.runnerPath()));
    assertTrue(dockerfile.contains("USER " + SandboxJobManifest.SANDBOX_UID + ":" + SandboxJobManifest.SANDBOX_UID));
    assertTrue(dockerfile.contains("ENTRYPOINT [\"" + config.pythonPath() + "\""));
    assertTrue(dockerfile.contains("mkdir -p /sandbox/src " + SandboxJobManifest.INPUT_DIR));
  }

  private static Container container(Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static String decode(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }
}
