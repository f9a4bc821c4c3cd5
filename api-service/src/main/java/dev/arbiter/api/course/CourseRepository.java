package dev.arbiter.api.course;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CourseRepository implements PanacheRepositoryBase<Course, UUID> {

  /** Courses the user is a member of, newest first. */
  List<Course> listFor(UUID userId) {
    return find("select c from Course c, CourseMember m where m.id.courseId = c.id"
        + " and m.id.userId = ?1 order by c.createdAt desc", userId).list();
  }

  List<Course> listNewestFirst() {
    return find("order by createdAt desc").list();
  }
}
