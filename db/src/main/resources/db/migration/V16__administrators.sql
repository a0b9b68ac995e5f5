-- Issue 5: the admin console's accounts. Every account has a second factor (TOTP, RFC 6238) from the start; the
-- TOTP secret is stored sealed with the key-encryption key, the password as a BCrypt hash.
create table administrator (
    username        text        primary key,
    password_hash   text        not null,
    totp_secret     bytea       not null,
    role            text        not null constraint administrator_role_ck check (role in ('admin', 'auditor')),
    last_totp_step  bigint      not null default 0,
    failed_logins   int         not null default 0,
    locked_until    timestamptz,
    created_by      text        not null,
    created_at      timestamptz not null default now()
);
