package dev.arbiter.worker.launch;

/**
 * Runs a submission's tests inside a sandbox and returns what came out. Implementations decide
 * how a run is isolated (local OCI runtime, Kubernetes Job); none of them judges: expected values
 * never reach a launcher.
 */
public interface RunLauncher {

  /**
   * Runs every test of {@code spec}, in order, each as a fresh process with a clean /tmp.
   * Anything the submission does (crash, signal, flood, sleep, attack on the runner) is reported
   * inside the returned {@link RunReport}, never thrown.
   *
   * @throws SandboxFailure when the platform itself failed (runtime missing, bundle not created,
   *     runner never became ready): the caller retries and never charges the student
   */
  RunReport launch(RunSpec spec) throws SandboxFailure;

  /**
   * Removes sandboxes a previous worker left behind (it was killed mid-run). Called once at
   * start, before the first job; must be safe when there is nothing to reap.
   */
  default void reapLeftovers() {}
}
