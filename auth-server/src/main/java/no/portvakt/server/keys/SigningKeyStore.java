package no.portvakt.server.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.RowCallbackHandler;
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
                select kid, public_jwk, private_key_enc, kek_id, created_at, activated_at, retired_at from signing_key
                where unpublish_after is null or unpublish_after > ? order by created_at
                """).param(Timestamp.from(now)).query(SigningKeyStore::row).list();
    }

    /** Every key, published or not, encrypted under another KEK than {@code kekId}. */
    List<StoredKey> notUnder(String kekId) {
        return jdbc.sql("""
                select kid, public_jwk, private_key_enc, kek_id, created_at, activated_at, retired_at from signing_key
                where kek_id <> ?
                """).param(kekId).query(SigningKeyStore::row).list();
    }

    /** Stores {@code key}'s private key encrypted anew, unless it was meanwhile (its KEK no longer the one read). */
    boolean reencrypted(StoredKey key, byte[] privateKeyEncrypted, String kekId) {
        return jdbc.sql("update signing_key set private_key_enc = ?, kek_id = ? where kid = ? and kek_id = ?")
                .params(privateKeyEncrypted, kekId, key.kid(), key.kekId()).update() == 1;
    }

    /** How many keys are encrypted under each KEK. */
    Map<String, Long> perKek() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select kek_id, count(*) from signing_key group by kek_id")
                .query((RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    private static StoredKey row(ResultSet rs, int n) throws SQLException {
        return new StoredKey(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getString(4),
                instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)));
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
