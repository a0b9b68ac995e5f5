-- The Spring authorization server's tables, adapted to PostgreSQL (blob -> text, timestamp -> timestamptz).
-- Columns and names must match JdbcOAuth2AuthorizationService and JdbcOAuth2AuthorizationConsentService.
create table oauth2_authorization (
    id                            varchar(100)  not null primary key,
    registered_client_id          varchar(100)  not null,
    principal_name                varchar(200)  not null,
    authorization_grant_type      varchar(100)  not null,
    authorized_scopes             varchar(1000) default null,
    attributes                    text          default null,
    state                         varchar(500)  default null,
    authorization_code_value      text          default null,
    authorization_code_issued_at  timestamptz   default null,
    authorization_code_expires_at timestamptz   default null,
    authorization_code_metadata   text          default null,
    access_token_value            text          default null,
    access_token_issued_at        timestamptz   default null,
    access_token_expires_at       timestamptz   default null,
    access_token_metadata         text          default null,
    access_token_type             varchar(100)  default null,
    access_token_scopes           varchar(1000) default null,
    oidc_id_token_value           text          default null,
    oidc_id_token_issued_at       timestamptz   default null,
    oidc_id_token_expires_at      timestamptz   default null,
    oidc_id_token_metadata        text          default null,
    refresh_token_value           text          default null,
    refresh_token_issued_at       timestamptz   default null,
    refresh_token_expires_at      timestamptz   default null,
    refresh_token_metadata        text          default null,
    user_code_value               text          default null,
    user_code_issued_at           timestamptz   default null,
    user_code_expires_at          timestamptz   default null,
    user_code_metadata            text          default null,
    device_code_value             text          default null,
    device_code_issued_at         timestamptz   default null,
    device_code_expires_at        timestamptz   default null,
    device_code_metadata          text          default null,
    -- Not in the framework's schema: lets housekeeping age out rows that have no expiry of their own
    -- (pushed authorization requests, requests waiting for consent).
    created_at                    timestamptz   not null default now()
);

-- The framework looks authorizations up by each token value: hash indexes keep those lookups O(1)
-- without the btree size limit that long JWT values would hit.
create index oauth2_authorization_state_ix on oauth2_authorization using hash (state);
create index oauth2_authorization_code_ix on oauth2_authorization using hash (authorization_code_value);
create index oauth2_authorization_access_token_ix on oauth2_authorization using hash (access_token_value);
create index oauth2_authorization_id_token_ix on oauth2_authorization using hash (oidc_id_token_value);
create index oauth2_authorization_refresh_token_ix on oauth2_authorization using hash (refresh_token_value);
-- Housekeeping deletes by expiry.
create index oauth2_authorization_access_expiry_ix on oauth2_authorization (access_token_expires_at);

create table oauth2_authorization_consent (
    registered_client_id varchar(100)  not null,
    principal_name       varchar(200)  not null,
    authorities          varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);
