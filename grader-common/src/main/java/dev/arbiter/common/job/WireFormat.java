package dev.arbiter.common.job;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON settings every producer and consumer of the wire model uses, so both services read
 * and write the same bytes: ISO-8601 times, unknown properties ignored (a newer producer may add
 * fields within a schema version).
 */
public final class WireFormat {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private WireFormat() {}

  /** A shared, thread-safe mapper; callers must not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
