-- Issue 5: partners' staff log in to the partner page with accounts an administrator created (same second factor).
alter table administrator add column partner_id text references partner (id) on delete cascade;
alter table administrator drop constraint administrator_role_ck;
alter table administrator add constraint administrator_role_ck check (
    (role in ('admin', 'auditor') and partner_id is null) or (role = 'partner' and partner_id is not null));
