-- Issue 5: whom Portvakt trusts. A partner needs a signed agreement and must not be suspended; a client must be
-- approved (a client registered through DCR waits for an administrator).
alter table partner add column contact_name text;
alter table partner add column contact_email text;
alter table partner add column agreement_signed_on date;
alter table partner add column suspended_at timestamptz;
alter table partner add column suspended_reason text;

alter table client add column approved_at timestamptz;
update client set approved_at = created_at;
-- bootstrap | admin | dcr
alter table client add column registered_by text not null default 'bootstrap';
-- RFC 7592: the registration access token of a client registered through DCR, as its SHA-256
alter table client add column registration_token_sha256 text;

-- RFC 7591 §3: initial access tokens an administrator issues to a partner, as their SHA-256.
create table initial_access_token (
    token_sha256 text        primary key,
    partner_id   text        not null references partner (id) on delete cascade,
    expires_at   timestamptz not null,
    created_by   text        not null,
    created_at   timestamptz not null default now()
);

-- Every change to the registry: who, when, what, before and after (secrets never appear, only their presence).
create table registry_change (
    id         bigserial   primary key,
    changed_at timestamptz not null default now(),
    actor      text        not null,
    entity     text        not null,
    entity_id  text        not null,
    action     text        not null,
    before     jsonb,
    after      jsonb
);
create index registry_change_entity_ix on registry_change (entity, entity_id, changed_at);

-- Bumped by every registry change: each instance polls it and drops its cached clients and APIs when it moves.
create table registry_generation (
    id         int    primary key default 1 check (id = 1),
    generation bigint not null
);
insert into registry_generation (generation) values (1);
