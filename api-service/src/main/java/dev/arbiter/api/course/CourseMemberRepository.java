package dev.arbiter.api.course;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class CourseMemberRepository
    implements PanacheRepositoryBase<CourseMember, CourseMember.Key> {

  public Optional<CourseRole> roleOf(UUID courseId, UUID userId) {
    return findByIdOptional(new CourseMember.Key(courseId, userId)).map(m -> m.role);
  }

  public List<CourseMember> listByCourse(UUID courseId) {
    return find("id.courseId = ?1 order by createdAt", courseId).list();
  }

  public List<CourseMember> listByCourseAndRole(UUID courseId, CourseRole role) {
    return find("id.courseId = ?1 and role = ?2 order by createdAt", courseId, role).list();
  }
}
