package dev.arbiter.worker.launch.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** helm lint and helm template of helm/arbiter, every rendered object parsed by Fabric8. */
class HelmChartTest {

  @Test
  void chartPassesStrictLint() {
    LintResult lint = new Helm(ChartRendering.chart()).lint().strict().call();
    assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
  }

  @Test
  void defaultRenderIsEveryPieceAsATypedKubernetesObject() {
    List<HasMetadata> objects = ChartRendering.render(Map.of());
    objects.forEach(o -> assertFalse(o instanceof GenericKubernetesResource,
        "not a known Kubernetes kind: " + o.getKind()));
    Set<String> kinds = objects.stream()
        .map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(Collectors.toSet());
    assertEquals(Set.of(
        "Namespace/arbiter-sandbox",
        "RuntimeClass/gvisor",
        "ServiceAccount/arbiter-api", "ServiceAccount/arbiter-worker",
        "ServiceAccount/arbiter-sandbox",
        "Role/arbiter-worker", "RoleBinding/arbiter-worker",
        "NetworkPolicy/sandbox-deny-all", "NetworkPolicy/default-deny-all",
        "NetworkPolicy/arbiter-api", "NetworkPolicy/arbiter-worker",
        "ResourceQuota/sandbox-quota", "LimitRange/sandbox-limits",
        "Deployment/arbiter-api", "Deployment/arbiter-worker",
        "Service/arbiter-api", "Service/arbiter-worker",
        "PodDisruptionBudget/arbiter-api", "PodDisruptionBudget/arbiter-worker",
        "HorizontalPodAutoscaler/arbiter-api", "HorizontalPodAutoscaler/arbiter-worker"), kinds);
    objects.forEach(o -> assertEquals("arbiter",
        o.getMetadata().getLabels().get("app.kubernetes.io/part-of"), o.getKind()));
  }

  @Test
  void servicesRunNonRootReadOnlyWithoutCapabilitiesAndWithProbes() {
    for (String name : List.of("arbiter-api", "arbiter-worker")) {
      Deployment deployment =
          ChartRendering.find(ChartRendering.render(Map.of()), Deployment.class, name);
      var pod = deployment.getSpec().getTemplate().getSpec();
      var container = pod.getContainers().get(0);
      assertEquals(true, pod.getSecurityContext().getRunAsNonRoot());
      assertEquals(true, container.getSecurityContext().getReadOnlyRootFilesystem());
      assertEquals(false, container.getSecurityContext().getAllowPrivilegeEscalation());
      assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
      assertEquals("RuntimeDefault", container.getSecurityContext().getSeccompProfile().getType());
      assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath());
      assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
      assertEquals(container.getResources().getRequests().get("memory"),
          container.getResources().getLimits().get("memory"));
    }
  }

  @Test
  void secretsAreReferencedByNameNeverRendered() {
    String yaml = ChartRendering.template(Map.of());
    assertFalse(yaml.contains("kind: Secret"));
    Deployment api = ChartRendering.find(ChartRendering.render(Map.of()), Deployment.class, "arbiter-api");
    var env = api.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    env.stream().filter(e -> e.getName().contains("PASSWORD") || e.getName().contains("TOKEN"))
        .forEach(e -> assertTrue(e.getValue() == null && e.getValueFrom().getSecretKeyRef() != null,
            e.getName()));
  }

  @Test
  void gvisorOffDropsTheRuntimeClassAndTellsTheWorker() {
    List<HasMetadata> objects = ChartRendering.render(Map.of("gvisor.enabled", false));
    assertTrue(objects.stream().noneMatch(RuntimeClass.class::isInstance));
    Deployment worker = ChartRendering.find(objects, Deployment.class, "arbiter-worker");
    assertEquals("none", worker.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
        .stream().filter(e -> e.getName().equals("ARBITER_KUBERNETES_RUNTIME_CLASS_NAME"))
        .findFirst().orElseThrow().getValue());
  }

  @Test
  void kedaReplacesTheWorkersCpuAutoscaler() {
    List<HasMetadata> objects = ChartRendering.render(Map.of("worker.keda.enabled", true));
    HasMetadata scaled = objects.stream().filter(o -> o.getKind().equals("ScaledObject"))
        .findFirst().orElseThrow();
    assertInstanceOf(GenericKubernetesResource.class, scaled); // a CRD: no Fabric8 model class
    assertEquals("keda.sh/v1alpha1", scaled.getApiVersion());
    assertTrue(objects.stream().noneMatch(o -> o instanceof HorizontalPodAutoscaler
        && o.getMetadata().getName().equals("arbiter-worker")));
  }

  @Test
  void ingressAndImageDigestsComeFromValues() {
    List<HasMetadata> objects = ChartRendering.render(Map.of(
        "ingress.enabled", true, "ingress.host", "grader.example.edu",
        "ingress.tlsSecretName", "grader-tls",
        "images.worker.digest", "sha256:" + "b".repeat(64)));
    Ingress ingress = ChartRendering.find(objects, Ingress.class, "arbiter-api");
    assertEquals("grader.example.edu", ingress.getSpec().getRules().get(0).getHost());
    assertEquals("grader-tls", ingress.getSpec().getTls().get(0).getSecretName());
    Deployment worker = ChartRendering.find(objects, Deployment.class, "arbiter-worker");
    assertEquals("registry.example.org/arbiter/arbiter-worker@sha256:" + "b".repeat(64),
        worker.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
  }

  @Test
  void networkPoliciesCanBeLeftToThePlatform() {
    assertTrue(ChartRendering.render(Map.of("networkPolicy.enabled", false)).stream()
        .noneMatch(NetworkPolicy.class::isInstance));
  }

  @Test
  void schemaRejectsValuesOfTheWrongShape() {
    for (Map<String, Object> bad : List.<Map<String, Object>>of(
        Map.of("worker.replicas", "many"),
        Map.of("worker.maxConcurrentJobs", 0),
        Map.of("images.pullPolicy", "Sometimes"),
        Map.of("postgresql.password", "committed-by-mistake"))) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> ChartRendering.template(bad));
      assertTrue(e.getMessage().contains("schema"), bad + ": " + e.getMessage());
    }
  }
}
