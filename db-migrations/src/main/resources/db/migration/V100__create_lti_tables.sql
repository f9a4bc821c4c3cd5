-- LTI 1.3 tool side: the tool's own keys, registered platforms and their deployments, and the
-- server-side login state (state + nonce) that bridges login initiation and launch.

-- The tool's RSA key pairs. The newest unretired key signs; retired keys stay published in the
-- JWKS until published_until so LMSs that cached the old JWKS still verify our signatures.
CREATE TABLE lti_tool_keys (
    kid             text        PRIMARY KEY,
    private_jwk     text        NOT NULL,
    created_at      timestamptz NOT NULL,
    retired_at      timestamptz,
    published_until timestamptz
);
CREATE INDEX lti_tool_keys_created_at_idx ON lti_tool_keys (created_at);

-- A registration of Arbiter in one LMS. The LMS chooses client_id; the issuer is its base URL.
CREATE TABLE lti_platforms (
    id              uuid        PRIMARY KEY,
    issuer          text        NOT NULL,
    client_id       text        NOT NULL,
    auth_login_url  text        NOT NULL,
    auth_token_url  text        NOT NULL,
    -- aud of our client assertions; most LMSs want the token URL, some (Brightspace) another value
    auth_token_audience text,
    jwks_url        text        NOT NULL,
    created_at      timestamptz NOT NULL,
    CONSTRAINT lti_platforms_issuer_client_uk UNIQUE (issuer, client_id)
);

-- An LMS's own id(s) for the installed tool (Moodle: the tool type id); a platform has several.
CREATE TABLE lti_deployments (
    platform_id     uuid        NOT NULL REFERENCES lti_platforms (id) ON DELETE CASCADE,
    deployment_id   text        NOT NULL,
    PRIMARY KEY (platform_id, deployment_id)
);

-- OIDC login initiation → launch. Single use (deleted when the launch consumes it) and expiring.
-- Kept server-side because third-party cookies do not survive the LMS's cross-site form POST.
CREATE TABLE lti_login_states (
    state           text        PRIMARY KEY,
    nonce           text        NOT NULL,
    platform_id     uuid        NOT NULL REFERENCES lti_platforms (id) ON DELETE CASCADE,
    target_link_uri text,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL
);
CREATE INDEX lti_login_states_platform_id_idx ON lti_login_states (platform_id);
CREATE INDEX lti_login_states_expires_at_idx ON lti_login_states (expires_at);
