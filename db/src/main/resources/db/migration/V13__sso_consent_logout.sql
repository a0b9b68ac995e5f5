-- Issue 3: partner services the portal links to (OIDC Core §4), logout participation, and consent to API scopes.
alter table client add column initiate_login_uri text;
alter table client add column target_link_uri text;
alter table client add column backchannel_logout_uri text;
-- independent: the partner's logout revokes its own tokens and leaves the portal session alone (Helsenorge's
-- default); shared: its logout ends the citizen's session at Portvakt, and every shared partner hears of it.
alter table client add column logout text not null default 'independent'
    constraint client_logout_ck check (logout in ('independent', 'shared'));

-- Scopes a citizen consents to: titles and descriptions in nb, nn and en ({"nb": {"title": .., "description": ..}}).
alter table api_scope add column consent boolean not null default false;
alter table api_scope add column texts jsonb not null default '{}';
create index api_scope_scope_ix on api_scope (scope);

-- A citizen's consent: per citizen, per person represented (the citizen themself for "myself"), per client.
create table citizen_consent (
    acting_pid      char(11)    not null,
    represented_pid char(11)    not null,
    client_id       text        not null references client (client_id) on delete cascade,
    scopes          text[]      not null,
    granted_at      timestamptz not null default now(),
    primary key (acting_pid, represented_pid, client_id)
);

-- Which authorizations were issued under a consent: withdrawing it removes them, and their tokens with them.
create table consent_authorization (
    acting_pid       char(11) not null,
    represented_pid  char(11) not null,
    client_id        text     not null,
    authorization_id text     not null primary key,
    created_at       timestamptz not null default now()
);
create index consent_authorization_consent_ix on consent_authorization (acting_pid, represented_pid, client_id);

-- Back-channel logout (OIDC Back-Channel Logout 1.0): a durable queue, retried until delivered or given up.
create table logout_delivery (
    id              bigserial   primary key,
    client_id       text        not null,
    logout_uri      text        not null,
    logout_token    text        not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    delivered_at    timestamptz,
    given_up_at     timestamptz,
    last_error      text,
    created_at      timestamptz not null default now()
);
create index logout_delivery_due_ix on logout_delivery (next_attempt_at) where delivered_at is null and given_up_at is null;
