package dev.arbiter.api.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request-body JSON rules. A duplicated key is an error rather than "last one wins": otherwise
 * {@code {"files": {"main.py": "a", "main.py": "b"}}} would silently drop a file, and two parsers
 * (ours, a proxy's) could disagree about what was submitted.
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }
}
