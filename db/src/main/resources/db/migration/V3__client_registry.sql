-- Partners, their clients and their APIs. Written by the bootstrap file today, by the admin console later.
create table partner (
    id                  text        primary key,
    name                text        not null,
    organisation_number text,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);

create table client (
    client_id                 text        primary key,
    partner_id                text        not null references partner (id),
    client_name               text        not null,
    -- none | client_secret_basic | client_secret_post | private_key_jwt
    auth_method               text        not null,
    -- SHA-256 of a generated high-entropy secret, hex: a slow hash buys nothing for such secrets
    secret_sha256             text,
    secret_expires_at         timestamptz,
    jwks                      text,
    jwks_uri                  text,
    redirect_uris             text[]      not null default '{}',
    post_logout_redirect_uris text[]      not null default '{}',
    grant_types               text[]      not null,
    scopes                    text[]      not null default '{}',
    require_par               boolean     not null default false,
    access_token_ttl_seconds  integer     not null default 1800,
    refresh_token_ttl_seconds integer     not null default 28800,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    constraint client_auth_method_ck check (auth_method in
        ('none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt')),
    constraint client_secret_ck check (auth_method not like 'client_secret%' or secret_sha256 is not null),
    constraint client_keys_ck check (auth_method <> 'private_key_jwt' or jwks is not null or jwks_uri is not null)
);
create index client_partner_ix on client (partner_id);

create table api (
    resource          text        primary key,
    partner_id        text        not null references partner (id),
    name              text        not null,
    token_ttl_seconds integer     not null default 300,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);

create table api_scope (
    resource    text not null references api (resource) on delete cascade,
    scope       text not null,
    description text not null,
    primary key (resource, scope)
);
