-- PVK, the privacy-settings component: definitions (one question a partner asks citizens), each citizen's
-- settings with their whole history, partner APIs subscribing to definitions, and the transactional outbox
-- of deliveries to them (docs/pvk.md).
create table pvk_definition (
    guid                      uuid        primary key,
    -- partKode: the owning partner
    partner_id                text        not null references partner (id),
    type_pi                   text        not null,
    name_nb                   text        not null,
    name_nn                   text        not null,
    name_en                   text        not null,
    text_nb                   text        not null,
    text_nn                   text        not null,
    text_en                   text        not null,
    default_active            boolean     not null,
    representative_may_change boolean     not null,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    constraint pvk_definition_type_ck check (type_pi in ('samtykke', 'reservasjon', 'tilgangsbegrensning'))
);
create index pvk_definition_partner_ix on pvk_definition (partner_id);

-- A citizen's current setting; no row means the definition's default. version counts the changes of the
-- (pid, definition) pair: it is the sequence number of the replication messages.
create table pvk_setting (
    pid             text        not null,
    definition_guid uuid        not null references pvk_definition (guid),
    active          boolean     not null,
    version         bigint      not null,
    changed_at      timestamptz not null,
    primary key (pid, definition_guid)
);
create index pvk_setting_active_ix on pvk_setting (definition_guid, pid) where active;

-- Every change: who changed it (actor_pid, a citizen; or client_id, a system), for whom (pid) and how
-- (relation), through which channel, and what it was before.
create table pvk_setting_change (
    id              bigserial   primary key,
    pid             text        not null,
    definition_guid uuid        not null references pvk_definition (guid),
    version         bigint      not null,
    active          boolean     not null,
    previous_active boolean     not null,
    actor_pid       text,
    relation        text        not null,
    channel         text        not null,
    actor_client_id text,
    changed_at      timestamptz not null,
    unique (pid, definition_guid, version),
    constraint pvk_change_channel_ck check (channel in ('citizen_page', 'admin_api', 'partner_api'))
);

create table pvk_subscription (
    id           text        primary key,
    partner_id   text        not null references partner (id),
    -- the subscriber's API: the SystemToken's aud
    resource     text        not null references api (resource),
    -- the scope for storing privacy settings, granted to PVK's client on that API
    scope        text        not null,
    delivery_url text        not null,
    -- the subscriber failed with something worth waiting for: nothing is sent to it before this time
    resting_until timestamptz,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);

create table pvk_subscription_definition (
    subscription_id text not null references pvk_subscription (id) on delete cascade,
    definition_guid uuid not null references pvk_definition (guid),
    primary key (subscription_id, definition_guid)
);
create index pvk_subscription_definition_ix on pvk_subscription_definition (definition_guid);

-- The outbox: one row per change and subscriber, written in the change's transaction. state: pending,
-- delivered, dead (a dead letter, waiting for an operator). A pending row whose next_attempt_at lies ahead is
-- either resting after a failure or leased by a worker (the lease is that time).
create table pvk_delivery (
    id              bigserial   primary key,
    message_id      uuid        not null unique,
    subscription_id text        not null references pvk_subscription (id) on delete cascade,
    change_id       bigint      not null references pvk_setting_change (id),
    pid             text        not null,
    definition_guid uuid        not null,
    sequence        bigint      not null,
    state           text        not null default 'pending',
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    -- when the message became due: at its change, or when an operator redelivered it (its age counts from here)
    due_since       timestamptz not null default now(),
    last_error      text,
    last_attempt_at timestamptz,
    delivered_at    timestamptz,
    dead_at         timestamptz,
    created_at      timestamptz not null default now(),
    constraint pvk_delivery_state_ck check (state in ('pending', 'delivered', 'dead')),
    unique (subscription_id, pid, definition_guid, sequence)
);
create index pvk_delivery_due_ix on pvk_delivery (next_attempt_at, id) where state = 'pending';
-- The order rule: a row waits while an earlier one of its key (subscription, citizen, definition) is undelivered.
create index pvk_delivery_open_key_ix on pvk_delivery (subscription_id, pid, definition_guid, sequence)
    where state <> 'delivered';
create index pvk_delivery_delivered_ix on pvk_delivery (delivered_at) where state = 'delivered';
create index pvk_delivery_subscription_ix on pvk_delivery (subscription_id, state);

-- Which subscriber received which change, and when: written with the receipt, kept after the outbox row is
-- cleaned up, so the citizen's page can say which partners were told.
create table pvk_receipt (
    change_id       bigint      not null references pvk_setting_change (id),
    subscription_id text        not null references pvk_subscription (id) on delete cascade,
    received_at     timestamptz not null,
    primary key (change_id, subscription_id)
);
