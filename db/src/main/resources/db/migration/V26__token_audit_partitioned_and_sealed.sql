-- The token audit trail, partitioned by month of issued_at: a month past the retention is dropped whole, a cheap
-- delete whatever its size. And no fødselsnummer in clear: each is stored as a keyed hash to find a citizen's
-- tokens by (*_ref: HMAC-SHA-256) and sealed to show them (*_enc: AES-256-GCM), both under the audit's data key,
-- which is itself stored encrypted under the key-encryption key (data_key). A dump of the database alone does not
-- tell whose tokens they were. V27 (in the application, which holds the keys) moves the rows there are; V28 drops
-- what held them in clear.
create table data_key (
    id         text        primary key,
    key_enc    bytea       not null,
    kek_id     text        not null,
    created_at timestamptz not null default now()
);

alter table token_audit rename to token_audit_clear;
alter index token_audit_pkey rename to token_audit_clear_pkey;
alter index token_audit_acting_ix rename to token_audit_clear_acting_ix;
alter index token_audit_represented_ix rename to token_audit_clear_represented_ix;
alter sequence token_audit_id_seq owned by none;

create table token_audit (
    id              bigint      not null default nextval('token_audit_id_seq'),
    issued_at       timestamptz not null,
    token_kind      text        not null,
    grant_type      text        not null,
    client_id       text        not null,
    audience        text        not null,
    scopes          text        not null,
    acting_ref      bytea,
    acting_enc      bytea,
    represented_ref bytea,
    represented_enc bytea,
    jti             text        not null,
    primary key (id, issued_at)
) partition by range (issued_at);
alter sequence token_audit_id_seq owned by token_audit.id;
create index token_audit_acting_ix on token_audit (acting_ref, issued_at);
create index token_audit_represented_ix on token_audit (represented_ref, issued_at);
-- A row no monthly partition takes is kept here, not lost (housekeeping creates the months well ahead).
create table token_audit_default partition of token_audit default;

-- The partition of the month (UTC) that holds first_day, created if missing; rows of that month kept meanwhile
-- in the default partition move into it. Serialised across instances.
create function token_audit_month(first_day date) returns void language plpgsql as $$
declare
    month_start date := date_trunc('month', first_day)::date;
    name text := 'token_audit_y' || to_char(month_start, 'YYYY') || 'm' || to_char(month_start, 'MM');
    lower_bound timestamptz := month_start::timestamp at time zone 'UTC';
    upper_bound timestamptz := (month_start + interval '1 month')::timestamp at time zone 'UTC';
begin
    perform pg_advisory_xact_lock(hashtext('portvakt.token_audit.partitions'));
    if to_regclass(name) is not null then
        return;
    end if;
    create temp table token_audit_moving (like token_audit_default) on commit drop;
    with moved as (delete from token_audit_default where issued_at >= lower_bound and issued_at < upper_bound
                   returning *)
    insert into token_audit_moving select * from moved;
    execute format('create table %I partition of token_audit for values from (%L) to (%L)', name, lower_bound,
                   upper_bound);
    insert into token_audit select * from token_audit_moving;
    drop table token_audit_moving;
end $$;

-- Drops every monthly partition wholly before cutoff, and deletes such rows of the default one; the months
-- dropped.
create function token_audit_drop_before(cutoff timestamptz) returns integer language plpgsql as $$
declare
    part text;
    dropped integer := 0;
begin
    perform pg_advisory_xact_lock(hashtext('portvakt.token_audit.partitions'));
    for part in
        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'token_audit'::regclass and c.relname ~ '^token_audit_y[0-9]{4}m[0-9]{2}$'
    loop
        if ((to_date(substr(part, 14, 4) || substr(part, 19, 2), 'YYYYMM') + interval '1 month')::timestamp
                at time zone 'UTC') <= cutoff then
            execute format('drop table %I', part);
            dropped := dropped + 1;
        end if;
    end loop;
    delete from token_audit_default where issued_at < cutoff;
    return dropped;
end $$;

select token_audit_month(((now() at time zone 'UTC')::date + (m || ' months')::interval)::date)
from generate_series(0, 2) as m;

-- Who read a citizen's trail: the citizen found by the same keyed hash (V27 fills it, V28 drops the clear pid).
alter table token_audit_lookup add column pid_ref bytea;
