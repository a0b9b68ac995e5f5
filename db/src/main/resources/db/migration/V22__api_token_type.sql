-- The typ header of an API's access tokens: RFC 9068's at+jwt, or JWT for a partner that validates Helsenorge's
-- SystemToken header and cannot yet take at+jwt.
alter table api add column token_type text not null default 'at+jwt' check (token_type in ('at+jwt', 'JWT'));
