package dev.arbiter.api.exercise;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Exercise settings ({@code arbiter.exercise.*}). */
@ConfigMapping(prefix = "arbiter.exercise")
public interface ExerciseConfig {

  /**
   * Runtimes the workers provide; an exercise must name one. Adding a language to the workers
   * means adding its name here.
   */
  @WithDefault("python3")
  List<String> languages();
}
