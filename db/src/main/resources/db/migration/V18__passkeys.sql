-- Issue 5: administrators' passkeys (WebAuthn). The tables and columns are the ones Spring Security's
-- JdbcPublicKeyCredentialUserEntityRepository and JdbcUserCredentialRepository read and write (ids as base64url
-- text); each WebAuthn user is an administrator account and goes with it.
create table user_entities (
    id           varchar(1000) primary key,
    name         text          not null unique references administrator (username) on delete cascade,
    display_name text
);

create table user_credentials (
    credential_id                varchar(1000) primary key,
    user_entity_user_id          varchar(1000) not null references user_entities (id) on delete cascade,
    public_key                   bytea         not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       not null,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) not null
);
create index user_credentials_user on user_credentials (user_entity_user_id);
