package dev.arbiter.worker.job;

import dev.arbiter.worker.launch.RunLauncher;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Before the first job: remove what a worker killed mid-run left behind. */
@ApplicationScoped
class LauncherStartup {

  void onStart(@Observes StartupEvent event, RunLauncher launcher) {
    launcher.reapLeftovers();
  }
}
