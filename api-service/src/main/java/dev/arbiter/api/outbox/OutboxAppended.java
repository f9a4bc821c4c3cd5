package dev.arbiter.api.outbox;

import java.util.UUID;

/**
 * CDI event fired when an outbox row is written; the relay observes it after the transaction
 * commits, so a new job is published at once instead of at the next poll.
 *
 * @param id the outbox row
 */
public record OutboxAppended(UUID id) {}
