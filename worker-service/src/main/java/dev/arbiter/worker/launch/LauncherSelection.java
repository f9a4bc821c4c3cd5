package dev.arbiter.worker.launch;

import dev.arbiter.worker.job.WorkerConfig;
import dev.arbiter.worker.launch.kubernetes.KubernetesJobLauncher;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * The one place that decides which {@link RunLauncher} the worker uses, from {@code
 * arbiter.worker.launcher}. Its producer is an enabled alternative, so an injection of {@code
 * RunLauncher} gets the selected launcher even though the local launcher is a {@code RunLauncher} bean itself;
 * both launchers are {@code @Typed} to their own classes and only the selected one is created.
 */
@ApplicationScoped
public class LauncherSelection {

  private final WorkerConfig config;
  private final Instance<KubernetesJobLauncher> kubernetes;
  private final Instance<OciRunLauncher> local;

  LauncherSelection(
      WorkerConfig config,
      Instance<KubernetesJobLauncher> kubernetes,
      Instance<OciRunLauncher> local) {
    this.config = config;
    this.kubernetes = kubernetes;
    this.local = local;
  }

  @Produces
  @ApplicationScoped
  @Alternative
  @Priority(1)
  RunLauncher selected() {
    if (config.launcher() == WorkerConfig.Launcher.KUBERNETES) {
      Log.info("sandbox launcher: kubernetes");
      return kubernetes.get();
    }
    Log.info("sandbox launcher: local OCI runtime");
    return local.get();
  }

  /** At start-up the Kubernetes launcher deletes what earlier lives of this worker left behind. */
  void reapOnStart(@Observes StartupEvent event) {
    if (config.launcher() != WorkerConfig.Launcher.KUBERNETES) {
      return;
    }
    try {
      int reaped = kubernetes.get().reapOrphans();
      Log.infof("reaped %d leftover sandbox objects", reaped);
    } catch (RuntimeException e) {
      // Not fatal: each Job's TTL and the next start-up clean up; launches report their own errors.
      Log.warnf("could not reap leftover sandbox Jobs: %s", e.getMessage());
    }
  }
}
