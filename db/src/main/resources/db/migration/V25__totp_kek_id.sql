-- Which key-encryption key seals each administrator's TOTP secret, as signing_key.kek_id does for the signing
-- keys: the KEK can then be rotated (the secrets sealed again under the new one, the old one removed). The rows
-- there are were sealed under the KEK configured now (flyway placeholder kekid = portvakt.keys.kek-id).
alter table administrator add column totp_kek_id text;
update administrator set totp_kek_id = '${kekid}';
alter table administrator alter column totp_kek_id set not null;
