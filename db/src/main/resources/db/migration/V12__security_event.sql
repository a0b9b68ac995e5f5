-- Security events worth an auditor's eye that are not tokens: a refused representation (a forged choice), ...
create table security_event (
    id          bigserial   primary key,
    occurred_at timestamptz not null default now(),
    kind        text        not null,
    acting_pid  char(11),
    subject     text,
    session_id  text
);
create index security_event_acting_ix on security_event (acting_pid, occurred_at);
