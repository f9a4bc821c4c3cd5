package dev.arbiter.api.lti.platform;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PlatformRepository implements PanacheRepositoryBase<Platform, UUID> {

  public Optional<Platform> findByIssuerAndClientId(String issuer, String clientId) {
    return find("issuer = ?1 and clientId = ?2", issuer, clientId).firstResultOptional();
  }

  public List<Platform> findByIssuer(String issuer) {
    return list("issuer", issuer);
  }
}
