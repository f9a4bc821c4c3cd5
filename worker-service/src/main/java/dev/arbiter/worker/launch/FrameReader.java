package dev.arbiter.worker.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the runner's frames (one JSON object per line) from its stdout, refusing a line longer
 * than a cap: whatever the sandbox writes, the worker never holds more than one capped line.
 * Not thread-safe; one reader per runner.
 */
public final class FrameReader {

  private final InputStream in;
  private final long maxLineBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;

  /**
   * @param in the runner's stdout
   * @param maxLineBytes longest accepted line, see {@link RunnerProtocol#maxLineBytes(long)}
   */
  public FrameReader(InputStream in, long maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * The next line without its newline, or null at end of stream (a final line without newline is
   * a truncated frame and counts as end of stream).
   *
   * @throws ProtocolViolation when the line is longer than the cap
   * @throws IOException when reading fails (e.g. the stream was closed by a timeout)
   */
  public String readLine() throws IOException, ProtocolViolation {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      if (position == limit) {
        limit = in.read(buffer);
        position = 0;
        if (limit < 0) {
          limit = 0;
          return null;
        }
      }
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      int length = position - start;
      if (line.size() + (long) length > maxLineBytes) {
        throw new ProtocolViolation("runner frame longer than " + maxLineBytes + " bytes");
      }
      line.write(buffer, start, length);
      if (position < limit) {
        position++; // the newline
        return line.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
