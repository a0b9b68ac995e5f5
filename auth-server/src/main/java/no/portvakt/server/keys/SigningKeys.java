package no.portvakt.server.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The signing keys every instance shares, and their rotation. Each instance keeps a snapshot in memory (the active
 * key decrypted once, the published public keys), refreshed on a short interval: signing never touches the
 * database or decrypts anything.
 *
 * <p>Rotation never fails a validation: the next key is published (pending) for at least
 * {@code publish-ahead} before it signs, and a retired key stays published for {@code retain-after-retirement},
 * longer than any token it signed lives.
 */
@Service
public class SigningKeys {

    /** What a rotation did. */
    public enum RotationResult { ROTATED, NOT_DUE, WAITING_FOR_PUBLICATION }

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final SigningKeyStore store;
    private final KeyEncryption encryption;
    private final KeysProperties settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private volatile Snapshot snapshot;

    record Snapshot(RSAKey active, Instant activeSince, List<JWK> published) {
    }

    public SigningKeys(SigningKeyStore store, KeyEncryption encryption, KeysProperties properties,
                       TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.encryption = encryption;
        this.settings = properties;
        this.tx = tx;
        this.clock = clock;
        rotate(false);
        refresh();
    }

    /** The key that signs now, with its private part. */
    public RSAKey activeKey() {
        return snapshot.active();
    }

    /** When the key that signs now began to sign. */
    public Instant activeSince() {
        return snapshot.activeSince();
    }

    /** The public keys a partner must accept: pending, active and recently retired. */
    public List<JWK> publishedKeys() {
        return snapshot.published();
    }

    /**
     * Reads the keys again; while PostgreSQL does not answer, the keys read before go on signing and being
     * published (what a rotation elsewhere changed arrives once it answers again), and the log says so.
     */
    @Scheduled(fixedDelayString = "${portvakt.keys.refresh-interval:30s}",
            initialDelayString = "${portvakt.keys.refresh-interval:30s}")
    public void refreshIfReachable() {
        try {
            refresh();
        } catch (DataAccessException e) {
            log.warn("PostgreSQL did not answer: the signing keys read before are kept ({})", e.toString());
        }
    }

    public void refresh() {
        List<StoredKey> keys = store.published(clock.instant());
        StoredKey active = keys.stream().filter(StoredKey::isActive).findFirst()
                .orElseThrow(() -> new IllegalStateException("No active signing key"));
        RSAKey current = snapshot == null ? null : snapshot.active();
        RSAKey activeKey = current != null && current.getKeyID().equals(active.kid()) ? current : decrypt(active);
        List<JWK> published = keys.stream().map(SigningKeys::parsePublic).toList();
        snapshot = new Snapshot(activeKey, active.activatedAt(), published);
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
    public void rotateIfDue() {
        rotate(false);
    }

    /**
     * Rotates when the active key has signed for {@code rotation-interval}, or at once when {@code force} is set
     * and the pending key has been published long enough. The first call on an empty database creates the keys.
     */
    public RotationResult rotate(boolean force) {
        RotationResult result = tx.execute(status -> rotateLocked(force));
        if (result == RotationResult.ROTATED) {
            refresh();
        }
        return result;
    }

    private RotationResult rotateLocked(boolean force) {
        store.lockForRotation();
        Instant now = clock.instant();
        List<StoredKey> keys = store.published(now);
        Optional<StoredKey> active = keys.stream().filter(StoredKey::isActive).findFirst();
        Optional<StoredKey> pending = keys.stream().filter(StoredKey::isPending).findFirst();
        if (active.isEmpty()) {
            // A new installation: nobody can have cached a JWKS yet, so the first key may sign at once.
            String kid = createKey(now);
            store.activate(kid, now);
            createKey(now);
            log.info("Created the first signing key {}", kid);
            return RotationResult.ROTATED;
        }
        if (pending.isEmpty()) {
            createKey(now);
            return RotationResult.WAITING_FOR_PUBLICATION;
        }
        boolean due = force || !active.get().activatedAt().plus(settings.rotationInterval()).isAfter(now);
        if (!due) {
            return RotationResult.NOT_DUE;
        }
        if (pending.get().createdAt().plus(settings.publishAhead()).isAfter(now)) {
            return RotationResult.WAITING_FOR_PUBLICATION;
        }
        store.retire(active.get().kid(), now, now.plus(settings.retainAfterRetirement()));
        store.activate(pending.get().kid(), now);
        createKey(now);
        int removed = store.deleteUnpublished(now);
        log.info("Rotated signing keys: {} signs now, {} retired, {} expired keys removed",
                pending.get().kid(), active.get().kid(), removed);
        return RotationResult.ROTATED;
    }

    private String createKey(Instant now) {
        try {
            RSAKey generated = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
            // kid = the JWK thumbprint (RFC 7638): stable, and derived from the key itself.
            String kid = generated.computeThumbprint().toString();
            RSAKey key = new RSAKey.Builder(generated).keyID(kid).build();
            byte[] encrypted = encryption.encrypt(key.toJSONString().getBytes(StandardCharsets.UTF_8), kid);
            store.insert(kid, key.toPublicJWK().toJSONString(), encrypted, encryption.kekId(), now);
            return kid;
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
    }

    private RSAKey decrypt(StoredKey key) {
        try {
            return RSAKey.parse(new String(encryption.decrypt(key.privateKeyEncrypted(), key.kekId(), key.kid()),
                    StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException("Signing key " + key.kid() + " is corrupt", e);
        }
    }

    private static JWK parsePublic(StoredKey key) {
        try {
            return JWK.parse(key.publicJwk());
        } catch (ParseException e) {
            throw new IllegalStateException("Public key " + key.kid() + " is corrupt", e);
        }
    }
}
