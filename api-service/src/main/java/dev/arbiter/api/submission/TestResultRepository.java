package dev.arbiter.api.submission;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TestResultRepository implements PanacheRepositoryBase<TestResult, TestResult.Key> {

  List<TestResult> listBySubmission(UUID submissionId) {
    return find("id.submissionId = ?1 order by id.ordinal", submissionId).list();
  }
}
