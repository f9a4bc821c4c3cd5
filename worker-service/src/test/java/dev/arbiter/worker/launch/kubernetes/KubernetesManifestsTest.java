package dev.arbiter.worker.launch.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * k8s/ is the chart rendered as plain manifests, one object per file. The chart is the source of
 * truth; this test fails when the two drift. Regenerate with
 * {@code mvn -pl worker-service verify -Dtest=KubernetesManifestsTest -Darbiter.regenerate-k8s=true}.
 */
class KubernetesManifestsTest {

  /** File number of each kind: the order {@code kubectl apply -f k8s/} creates them in. */
  private static final Map<String, Integer> KIND_ORDER = Map.ofEntries(
      Map.entry("Namespace", 0),
      Map.entry("RuntimeClass", 10),
      Map.entry("ServiceAccount", 20),
      Map.entry("Role", 30),
      Map.entry("RoleBinding", 35),
      Map.entry("NetworkPolicy", 40),
      Map.entry("ResourceQuota", 50),
      Map.entry("LimitRange", 55),
      Map.entry("Deployment", 60),
      Map.entry("Service", 70),
      Map.entry("PodDisruptionBudget", 80),
      Map.entry("HorizontalPodAutoscaler", 90),
      Map.entry("ScaledObject", 900));

  @Test
  void k8sDirectoryIsThePlainRenderingOfTheChart() throws Exception {
    Map<Path, String> expected = new LinkedHashMap<>(files(ChartRendering.PLAIN, false));
    Map<String, Object> keda = new HashMap<>(ChartRendering.PLAIN);
    keda.put("worker.keda.enabled", true);
    files(keda, true).forEach((path, text) -> {
      if (path.getParent() != null) {
        expected.put(path, text);
      }
    });
    if (Boolean.getBoolean("arbiter.regenerate-k8s")) {
      write(expected);
    }
    Map<Path, String> actual = new LinkedHashMap<>();
    for (Path file : ChartRendering.k8sFiles(true)) {
      actual.put(ChartRendering.k8sDir().relativize(file), Files.readString(file));
    }
    assertEquals(expected.keySet(), actual.keySet(), "files in k8s/");
    expected.forEach((path, text) -> assertEquals(text, actual.get(path), path.toString()));
  }

  @Test
  void everyFileIsOneTypedObjectNamedAfterIt() throws Exception {
    for (Path file : ChartRendering.k8sFiles(true)) {
      List<String> documents = ChartRendering.documents(Files.readString(file));
      assertEquals(1, documents.size(), file.toString());
      HasMetadata object = ChartRendering.parse(documents.get(0));
      assertTrue(file.getFileName().toString().matches(
          "\\d{3}-" + object.getKind() + "-" + object.getMetadata().getName() + "\\.yaml"), file.toString());
      assertEquals(object.getKind().equals("ScaledObject"),
          object instanceof GenericKubernetesResource, file + " parses as a Fabric8 model class");
    }
  }

  @Test
  void plainManifestsCarryNoHelmBookkeepingAndNoSecrets() throws Exception {
    for (HasMetadata object : ChartRendering.k8sObjects(true)) {
      assertFalse(object.getMetadata().getLabels().containsKey("helm.sh/chart"), object.getKind());
      assertFalse(object.getKind().equals("Secret"), "a Secret is committed");
    }
  }

  /** Chart objects as k8s/ files; optional ones (the KEDA ScaledObject) under optional/. */
  private static Map<Path, String> files(Map<String, Object> values, boolean optionalOnly) {
    Map<Path, String> files = new LinkedHashMap<>();
    Map<String, Integer> perKind = new HashMap<>();
    List<String> documents = new ArrayList<>(ChartRendering.documents(ChartRendering.template(values)));
    documents.sort((a, b) -> Integer.compare(order(a), order(b)));
    for (String document : documents) {
      HasMetadata object = ChartRendering.parse(document);
      int number = KIND_ORDER.get(object.getKind()) + perKind.merge(object.getKind(), 1, Integer::sum) - 1;
      String name = String.format("%03d-%s-%s.yaml", number, object.getKind(), object.getMetadata().getName());
      Path path = KIND_ORDER.get(object.getKind()) >= 900 ? Path.of("optional", name) : Path.of(name);
      if (!optionalOnly || path.getParent() != null) {
        files.put(path, stripSource(document));
      }
    }
    return files;
  }

  private static int order(String document) {
    return KIND_ORDER.get(ChartRendering.parse(document).getKind());
  }

  /**
   * Replaces Helm's "# Source: …" line by a header naming the source; the rest (comments
   * included) is the template's text.
   */
  private static String stripSource(String document) {
    return document.lines().filter(l -> !l.startsWith("# Source: "))
        .reduce(new StringBuilder(GENERATED), (sb, l) -> sb.append(l).append('\n'), StringBuilder::append)
        .toString();
  }

  private static final String GENERATED =
      "# Generated from helm/arbiter (plain=true) by KubernetesManifestsTest: edit the chart.\n";

  private static void write(Map<Path, String> files) throws Exception {
    Path dir = ChartRendering.k8sDir();
    for (Path old : ChartRendering.k8sFiles(true)) {
      Files.delete(old);
    }
    for (Map.Entry<Path, String> file : files.entrySet()) {
      Path target = dir.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
  }
}
