-- A client can be registered to require DPoP-bound tokens (RFC 9449): a token request without a proof is refused.
alter table client add column require_dpop boolean not null default false;
