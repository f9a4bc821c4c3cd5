package dev.arbiter.worker.attack;

import static dev.arbiter.worker.attack.GradedRun.call;
import static dev.arbiter.worker.attack.GradedRun.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.common.status.TestStatus;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kernel interfaces a student reaches through ctypes, one attack per row: each must fail with the
 * errno named (EPERM from the seccomp profile or from having no capabilities; ENOSYS where glibc
 * must fall back). The attacker's goal is "OK" (the call succeeded); the test must be FAILED with
 * the errno as the returned value. Syscall numbers are x86_64.
 */
class AttackSyscallsTest extends AttackFixture {

  private static final String PROGRAM = """
      import ctypes, errno, os
      libc = ctypes.CDLL(None, use_errno=True)
      libc.syscall.restype = ctypes.c_long
      buf = ctypes.create_string_buffer(4096)

      def attempt():
          r = %s
          return "OK" if r != -1 else errno.errorcode[ctypes.get_errno()]
      """;

  static Stream<Arguments> kernelAttacks() {
    return Stream.of(
        row("ptrace attach to the runner", "libc.ptrace(16, 1, 0, 0)", "EPERM"),
        row("ptrace traceme", "libc.ptrace(0, 0, 0, 0)", "EPERM"),
        row("process_vm_readv of the runner", "libc.syscall(310, 1, buf, 1, buf, 1, 0)", "EPERM"),
        row("mount a tmpfs", "libc.mount(b'none', b'/tmp', b'tmpfs', 0, None)", "EPERM"),
        row("unmount /proc", "libc.umount2(b'/proc', 2)", "EPERM"),
        row("new mount API fsopen", "libc.syscall(430, b'tmpfs', 0)", "EPERM"),
        row("open_tree", "libc.syscall(428, -100, b'/', 0)", "EPERM"),
        row("unshare a user namespace", "libc.unshare(0x10000000)", "EPERM"),
        row("unshare a mount namespace", "libc.unshare(0x00020000)", "EPERM"),
        row("unshare a network namespace", "libc.unshare(0x40000000)", "EPERM"),
        row("clone into a new user namespace", "libc.syscall(56, 0x10000000 | 17, 0, 0, 0, 0)",
            "EPERM"),
        row("clone3 (flags out of seccomp's sight)", "libc.syscall(435, buf, 88)", "ENOSYS"),
        row("setns into the host's namespace",
            "libc.setns(os.open('/proc/self/ns/net', os.O_RDONLY), 0)", "EPERM"),
        row("setuid(0)", "libc.setuid(0)", "EPERM"),
        row("setgid(0)", "libc.setgid(0)", "EPERM"),
        row("setgroups([0])", "libc.setgroups(1, (ctypes.c_uint * 1)(0))", "EPERM"),
        row("chroot", "libc.chroot(b'/tmp')", "EPERM"),
        row("pivot_root", "libc.syscall(155, b'/tmp', b'/tmp')", "EPERM"),
        row("keyctl on the session keyring", "libc.syscall(250, 0, -3, 0)", "EPERM"),
        row("add_key", "libc.syscall(248, b'user', b'arbiter', b'x', 1, -3)", "EPERM"),
        row("request_key", "libc.syscall(249, b'user', b'arbiter', None, -3)", "EPERM"),
        row("bpf", "libc.syscall(321, 0, buf, 128)", "EPERM"),
        row("perf_event_open", "libc.syscall(298, buf, 0, -1, -1, 0)", "EPERM"),
        row("userfaultfd", "libc.syscall(323, 0)", "EPERM"),
        row("io_uring_setup", "libc.syscall(425, 8, buf)", "EPERM"),
        row("personality READ_IMPLIES_EXEC", "libc.personality(0x0400000)", "EPERM"),
        row("personality ADDR_NO_RANDOMIZE", "libc.personality(0x0040000)", "EPERM"),
        row("kexec_load", "libc.syscall(246, 0, 0, None, 0)", "EPERM"),
        row("init_module", "libc.syscall(175, buf, 16, b'')", "EPERM"),
        row("finit_module", "libc.syscall(313, 0, b'', 0)", "EPERM"),
        row("reboot", "libc.syscall(169, 0xfee1dead, 672274793, 0x4321fedc, None)", "EPERM"),
        row("swapon", "libc.syscall(167, b'/tmp/swap', 0)", "EPERM"),
        row("mknod a device", "libc.syscall(133, b'/tmp/mem', 0o20666, os.makedev(1, 1))", "EPERM"),
        row("open_by_handle_at", "libc.syscall(304, -100, buf, 0)", "EPERM"),
        row("sethostname", "libc.sethostname(b'pwned', 5)", "EPERM"),
        row("iopl", "libc.syscall(172, 3)", "EPERM"),
        row("read the kernel log (syslog)", "libc.syscall(103, 3, buf, 4096)", "EPERM"),
        row("set the clock", "libc.syscall(227, 0, buf)", "EPERM"),
        row("netlink socket", "libc.socket(16, 3, 0)", "EPERM"),
        row("packet socket", "libc.socket(17, 3, 0)", "EPERM"),
        row("inet6 socket", "libc.socket(10, 1, 0)", "EPERM"),
        row("vsock to the hypervisor", "libc.socket(40, 1, 0)", "EPERM"));
  }

  private static Arguments row(String attack, String call, String errno) {
    return Arguments.of(attack, call, errno);
  }

  @ParameterizedTest(name = "{0} fails with {2}")
  @MethodSource("kernelAttacks")
  void kernelInterfaceIsDenied(String attack, String call, String errno) throws Exception {
    GradedRun run = grade(suite(call(attack, "attempt", "[]", "\"OK\"")), PROGRAM.formatted(call));

    assertEquals(TestStatus.FAILED, run.test(0).status(), run.everythingVisible());
    assertEquals("\"" + errno + "\"", run.test(0).actual());
  }

  @org.junit.jupiter.api.Test
  void theSameHarnessSeesAnAllowedCallSucceed() throws Exception {
    // Positive control: without it, a harness that always reported an errno would pass the table.
    GradedRun run = grade(suite(call("socketpair", "attempt", "[]", "\"OK\"")),
        PROGRAM.formatted("libc.socketpair(1, 1, 0, (ctypes.c_int * 2)())"));

    assertEquals(TestStatus.PASSED, run.test(0).status(), run.everythingVisible());
  }
}
