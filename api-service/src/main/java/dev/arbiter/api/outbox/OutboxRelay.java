package dev.arbiter.api.outbox;

import dev.arbiter.common.job.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Placeholder until the relay lands. */
@ApplicationScoped
public class OutboxRelay {

  @Inject
  @Channel(Channels.GRADING_JOBS)
  Emitter<String> jobs;
}
