package dev.arbiter.worker.launch.kubernetes;

import dev.arbiter.worker.launch.RunnerProtocol;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Secret that carries one Job's inputs into the sandbox: the submission's files and the
 * runner's batch file (hello + the Job's test inputs). Inputs only: {@link
 * dev.arbiter.worker.launch.RunSpec} has no field for expected values, so none can get here. A
 * Secret rather than a ConfigMap because submissions are students' work (RBAC on secrets is
 * tighter and they can be encrypted at rest); immutable, so the kubelet does not watch it.
 */
public final class SandboxInputSecret {

  /** Key of the runner's batch file. */
  public static final String BATCH_KEY = "batch.json";

  private static final String FILE_KEY_PREFIX = "file-";

  private SandboxInputSecret() {}

  /**
   * Builds the Secret; no client calls.
   *
   * @param batch the Job's tests
   * @param config namespace, python path and the size cap
   * @param owner the Job, so the cluster's garbage collector deletes the Secret with it even when
   *     the worker died; null before the Job exists
   * @throws IllegalArgumentException when the inputs exceed {@link
   *     KubernetesSandboxConfig#maxInputBytes()} (etcd refuses objects over 1 MiB)
   */
  public static Secret build(
      SandboxBatch batch, KubernetesSandboxConfig config, OwnerReference owner) {
    Map<String, String> data = new LinkedHashMap<>();
    long total = 0;
    for (Map.Entry<String, String> key : fileKeys(batch.spec().files()).entrySet()) {
      byte[] content = batch.spec().files().get(key.getKey()).getBytes(StandardCharsets.UTF_8);
      total += content.length;
      data.put(key.getValue(), Base64.getEncoder().encodeToString(content));
    }
    byte[] batchFile = batchFile(batch, config).getBytes(StandardCharsets.UTF_8);
    total += batchFile.length;
    data.put(BATCH_KEY, Base64.getEncoder().encodeToString(batchFile));
    if (total > config.maxInputBytes()) {
      throw new IllegalArgumentException(
          "sandbox inputs are "
              + total
              + " bytes, over the "
              + config.maxInputBytes()
              + "-byte Secret limit (arbiter.kubernetes.max-input-bytes)");
    }
    return new SecretBuilder()
        .withNewMetadata()
          .withName(batch.objectName())
          .withNamespace(config.namespace())
          .withLabels(SandboxJobManifest.labels(batch, config))
          .withOwnerReferences(owner == null ? new OwnerReference[0] : new OwnerReference[] {owner})
        .endMetadata()
        .withType("Opaque")
        .withImmutable(true)
        .withData(data)
        .build();
  }

  /**
   * Secret key of each submission file, in file-name order. Keys must match {@code [-._a-zA-Z0-9]+}
   * and file names may have directories, so files get numbered keys and the Job's volume maps each
   * key back to its path.
   */
  public static Map<String, String> fileKeys(Map<String, String> files) {
    Map<String, String> keys = new LinkedHashMap<>();
    int i = 0;
    for (String name : new TreeMap<>(files).keySet()) {
      keys.put(name, FILE_KEY_PREFIX + i++);
    }
    return keys;
  }

  /** The batch file of {@code runner.py --batch}, encoded by the shared protocol codec. */
  static String batchFile(SandboxBatch batch, KubernetesSandboxConfig config) {
    RunnerProtocol.Hello hello =
        RunnerProtocol.Hello.of(batch.nonce(), batch.spec(), config.pythonPath());
    return RunnerProtocol.encodeBatch(hello, batch.tests());
  }
}
