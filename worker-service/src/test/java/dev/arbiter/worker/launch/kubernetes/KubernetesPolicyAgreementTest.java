package dev.arbiter.worker.launch.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.common.status.RunLimits;
import dev.arbiter.worker.launch.RunReport;
import dev.arbiter.worker.launch.RunSpec;
import dev.arbiter.worker.launch.SandboxFailure;
import dev.arbiter.worker.launch.SandboxLimits;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Job the launcher builds agrees with the policies around it, in the chart and in k8s/: the
 * launcher is configured from the rendered worker Deployment's environment, and its Job must land
 * in the namespace the policies cover, under the RuntimeClass, inside the LimitRange, selected by
 * the deny-all NetworkPolicy, admitted by Pod Security "restricted"; and the worker's Role grants
 * exactly the API calls the launcher was seen making against the mock server.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesPolicyAgreementTest {

  private static final String LAUNCHER_AGENT = "arbiter-launcher-under-test";

  static KubernetesMockServer server;
  static KubernetesClient client;

  static Stream<List<HasMetadata>> sources() throws Exception {
    return Stream.of(ChartRendering.render(ChartRendering.PLAIN), ChartRendering.k8sObjects(false));
  }

  @ParameterizedTest
  @MethodSource("sources")
  void jobLandsInTheSandboxNamespaceUnderTheRuntimeClass(List<HasMetadata> policies) {
    Job job = jobFor(policies, SandboxFixtures.run("run-1", 3));
    String sandbox = job.getMetadata().getNamespace();
    Namespace namespace = ChartRendering.find(policies, Namespace.class, sandbox);
    assertEquals("restricted", namespace.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"));
    RuntimeClass runtime = ChartRendering.find(policies, RuntimeClass.class,
        job.getSpec().getTemplate().getSpec().getRuntimeClassName());
    assertEquals("runsc", runtime.getHandler());
    assertEquals(sandbox, ChartRendering.find(policies, Role.class, "arbiter-worker").getMetadata().getNamespace());
    assertEquals(sandbox, ChartRendering.find(policies, ResourceQuota.class, "sandbox-quota").getMetadata().getNamespace());
  }

  @ParameterizedTest
  @MethodSource("sources")
  void denyAllNetworkPolicySelectsTheJobsPod(List<HasMetadata> policies) {
    Job job = jobFor(policies, SandboxFixtures.run("run-1", 1));
    Map<String, String> podLabels = job.getSpec().getTemplate().getMetadata().getLabels();
    List<NetworkPolicy> sandboxPolicies = policies.stream()
        .filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
        .filter(p -> p.getMetadata().getNamespace().equals(job.getMetadata().getNamespace()))
        .toList();
    assertEquals(1, sandboxPolicies.size(), "exactly one policy in the sandbox namespace");
    NetworkPolicy denyAll = sandboxPolicies.get(0);
    var selector = denyAll.getSpec().getPodSelector();
    Map<String, String> required = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    assertTrue(podLabels.entrySet().containsAll(required.entrySet()), "selector " + required);
    assertTrue(selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(denyAll.getSpec().getPolicyTypes()));
    assertTrue(denyAll.getSpec().getIngress() == null || denyAll.getSpec().getIngress().isEmpty());
    assertTrue(denyAll.getSpec().getEgress() == null || denyAll.getSpec().getEgress().isEmpty());
  }

  @ParameterizedTest
  @MethodSource("sources")
  void jobResourcesFitTheLimitRangeForDefaultAndLargeExercises(List<HasMetadata> policies) {
    LimitRangeItem limits = ChartRendering.find(policies, LimitRange.class, "sandbox-limits")
        .getSpec().getLimits().get(0);
    for (RunLimits exercise : List.of(RunLimits.DEFAULTS, new RunLimits(30, 1024, 1024, 512, 256))) {
      RunSpec spec = new RunSpec("run-1", "s", "e", "python3", "main.py", Map.of("main.py", ""),
          SandboxFixtures.run("x", 20).tests(), 20, SandboxLimits.from(exercise));
      Container container = jobFor(policies, spec).getSpec().getTemplate().getSpec().getContainers().get(0);
      for (var limit : container.getResources().getLimits().entrySet()) {
        BigDecimal value = limit.getValue().getNumericalAmount();
        Quantity max = limits.getMax().get(limit.getKey());
        assertNotNull(max, "LimitRange has no max for " + limit.getKey());
        assertTrue(value.compareTo(max.getNumericalAmount()) <= 0, limit + " over " + max);
        Quantity min = limits.getMin() == null ? null : limits.getMin().get(limit.getKey());
        assertTrue(min == null || value.compareTo(min.getNumericalAmount()) >= 0, limit + " under " + min);
      }
      ResourceQuota quota = ChartRendering.find(policies, ResourceQuota.class, "sandbox-quota");
      for (String resource : List.of("cpu", "memory", "ephemeral-storage")) {
        assertTrue(quota.getSpec().getHard().containsKey("limits." + resource), resource);
        assertEquals(container.getResources().getLimits().get(resource),
            container.getResources().getRequests().get(resource));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("sources")
  void jobPodMeetsPodSecurityRestrictedAndHasNoIdentity(List<HasMetadata> policies) {
    PodSpec pod = jobFor(policies, SandboxFixtures.run("run-1", 1)).getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);
    // Pod Security Standards, restricted profile (v1.27+).
    assertEquals(true, pod.getSecurityContext().getRunAsNonRoot());
    assertFalse(pod.getSecurityContext().getRunAsUser() == 0);
    assertEquals(false, c.getSecurityContext().getAllowPrivilegeEscalation());
    assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
    assertTrue(pod.getVolumes().stream().allMatch(v -> v.getSecret() != null || v.getEmptyDir() != null));
    assertTrue(c.getPorts() == null || c.getPorts().isEmpty());
    // Its service account exists in the sandbox namespace, never mounts a token, is bound to nothing.
    ServiceAccount account = ChartRendering.find(policies, ServiceAccount.class, pod.getServiceAccountName());
    assertEquals(MockSandboxCluster.NS, account.getMetadata().getNamespace());
    assertEquals(false, account.getAutomountServiceAccountToken());
    assertEquals(false, pod.getAutomountServiceAccountToken());
    policies.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
        .flatMap(b -> b.getSubjects().stream())
        .forEach(s -> assertFalse(s.getName().equals(pod.getServiceAccountName())
            || s.getName().equals("default"), "bound: " + s.getName()));
  }

  @ParameterizedTest
  @MethodSource("sources")
  void workerRoleGrantsExactlyTheCallsTheLauncherMakes(List<HasMetadata> policies) throws Exception {
    Role role = ChartRendering.find(policies, Role.class, "arbiter-worker");
    Set<String> granted = new TreeSet<>();
    for (PolicyRule rule : role.getRules()) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            granted.add((group.isEmpty() ? "" : group + "/") + resource + ":" + verb);
          }
        }
      }
    }
    assertEquals(callsOfTheLauncher(), granted);
    RoleBinding binding = ChartRendering.find(policies, RoleBinding.class, "arbiter-worker");
    assertEquals(role.getMetadata().getNamespace(), binding.getMetadata().getNamespace());
    assertEquals("arbiter-worker", binding.getSubjects().get(0).getName());
  }

  private static Set<String> recorded;

  /**
   * Runs the launcher through its paths (a run, a Job adopted after a 409, a Job whose pod the
   * controller deleted, orphan reaping) against the mock server with its own user agent, and
   * turns the requests it made into RBAC resource:verb pairs.
   */
  private static synchronized Set<String> callsOfTheLauncher() throws Exception {
    if (recorded != null) {
      return recorded;
    }
    KubernetesClient agentClient = new KubernetesClientBuilder().withConfig(
        new ConfigBuilder(client.getConfiguration()).withUserAgent(LAUNCHER_AGENT).build()).build();
    MockSandboxCluster cluster = new MockSandboxCluster(server, client);
    KubernetesJobLauncher launcher =
        new KubernetesJobLauncher(agentClient, SandboxFixtures.config(), Clock.systemUTC());
    try {
      RunSpec plain = SandboxFixtures.run("rbac-" + UUID.randomUUID().toString().substring(0, 8), 1);
      CompletableFuture<RunReport> first = async(launcher, plain);
      cluster.finishCleanly(cluster.awaitJob(plain, 1), 1);
      first.get(60, TimeUnit.SECONDS);

      RunSpec adopted = SandboxFixtures.run("rbac-" + UUID.randomUUID().toString().substring(0, 8), 1);
      String job = cluster.leaveBehind(adopted, "worker-b");
      CompletableFuture<RunReport> second = async(launcher, adopted);
      cluster.finishCleanly(job, 1);
      second.get(60, TimeUnit.SECONDS);

      RunSpec deleted = SandboxFixtures.run("rbac-" + UUID.randomUUID().toString().substring(0, 8), 1);
      CompletableFuture<RunReport> third = async(launcher, deleted);
      String job3 = cluster.awaitJob(deleted, 1);
      String nonce = cluster.nonceOf(job3);
      cluster.servePodLog(job3, 1, SandboxFixtures.ready(nonce));
      cluster.podRunning(job3);
      cluster.awaitLogFollowed(job3);
      client.pods().inNamespace(MockSandboxCluster.NS).withName(job3 + "-pod").delete();
      cluster.jobCondition(job3, "Failed", "DeadlineExceeded");
      third.get(60, TimeUnit.SECONDS);

      cluster.leaveBehind(SandboxFixtures.run("rbac-orphan", 1), "worker-a");
      launcher.reapOrphans();
    } finally {
      launcher.close();
      agentClient.close();
    }
    List<RecordedRequest> requests = new java.util.ArrayList<>(cluster.taken);
    RecordedRequest request;
    while ((request = server.takeRequest(1, TimeUnit.SECONDS)) != null) {
      requests.add(request);
    }
    Set<String> calls = new TreeSet<>();
    for (RecordedRequest r : requests) {
      if (LAUNCHER_AGENT.equals(r.getHeader("User-Agent"))) {
        calls.add(rbacOf(r));
      }
    }
    recorded = calls;
    return calls;
  }

  private static CompletableFuture<RunReport> async(KubernetesJobLauncher launcher, RunSpec spec) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return launcher.launch(spec);
      } catch (SandboxFailure e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** "group/resource[/subresource]:verb" of one request, in the sandbox namespace only. */
  static String rbacOf(RecordedRequest request) {
    String path = request.getPath();
    String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
    path = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    String[] parts = path.split("/");
    // /api/v1/namespaces/NS/RES[/NAME[/SUB]] or /apis/GROUP/VERSION/namespaces/NS/RES[/NAME[/SUB]]
    int ns = path.startsWith("/apis/") ? 4 : 3;
    String group = path.startsWith("/apis/") ? parts[2] + "/" : "";
    assertEquals("namespaces", parts[ns], "a cluster-wide call: " + path);
    assertEquals(MockSandboxCluster.NS, parts[ns + 1], "a call outside the sandbox namespace: " + path);
    String resource = parts[ns + 2];
    boolean named = parts.length > ns + 3;
    if (parts.length > ns + 4) {
      resource = resource + "/" + parts[ns + 4];
    }
    String verb = switch (request.getMethod()) {
      case "GET" -> named ? "get" : (query.contains("watch=true") ? "watch" : "list");
      case "POST" -> "create";
      case "DELETE" -> named ? "delete" : "deletecollection";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      default -> request.getMethod();
    };
    return group + resource + ":" + verb;
  }

  /** The launcher's Job for {@code spec}, configured as the policies' worker Deployment says. */
  private static Job jobFor(List<HasMetadata> policies, RunSpec spec) {
    Deployment worker = ChartRendering.find(policies, Deployment.class, "arbiter-worker");
    Map<String, String> env = worker.getSpec().getTemplate().getSpec().getContainers().get(0)
        .getEnv().stream().filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    KubernetesSandboxConfig config = SandboxFixtures.configFromEnv(env);
    return SandboxJobManifest.build(spec, "0123456789abcdef0123456789abcdef", config);
  }
}
