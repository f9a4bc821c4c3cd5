package dev.arbiter.worker.launch;

import io.quarkus.logging.Log;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Sandboxes started ahead of the jobs that will use them, so a job does not wait for the
 * container runtime. Each is as fresh as one started on demand: its runner has run no code and
 * holds no sources (they are written into its bundle when a job takes it), and it serves one job
 * only. Kept per limit set, because the cgroup, tmpfs and rlimits are fixed when a sandbox
 * starts; the least recently used limit sets are let go.
 */
final class WarmSandboxes implements AutoCloseable {

  /** A started sandbox whose runner waits for its hello, and the bundle it was started from. */
  record Warm(Path bundle, OciSandbox sandbox) {}

  /** Starts one sandbox for the given limits. */
  interface Starter {
    Warm start(SandboxLimits limits) throws SandboxFailure;
  }

  /** Stops one and removes its bundle. */
  interface Discarder {
    void discard(Warm warm);
  }

  private final int perLimits;
  private final int maxLimitSets;
  private final Starter starter;
  private final Discarder discarder;
  /** Access-ordered: the first key is the least recently used limit set. */
  private final LinkedHashMap<SandboxLimits, Deque<Warm>> idle = new LinkedHashMap<>(8, 0.75f, true);
  private final ExecutorService warmer;
  private boolean closed;

  WarmSandboxes(int perLimits, int maxLimitSets, Starter starter, Discarder discarder) {
    this.perLimits = perLimits;
    this.maxLimitSets = maxLimitSets;
    this.starter = starter;
    this.discarder = discarder;
    this.warmer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "sandbox-warmer");
      t.setDaemon(true);
      return t;
    });
  }

  /** A live warm sandbox for these limits, or null (then the caller starts one itself). */
  Warm take(SandboxLimits limits) {
    List<Warm> dead = new ArrayList<>();
    Warm found = null;
    synchronized (this) {
      Deque<Warm> q = idle.get(limits);
      while (q != null && !q.isEmpty() && found == null) {
        Warm w = q.poll();
        if (w.sandbox().isAlive()) {
          found = w;
        } else {
          dead.add(w);
        }
      }
    }
    dead.forEach(discarder::discard);
    return found;
  }

  /** Starts, in the background, what it takes to have {@code perLimits} waiting for these limits. */
  void refill(SandboxLimits limits) {
    synchronized (this) {
      if (closed) {
        return;
      }
      // Marks the limit set as recently used even before its first sandbox is up.
      idle.computeIfAbsent(limits, l -> new ArrayDeque<>());
    }
    warmer.execute(() -> fill(limits));
  }

  private void fill(SandboxLimits limits) {
    synchronized (this) {
      Deque<Warm> q = idle.get(limits);
      if (closed || q == null || q.size() >= perLimits) {
        return;
      }
    }
    Warm started;
    try {
      started = starter.start(limits);
    } catch (SandboxFailure e) {
      // Not fatal: the next job starts its own sandbox and reports the failure if it recurs.
      Log.debugf("could not start a warm sandbox: %s", e.getMessage());
      return;
    }
    List<Warm> surplus = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        surplus.add(started);
      } else {
        idle.computeIfAbsent(limits, l -> new ArrayDeque<>()).add(started);
        Iterator<Map.Entry<SandboxLimits, Deque<Warm>>> lru = idle.entrySet().iterator();
        while (idle.size() > maxLimitSets && lru.hasNext()) {
          Map.Entry<SandboxLimits, Deque<Warm>> oldest = lru.next();
          if (!oldest.getKey().equals(limits)) {
            surplus.addAll(oldest.getValue());
            lru.remove();
          }
        }
      }
    }
    surplus.forEach(discarder::discard);
  }

  /** Lets every waiting sandbox go, once the starts already asked for have finished. */
  void drain() throws InterruptedException {
    try {
      warmer.submit(() -> { }).get(); // single thread: every earlier start is done
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.RejectedExecutionException e) {
      // closed: nothing is starting
    }
    List<Warm> all = new ArrayList<>();
    synchronized (this) {
      idle.values().forEach(all::addAll);
      idle.clear();
    }
    all.forEach(discarder::discard);
  }

  /** How many sandboxes wait now (all limit sets). */
  synchronized int waiting() {
    return idle.values().stream().mapToInt(Deque::size).sum();
  }

  @Override
  public void close() {
    List<Warm> all = new ArrayList<>();
    synchronized (this) {
      closed = true;
      idle.values().forEach(all::addAll);
      idle.clear();
    }
    warmer.shutdownNow();
    try {
      // A sandbox being started now is discarded by the warmer itself once it sees `closed`.
      warmer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    all.forEach(discarder::discard);
  }
}
