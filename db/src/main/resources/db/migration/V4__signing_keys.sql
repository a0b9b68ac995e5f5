-- Token signing keys, shared by every instance. The private part is AES-GCM encrypted with a key-encryption
-- key from configuration (kek_id names which), never stored in clear.
-- Life of a key: created (published, not yet signing) -> activated (signing) -> retired (published only, until
-- every token it signed has expired) -> deleted after unpublish_after.
create table signing_key (
    kid             text        primary key,
    algorithm       text        not null,
    public_jwk      text        not null,
    private_key_enc bytea       not null,
    kek_id          text        not null,
    created_at      timestamptz not null default now(),
    activated_at    timestamptz,
    retired_at      timestamptz,
    unpublish_after timestamptz
);
-- At most one key signs at a time.
create unique index signing_key_one_active_ix on signing_key ((true))
    where activated_at is not null and retired_at is null;

-- RFC 7523 §3 item 7: a client assertion's jti is accepted once. Rows live until the assertion expires.
create table client_assertion_jti (
    client_id  text        not null,
    jti        text        not null,
    expires_at timestamptz not null,
    primary key (client_id, jti)
);
create index client_assertion_jti_expiry_ix on client_assertion_jti (expires_at);
