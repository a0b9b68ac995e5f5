-- Used client-assertion jtis are written on every private_key_jwt request, the token endpoint's hottest write.
-- Unlogged: no WAL and no flush per request. The trade-off: after a PostgreSQL crash the table is empty, so an
-- assertion used just before the crash could be used once more within its remaining lifetime (at most 120 s).
-- Visibility across instances is unchanged: a committed row is seen by every connection at once.
alter table client_assertion_jti set unlogged;
