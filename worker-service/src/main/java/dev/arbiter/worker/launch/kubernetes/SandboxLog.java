package dev.arbiter.worker.launch.kubernetes;

import dev.arbiter.worker.launch.FrameReader;
import dev.arbiter.worker.launch.ProtocolViolation;
import dev.arbiter.worker.launch.RunnerProtocol;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The runner's frames as read from a sandbox pod's log, through the shared {@link RunnerProtocol}
 * codec and {@link FrameReader}: a thin adapter, no second parser. Reading stops at the first line
 * that is not a well-formed frame of this Job (its nonce, the next index in order), at the byte
 * cap, or at the end of the log.
 *
 * @param ready the runner sent {@code ready}: it started, so what follows is the student's doing
 * @param results result frames in order; result {@code i} is the batch's test {@code i}
 * @param stop why reading stopped early (a protocol violation, the cap, a read error), or null at a
 *     clean end of log
 * @param complete the stream ended cleanly (end of log), as opposed to a read error
 */
record SandboxLog(boolean ready, List<RunnerProtocol.Result> results, String stop, boolean complete) {

  /** Nothing read (the pod and its log are gone). */
  static SandboxLog missing(String why) {
    return new SandboxLog(false, List.of(), why, false);
  }

  /**
   * Reads frames from {@code log} (closed by the caller).
   *
   * @param log the pod log, stdout and stderr of the runner's container interleaved
   * @param nonce the Job's nonce
   * @param outputBytes the run's output cap
   * @param maxBytes most bytes read from the log
   */
  static SandboxLog read(InputStream log, String nonce, long outputBytes, long maxBytes) {
    FrameReader reader =
        new FrameReader(new CappedInputStream(log, maxBytes), RunnerProtocol.maxLineBytes(outputBytes));
    boolean ready = false;
    List<RunnerProtocol.Result> results = new ArrayList<>();
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        RunnerProtocol.Frame frame = RunnerProtocol.decode(line, nonce, outputBytes);
        if (frame instanceof RunnerProtocol.Ready) {
          if (ready) {
            throw new ProtocolViolation("second ready frame");
          }
          ready = true;
        } else if (frame instanceof RunnerProtocol.Result result) {
          if (!ready || result.index() != results.size()) {
            throw new ProtocolViolation("result frame out of order");
          }
          results.add(result);
        }
      }
      return new SandboxLog(ready, List.copyOf(results), null, true);
    } catch (ProtocolViolation e) {
      return new SandboxLog(ready, List.copyOf(results), e.getMessage(), true);
    } catch (IOException e) {
      return new SandboxLog(ready, List.copyOf(results), "log read failed: " + e.getMessage(), false);
    }
  }

  /** Ends the stream after {@code cap} bytes, so a runaway log never fills the worker's memory. */
  private static final class CappedInputStream extends FilterInputStream {
    private long left;

    CappedInputStream(InputStream in, long cap) {
      super(in);
      this.left = cap;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
