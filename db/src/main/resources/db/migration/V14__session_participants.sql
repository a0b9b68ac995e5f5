-- Which clients took part in a login session (an ID token was issued to them under that sid): the ones told of
-- its logout (OIDC Back-Channel Logout 1.0 §2.5).
create table session_participant (
    sid        text        not null,
    client_id  text        not null,
    acting_pid char(11)    not null,
    created_at timestamptz not null default now(),
    primary key (sid, client_id)
);
create index session_participant_created_ix on session_participant (created_at);
