package dev.arbiter.worker.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.common.status.RunLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The OCI config policy, asserted entry by entry (the runc tests prove they take effect). */
class OciSpecBuilderTest {

  private static final SandboxLimits LIMITS = SandboxLimits.from(new RunLimits(5, 200, 64, 64, 48));

  private static ObjectNode spec(OptionalLong userNamespace) {
    return OciSpecBuilder.build(LIMITS, "/usr/bin/python3", List.of("/usr", "/lib"),
        Path.of("/b/src"), Path.of("/b/runner.py"), "/arbiter/x", userNamespace);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.path("type").asText()));
    return out;
  }

  private static JsonNode mount(JsonNode spec, String destination) {
    return StreamSupport.stream(spec.get("mounts").spliterator(), false)
        .filter(m -> m.get("destination").asText().equals(destination)).findFirst().orElseThrow();
  }

  @Test
  void everyNamespaceButUserIsNewAndUserIsAddedWithItsMappings() {
    assertEquals(List.of("pid", "network", "ipc", "uts", "mount", "cgroup"),
        texts(spec(OptionalLong.empty()).at("/linux/namespaces")));

    ObjectNode mapped = spec(OptionalLong.of(1879048192L));
    assertEquals(List.of("pid", "network", "ipc", "uts", "mount", "cgroup", "user"),
        texts(mapped.at("/linux/namespaces")));
    for (String map : List.of("uidMappings", "gidMappings")) {
      JsonNode m = mapped.at("/linux/" + map);
      assertEquals(2, m.size());
      assertEquals(0, m.get(0).get("containerID").asInt());
      assertEquals(1879048192L, m.get(0).get("hostID").asLong());
      assertEquals(65534, m.get(1).get("containerID").asInt());
      assertEquals(1879048193L, m.get(1).get("hostID").asLong());
      assertEquals(1, m.get(1).get("size").asInt());
    }
  }

  @Test
  void theProcessIsNobodyWithNoCapabilitiesNoNewPrivilegesAndAScrubbedEnvironment() {
    JsonNode p = spec(OptionalLong.empty()).get("process");

    assertEquals(65534, p.at("/user/uid").asInt());
    assertEquals(65534, p.at("/user/gid").asInt());
    for (String set : List.of("bounding", "effective", "inheritable", "permitted", "ambient")) {
      assertEquals(0, p.at("/capabilities/" + set).size(), set);
    }
    assertTrue(p.get("noNewPrivileges").asBoolean());
    assertEquals(List.of("PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/tmp",
        "PYTHONDONTWRITEBYTECODE=1", "PYTHONIOENCODING=utf-8"), texts(p.get("env")));
  }

  @Test
  void rlimitsCapOpenFilesFileSizeAndForbidCoreDumps() {
    JsonNode rlimits = spec(OptionalLong.empty()).at("/process/rlimits");

    assertEquals("RLIMIT_NOFILE 64 64, RLIMIT_CORE 0 0, RLIMIT_FSIZE 67108864 67108864",
        String.join(", ", StreamSupport.stream(rlimits.spliterator(), false)
            .map(r -> r.get("type").asText() + " " + r.get("soft") + " " + r.get("hard")).toList()));
  }

  @Test
  void theRootIsReadOnlyAndTmpIsTheOnlyCappedWritablePlace() {
    ObjectNode s = spec(OptionalLong.empty());

    assertTrue(s.at("/root/readonly").asBoolean());
    assertEquals(List.of("nosuid", "nodev", "noexec", "mode=1777", "size=67108864", "nr_inodes=16384"),
        texts(mount(s, "/tmp").get("options")));
    for (String bind : List.of("/usr", "/lib", "/sandbox/src", "/sandbox/runner.py")) {
      List<String> options = texts(mount(s, bind).get("options"));
      assertTrue(options.containsAll(List.of("ro", "nosuid", "nodev")), bind + " " + options);
    }
    assertEquals("tmpfs", mount(s, "/dev").get("type").asText());
  }

  @Test
  void procIsMaskedAndReadOnlyWhereItLeaksOrConfiguresTheKernel() {
    ObjectNode s = spec(OptionalLong.empty());

    assertTrue(texts(s.at("/linux/maskedPaths")).containsAll(List.of("/proc/kcore", "/proc/keys",
        "/proc/timer_list", "/proc/sched_debug", "/sys/firmware")));
    assertTrue(texts(s.at("/linux/readonlyPaths")).containsAll(List.of("/proc/sys",
        "/proc/sysrq-trigger", "/proc/bus", "/proc/fs", "/proc/irq")));
  }

  @Test
  void cgroupLimitsMemoryWithoutSwapProcessesCpuAndDevices() {
    JsonNode r = spec(OptionalLong.empty()).at("/linux/resources");

    assertEquals(200L << 20, r.at("/memory/limit").asLong());
    assertEquals(r.at("/memory/limit").asLong(), r.at("/memory/swap").asLong());
    assertEquals(48, r.at("/pids/limit").asInt());
    assertEquals(100_000, r.at("/cpu/quota").asLong());
    assertEquals(100_000, r.at("/cpu/period").asLong());
    assertEquals(false, r.at("/devices/0/allow").asBoolean());
    assertEquals("rwm", r.at("/devices/0/access").asText());
  }
}
