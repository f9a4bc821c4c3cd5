package dev.arbiter.worker.launch.kubernetes;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chart in helm/arbiter and the manifests in k8s/, rendered and parsed into Fabric8 model
 * objects. Helm runs in-process from helm-java's bundled native library: nothing is downloaded.
 */
final class ChartRendering {

  /** Values that render the plain manifests of k8s/ (no Helm labels, both namespaces created). */
  static final Map<String, Object> PLAIN = Map.of("plain", true, "namespaces.createServices", true);

  /** The oldest Kubernetes the chart supports (Chart.yaml kubeVersion). */
  static final String KUBE_VERSION = "v1.27.0";

  private ChartRendering() {}

  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("helm/arbiter"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("helm/arbiter not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static Path chart() {
    return repoRoot().resolve("helm/arbiter");
  }

  static Path k8sDir() {
    return repoRoot().resolve("k8s");
  }

  /** {@code helm template arbiter helm/arbiter -n arbiter --set …}. */
  static String template(Map<String, Object> values) {
    TemplateCommand command =
        new Helm(chart()).template().withName("arbiter").withNamespace("arbiter")
            .withKubeVersion(KUBE_VERSION);
    values.forEach(command::set);
    return command.call();
  }

  /** YAML documents of a multi-document stream, empty ones dropped. */
  static List<String> documents(String yaml) {
    List<String> documents = new ArrayList<>();
    for (String document : yaml.split("(?m)^---\\s*$")) {
      boolean empty = document.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"));
      if (!empty) {
        documents.add(document.strip() + "\n");
      }
    }
    return documents;
  }

  /** Parses one document into its Fabric8 model class (GenericKubernetesResource if unknown). */
  static HasMetadata parse(String document) {
    Object parsed = Serialization.unmarshal(document);
    if (!(parsed instanceof HasMetadata object)) {
      throw new IllegalArgumentException("not a Kubernetes object: " + document);
    }
    return object;
  }

  static List<HasMetadata> render(Map<String, Object> values) {
    return documents(template(values)).stream().map(ChartRendering::parse).toList();
  }

  /** Every object of k8s/ (one per file), optional ones included when asked. */
  static List<HasMetadata> k8sObjects(boolean withOptional) throws Exception {
    List<HasMetadata> objects = new ArrayList<>();
    for (Path file : k8sFiles(withOptional)) {
      objects.add(parse(Files.readString(file)));
    }
    return objects;
  }

  static List<Path> k8sFiles(boolean withOptional) throws Exception {
    try (Stream<Path> files = Files.walk(k8sDir())) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .filter(f -> withOptional || f.getParent().equals(k8sDir()))
          .sorted()
          .toList();
    }
  }

  @SuppressWarnings("unchecked")
  static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> kind, String name) {
    return (T) objects.stream()
        .filter(o -> kind.isInstance(o) && o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
  }
}
