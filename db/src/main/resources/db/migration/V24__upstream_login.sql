-- Which of Portvakt's login sessions (sid) an ID-porten login session (its own sid) began, and whose: ID-porten's
-- back-channel logout names only its sid. A row goes with its session.
create table upstream_login (
    sid text primary key,
    upstream_sid text not null,
    pid text not null,
    created_at timestamptz not null default now()
);
create index upstream_login_upstream_sid on upstream_login (upstream_sid);
