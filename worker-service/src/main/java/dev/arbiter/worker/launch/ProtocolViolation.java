package dev.arbiter.worker.launch;

/**
 * The in-sandbox runner said something outside docs/sandbox-protocol.md (malformed or oversized
 * frame, wrong nonce, wrong test index) or went silent. During a test this is the student's doing
 * (the test becomes {@link Termination#RUNNER_LOST}); before {@code ready} it is a platform failure.
 */
public class ProtocolViolation extends Exception {

  public ProtocolViolation(String message) {
    super(message);
  }
}
