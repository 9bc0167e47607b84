-- Access control (io.breakwater.auth, io.breakwater.access): local accounts, groups that carry
-- permissions, API tokens, browser sessions and the audit trail.

CREATE TABLE account (
    id            bigserial   PRIMARY KEY,
    email         text        NOT NULL,
    display_name  text        NOT NULL DEFAULT '',
    -- bcrypt in modular crypt form; null for accounts that only sign in through OpenID Connect
    password_hash text,
    superuser     boolean     NOT NULL DEFAULT false,
    active        boolean     NOT NULL DEFAULT true,
    -- issuer and subject of the OpenID Connect identity linked to this account
    oidc_issuer   text,
    oidc_subject  text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_login_at timestamptz
);
CREATE UNIQUE INDEX account_email_key ON account (lower(email));
CREATE UNIQUE INDEX account_oidc_key ON account (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

CREATE TABLE account_group (
    id          bigserial   PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Permission codes as io.breakwater.access.Permission names them (view_pii, upload_symbols, ...).
CREATE TABLE group_permission (
    group_id   bigint NOT NULL REFERENCES account_group (id) ON DELETE CASCADE,
    permission text   NOT NULL,
    PRIMARY KEY (group_id, permission)
);

CREATE TABLE group_member (
    group_id   bigint NOT NULL REFERENCES account_group (id) ON DELETE CASCADE,
    account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, account_id)
);
CREATE INDEX group_member_account ON group_member (account_id);

-- Only a SHA-256 of the token is kept; the token itself is shown once, when it is created.
CREATE TABLE api_token (
    id           bigserial   PRIMARY KEY,
    account_id   bigint      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    token_hash   bytea       NOT NULL UNIQUE,
    -- the first characters, so that people can tell their tokens apart
    token_hint   text        NOT NULL,
    note         text        NOT NULL DEFAULT '',
    permissions  text[]      NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_token_account ON api_token (account_id);

-- Browser sessions: the cookie holds a random secret, the table its SHA-256.
CREATE TABLE web_session (
    id             bigserial   PRIMARY KEY,
    account_id     bigint      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    session_hash   bytea       NOT NULL UNIQUE,
    csrf_token     text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_seen_at   timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    client_address text        NOT NULL DEFAULT '',
    user_agent     text        NOT NULL DEFAULT ''
);
CREATE INDEX web_session_account ON web_session (account_id);
CREATE INDEX web_session_expires ON web_session (expires_at);

-- Who saw protected data or changed access, and when.
CREATE TABLE audit_log (
    id             bigserial   PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT now(),
    actor          text        NOT NULL,
    account_id     bigint,
    token_id       bigint,
    action         text        NOT NULL,
    target         text        NOT NULL DEFAULT '',
    details        text        NOT NULL DEFAULT '',
    client_address text        NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_action ON audit_log (action, at DESC);

-- Socorro's groups, plus two for the common machine and operator roles.
INSERT INTO account_group (name, description) VALUES
    ('Hackers', 'Crash investigators: protected data, raw dumps, reprocessing and long queries.'),
    ('Hackers Plus', 'Hackers who may also run custom Elasticsearch queries.'),
    ('Symbol uploaders', 'Build machines and release engineers who upload symbols.'),
    ('Administrators', 'Manage users, groups, tokens and settings; read the audit log.');
INSERT INTO group_permission (group_id, permission)
SELECT g.id, p.permission FROM account_group g
JOIN (VALUES
    ('Hackers', 'view_pii'), ('Hackers', 'view_rawdump'), ('Hackers', 'reprocess_crashes'),
    ('Hackers', 'run_long_queries'),
    ('Hackers Plus', 'view_pii'), ('Hackers Plus', 'view_rawdump'), ('Hackers Plus', 'reprocess_crashes'),
    ('Hackers Plus', 'run_long_queries'), ('Hackers Plus', 'run_custom_queries'),
    ('Symbol uploaders', 'upload_symbols'),
    ('Administrators', 'admin')
) AS p (group_name, permission) ON p.group_name = g.name;
