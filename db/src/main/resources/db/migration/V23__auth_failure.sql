-- Failed client authentications, counted per client and per source address in a fixed window, shared by every
-- instance. Unlogged: after a crash the counts start again, which only gives a guesser a fresh window.
create unlogged table auth_failure (
    key text primary key,
    window_start timestamptz not null,
    failures integer not null,
    blocked_until timestamptz
);
create index auth_failure_blocked on auth_failure (blocked_until) where blocked_until is not null;
