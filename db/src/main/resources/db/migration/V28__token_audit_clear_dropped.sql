-- V27 moved the audit rows into the partitioned, sealed token_audit and gave each trail reading its keyed hash:
-- nothing holds a fødselsnummer of the audit in clear any more.
drop table token_audit_clear;
drop index token_audit_lookup_pid_ix;
alter table token_audit_lookup drop column pid;
alter table token_audit_lookup alter column pid_ref set not null;
create index token_audit_lookup_pid_ix on token_audit_lookup (pid_ref, looked_up_at);
