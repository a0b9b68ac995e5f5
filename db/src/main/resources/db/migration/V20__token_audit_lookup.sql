-- Who read a citizen's token audit trail, and when (GET /admin/api/token-audit): the trail shows which health
-- services a citizen uses and for whom they act, so reading it is itself on record. Written in the same
-- transaction as the read: a trail whose reading cannot be recorded is not shown.
create table token_audit_lookup (
    id           bigserial primary key,
    looked_up_at timestamptz not null default now(),
    looked_up_by text        not null,
    pid          char(11)    not null,
    records      integer     not null
);
create index token_audit_lookup_pid_ix on token_audit_lookup (pid, looked_up_at);
