package dev.arbiter.api.suite;

import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.suite.TestSuite;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SuiteVersionRepository implements PanacheRepositoryBase<SuiteVersion, SuiteVersion.Key> {

  public Optional<SuiteVersion> find(UUID exerciseId, int version) {
    return findByIdOptional(new SuiteVersion.Key(exerciseId, version));
  }

  /** The parsed suite of a version that must exist (submissions reference it by foreign key). */
  public TestSuite suite(UUID exerciseId, int version) {
    return parse(find(exerciseId, version).orElseThrow(() -> new IllegalStateException(
        "suite version " + version + " of exercise " + exerciseId + " is missing")));
  }

  List<SuiteVersion> listByExercise(UUID exerciseId) {
    return find("id.exerciseId = ?1 order by id.version desc", exerciseId).list();
  }

  public static TestSuite parse(SuiteVersion v) {
    try {
      return WireFormat.mapper().readValue(v.suite, TestSuite.class);
    } catch (IOException e) {
      throw new UncheckedIOException("stored suite is not readable", e);
    }
  }
}
