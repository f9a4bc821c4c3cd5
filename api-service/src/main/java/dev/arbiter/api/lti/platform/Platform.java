package dev.arbiter.api.lti.platform;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** Arbiter registered as a tool in one LMS (one issuer + client_id), with its deployments. */
@Entity
@Table(name = "lti_platforms")
public class Platform {

  @Id public UUID id;

  @Column(nullable = false)
  public String issuer;

  @Column(name = "client_id", nullable = false)
  public String clientId;

  @Column(name = "auth_login_url", nullable = false)
  public String authLoginUrl;

  @Column(name = "auth_token_url", nullable = false)
  public String authTokenUrl;

  /** {@code aud} of our client assertions when the LMS wants something other than its token URL. */
  @Column(name = "auth_token_audience")
  public String authTokenAudience;

  @Column(name = "jwks_url", nullable = false)
  public String jwksUrl;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "lti_deployments", joinColumns = @JoinColumn(name = "platform_id"))
  @Column(name = "deployment_id")
  public Set<String> deploymentIds = new LinkedHashSet<>();

  public String tokenAudience() {
    return authTokenAudience == null || authTokenAudience.isBlank() ? authTokenUrl : authTokenAudience;
  }
}
