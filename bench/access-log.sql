-- bench/access-log-bench.sh: one citizen's access log grown to RECORDS records over the last two years, among
-- OTHERS records of other citizens; every row a copy of the citizen's own record from a real login (so that its
-- keyed reference and sealed fødselsnummer are the server's), the others with a new reference each.
select token_audit_month((date_trunc('month', now()) - make_interval(months => m))::date)
from generate_series(0, 24) m;
insert into token_audit (issued_at, token_kind, grant_type, client_id, audience, scopes, acting_ref, acting_enc,
    represented_ref, represented_enc, jti, relation)
select now() - g * (interval '2 years' / :records), t.token_kind, t.grant_type, t.client_id, t.audience, t.scopes,
       t.acting_ref, t.acting_enc, t.represented_ref, t.represented_enc, 'bench-' || g, t.relation
from generate_series(1, :records) g,
     (select * from token_audit where jti not like 'bench-%' order by id limit 1) t;
insert into token_audit (issued_at, token_kind, grant_type, client_id, audience, scopes, acting_ref, acting_enc,
    represented_ref, represented_enc, jti, relation)
select now() - random() * interval '2 years', t.token_kind, t.grant_type, t.client_id, t.audience, t.scopes,
       r.ref, t.acting_enc, r.ref, t.represented_enc, 'other-' || g, t.relation
from generate_series(1, :others) g,
     lateral (select sha256(int8send(g)) as ref) r,
     (select * from token_audit where jti not like 'bench-%' order by id limit 1) t;
analyze token_audit;
