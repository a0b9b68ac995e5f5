-- Refresh tokens rotate on every use (OAuth 2.1 §4.3.1). A rotated-out token presented again means it was
-- stolen or replayed: the whole grant is revoked. Only a SHA-256 of the old token is kept, until it would have
-- expired.
create table rotated_refresh_token (
    token_sha256     text        primary key,
    authorization_id varchar(100) not null,
    expires_at       timestamptz not null
);
create index rotated_refresh_token_expiry_ix on rotated_refresh_token (expires_at);
