-- Token introspection (RFC 7662) is for registered resource servers only.
alter table client add column introspection_allowed boolean not null default false;
