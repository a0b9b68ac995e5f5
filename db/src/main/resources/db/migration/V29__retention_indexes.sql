-- Retention (housekeeping's Retention): what is past its keeping time is found by time, not by a full scan.
create index token_audit_lookup_time_ix on token_audit_lookup (looked_up_at);
create index security_event_time_ix on security_event (occurred_at);
create index registry_change_time_ix on registry_change (changed_at);
create index logout_delivery_created_ix on logout_delivery (created_at);
