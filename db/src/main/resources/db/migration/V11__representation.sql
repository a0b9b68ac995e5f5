-- Representation (who may act for whom): the population register's addresses, confidentiality and parental
-- responsibility, and PVK's powers of attorney and guardianships. Demo and test data come from the bootstrap file.
alter table person add column address_id text;
alter table person add column confidential_address boolean not null default false;

create table parental_responsibility (
    parent_pid char(11) not null references person (pid) on delete cascade,
    child_pid  char(11) not null references person (pid) on delete cascade,
    primary key (parent_pid, child_pid)
);
create index parental_responsibility_child_ix on parental_responsibility (child_pid);

create table power_of_attorney (
    giver_pid     char(11) not null references person (pid) on delete cascade,
    holder_pid    char(11) not null references person (pid) on delete cascade,
    kind          text     not null constraint power_of_attorney_kind_ck
                      check (kind in ('ordinary', 'assigned_through_gp')),
    valid_from    date     not null,
    valid_to      date,
    service_areas text[]   not null default '{}',
    primary key (giver_pid, holder_pid, kind)
);
create index power_of_attorney_holder_ix on power_of_attorney (holder_pid);

create table guardianship (
    guardian_pid char(11) not null references person (pid) on delete cascade,
    ward_pid     char(11) not null references person (pid) on delete cascade,
    valid_from   date     not null,
    valid_to     date,
    primary key (guardian_pid, ward_pid)
);
