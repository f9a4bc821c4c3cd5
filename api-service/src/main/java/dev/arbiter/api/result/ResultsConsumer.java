package dev.arbiter.api.result;

import dev.arbiter.common.job.Channels;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Placeholder until the results store lands: consumes and drops. */
@ApplicationScoped
public class ResultsConsumer {

  @Incoming(Channels.GRADING_RESULTS)
  @Blocking
  public void consume(String json) {
  }
}
