-- What each API scope needs (situations 1, 3 and 4 of the mission): a logged-in citizen (token exchange only),
-- a citizen named without login (a SystemToken with authorization_details), or no citizen at all.
alter table api_scope add column requires text not null default 'system'
    constraint api_scope_requires_ck check (requires in ('system', 'citizen', 'login'));

-- Which client may ask for which scope of which API. Nothing is granted by default.
create table api_scope_grant (
    resource  text not null,
    scope     text not null,
    client_id text not null references client (client_id) on delete cascade,
    primary key (resource, scope, client_id),
    foreign key (resource, scope) references api_scope (resource, scope) on delete cascade
);
create index api_scope_grant_client_ix on api_scope_grant (client_id);

-- Every token issued in a citizen's name (situations 1 to 4), written in batches, never lost once returned.
create table token_audit (
    id              bigserial   primary key,
    issued_at       timestamptz not null,
    token_kind      text        not null,
    grant_type      text        not null,
    client_id       text        not null,
    audience        text        not null,
    scopes          text        not null,
    acting_pid      char(11),
    represented_pid char(11),
    jti             text        not null
);
create index token_audit_acting_ix on token_audit (acting_pid, issued_at);
create index token_audit_represented_ix on token_audit (represented_pid, issued_at);
