-- How the one acting was related to the person whose data the token reached (self, parent, power_of_attorney,
-- assigned_power_of_attorney, guardian; null for a SystemToken, where nobody acted, and for records from before),
-- so that the citizen's access log can say who acted and how. And the represented person's records in the order
-- that log pages through them (newest first, the id breaking ties), which replaces the index without the id.
alter table token_audit add column relation text;
create index token_audit_represented_page_ix on token_audit (represented_ref, issued_at, id);
drop index token_audit_represented_ix;
