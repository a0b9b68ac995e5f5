-- bench/token-bench.sh GROWTH=1: the registry and the tables grown to a large production's size, while the server
-- runs. Every row a copy of the benchmark's own, with a new key.

-- 100,000 partners, each with a client and an API whose scope the client is granted.
insert into partner
select (jsonb_populate_record(null::partner, to_jsonb(p) || jsonb_build_object('id', 'growth-' || g,
        'name', 'Growth partner ' || g))).*
from partner p, generate_series(1, 100000) g where p.id = 'bench-partner';
insert into client
select (jsonb_populate_record(null::client, to_jsonb(c) || jsonb_build_object('client_id', 'growth-client-' || g,
        'partner_id', 'growth-' || g, 'client_name', 'Growth client ' || g))).*
from client c, generate_series(1, 100000) g where c.client_id = 'bench-system';
insert into api
select (jsonb_populate_record(null::api, to_jsonb(a) || jsonb_build_object(
        'resource', 'https://growth-' || g || '.example/api', 'partner_id', 'growth-' || g))).*
from api a, generate_series(1, 100000) g where a.resource = 'https://api.bench-partner.example/records';
insert into api_scope
select (jsonb_populate_record(null::api_scope, to_jsonb(s) || jsonb_build_object(
        'resource', 'https://growth-' || g || '.example/api'))).*
from api_scope s, generate_series(1, 100000) g
where s.resource = 'https://api.bench-partner.example/records' and s.scope = 'records.read';
insert into api_scope_grant (resource, scope, client_id)
select 'https://growth-' || g || '.example/api', 'records.read', 'growth-client-' || g
from generate_series(1, 100000) g;

-- 10 million audit records over the last twelve months, of a million citizens.
select token_audit_month((date_trunc('month', now()) - make_interval(months => m))::date)
from generate_series(0, 12) m;
insert into token_audit (issued_at, token_kind, grant_type, client_id, audience, scopes, acting_ref, acting_enc,
    represented_ref, represented_enc, jti)
select now() - make_interval(secs => g * 3.1), 'access_token', 'client_credentials',
       'growth-client-' || (g % 100000 + 1), 'https://growth-' || (g % 100000 + 1) || '.example/api',
       'records.read', sha256(('a' || g % 1000000)::bytea), sha256(('e' || g)::bytea),
       sha256(('a' || g % 1000000)::bytea), sha256(('e' || g)::bytea), 'growth-' || g
from generate_series(1, 10000000) g;

-- 10 million authorizations, all expired: housekeeping's work while tokens are issued.
insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,
    access_token_value, access_token_expires_at)
select 'growth-' || g, 'bench-system', 'growth', 'client_credentials', 'growth-token-' || g,
       now() - interval '2 hours'
from generate_series(1, 10000000) g;

analyze;
