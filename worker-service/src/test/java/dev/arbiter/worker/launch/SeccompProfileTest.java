package dev.arbiter.worker.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.common.job.WireFormat;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reviewed seccomp profile (sandbox/seccomp.json): what it must never allow. */
class SeccompProfileTest {

  /** Kernel interfaces no student program may reach, each a known escape or attack surface. */
  static final List<String> NEVER_ALLOWED = List.of(
      "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_getfd", // steering other processes
      "mount", "umount", "umount2", "pivot_root", "chroot", "fsopen", "fsconfig", "fsmount",
      "fspick", "move_mount", "open_tree", "mount_setattr", // filesystem view
      "unshare", "setns", // new namespaces: kernel attack surface as "root"
      "keyctl", "add_key", "request_key", // kernel keyrings are not namespaced
      "bpf", "perf_event_open", "userfaultfd", // frequent kernel exploit primitives
      "io_uring_setup", "io_uring_enter", "io_uring_register",
      "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "reboot",
      "swapon", "swapoff", "acct", "quotactl", "syslog", "iopl", "ioperm", "settimeofday",
      "clock_settime", "clock_adjtime", "adjtimex", "open_by_handle_at", "name_to_handle_at",
      "mknod", "mknodat", "modify_ldt", "lookup_dcookie", "vhangup", "nfsservctl", "memfd_secret");

  private static JsonNode reviewed() throws Exception {
    try (InputStream in = SeccompProfileTest.class.getResourceAsStream("/sandbox/seccomp.json")) {
      return WireFormat.mapper().readTree(in);
    }
  }

  private static Set<String> unconditionallyAllowed(JsonNode profile) {
    Set<String> names = new HashSet<>();
    for (JsonNode rule : profile.get("syscalls")) {
      if (rule.path("action").asText().equals("SCMP_ACT_ALLOW") && rule.path("args").isMissingNode()) {
        rule.get("names").forEach(n -> names.add(n.asText()));
      }
    }
    return names;
  }

  @Test
  void deniesEverythingNotListedWithEperm() throws Exception {
    JsonNode profile = reviewed();

    assertEquals("SCMP_ACT_ERRNO", profile.get("defaultAction").asText());
    assertEquals(1, profile.get("defaultErrnoRet").asInt());
  }

  @Test
  void neverAllowsTheDangerousInterfaces() throws Exception {
    JsonNode profile = reviewed();
    Set<String> anyRule = new HashSet<>();
    for (JsonNode rule : profile.get("syscalls")) {
      if (rule.path("action").asText().equals("SCMP_ACT_ALLOW")) {
        rule.get("names").forEach(n -> anyRule.add(n.asText()));
      }
    }

    for (String syscall : NEVER_ALLOWED) {
      assertFalse(anyRule.contains(syscall), syscall + " is allowed");
    }
  }

  @Test
  void conditionalRulesNarrowCloneSocketAndPersonality() throws Exception {
    JsonNode profile = reviewed();
    Set<String> plain = unconditionallyAllowed(profile);

    for (String argFiltered : List.of("clone", "socket", "personality")) {
      assertFalse(plain.contains(argFiltered), argFiltered + " allowed without an argument filter");
    }
    for (JsonNode rule : profile.get("syscalls")) {
      String first = rule.get("names").get(0).asText();
      if (first.equals("clone3")) {
        // ENOSYS, not EPERM: glibc then falls back to clone, whose flags seccomp can inspect.
        assertEquals("SCMP_ACT_ERRNO", rule.get("action").asText());
        assertEquals(38, rule.get("errnoRet").asInt());
      }
      if (first.equals("socket")) {
        assertEquals(1, rule.get("args").get(0).get("value").asInt(), "socket: AF_UNIX only");
      }
      if (first.equals("clone")) {
        long mask = rule.get("args").get(0).get("value").asLong();
        long newNamespaces = 0x00020000L | 0x02000000L | 0x04000000L | 0x08000000L | 0x10000000L
            | 0x20000000L | 0x40000000L;
        assertEquals(newNamespaces, mask & newNamespaces, "clone may not create namespaces");
      }
    }
  }

  @Test
  void everyRuleSaysWhy() throws Exception {
    for (JsonNode rule : reviewed().get("syscalls")) {
      assertTrue(rule.path("comment").isTextual() && !rule.path("comment").asText().isBlank(),
          "rule without a comment: " + rule.get("names"));
    }
  }

  @Test
  void theRuntimeGetsTheProfileWithoutReviewComments() throws Exception {
    JsonNode runtime = OciSpecBuilder.seccomp();

    assertEquals(reviewed().get("syscalls").size(), runtime.get("syscalls").size());
    runtime.get("syscalls").forEach(r -> assertTrue(r.path("comment").isMissingNode()));
    assertTrue(runtime.path("comment").isMissingNode());
  }
}
