package no.portvakt.server.keys;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** PostgreSQL storage of the signing keys, shared by every instance. */
@Repository
class SigningKeyStore {

    private final JdbcClient jdbc;

    SigningKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keys still published: pending, active and retired ones whose tokens may still be alive. */
    List<StoredKey> published(Instant now) {
        return jdbc.sql("""
                select kid, public_jwk, private_key_enc, created_at, activated_at, retired_at from signing_key
                where unpublish_after is null or unpublish_after > ? order by created_at
                """).param(Timestamp.from(now))
                .query((rs, n) -> new StoredKey(rs.getString(1), rs.getString(2), rs.getBytes(3),
                        instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))))
                .list();
    }

    void insert(String kid, String publicJwk, byte[] privateKeyEncrypted, String kekId, Instant now) {
        jdbc.sql("""
                insert into signing_key (kid, algorithm, public_jwk, private_key_enc, kek_id, created_at)
                values (?, 'RS256', ?, ?, ?, ?)
                """).params(kid, publicJwk, privateKeyEncrypted, kekId, Timestamp.from(now)).update();
    }

    void retire(String kid, Instant now, Instant unpublishAfter) {
        jdbc.sql("update signing_key set retired_at = ?, unpublish_after = ? where kid = ?")
                .params(Timestamp.from(now), Timestamp.from(unpublishAfter), kid).update();
    }

    void activate(String kid, Instant now) {
        jdbc.sql("update signing_key set activated_at = ? where kid = ?").params(Timestamp.from(now), kid).update();
    }

    /** Serialises rotations across instances for the rest of the transaction. */
    void lockForRotation() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('portvakt.signing_key.rotation'))").query().singleRow();
    }

    int deleteUnpublished(Instant now) {
        return jdbc.sql("delete from signing_key where unpublish_after <= ?").param(Timestamp.from(now)).update();
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
