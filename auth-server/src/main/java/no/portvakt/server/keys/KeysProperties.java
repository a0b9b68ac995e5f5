package no.portvakt.server.keys;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code portvakt.keys.*}: signing keys: encrypted at rest with the key-encryption key, rotated on a schedule. */
@ConfigurationProperties("portvakt.keys")
public record KeysProperties(
        /* Base64 of 32 random bytes (AES-256). Required: Portvakt refuses to start without it. */
        String kek,
        /* The id stored beside every secret the KEK encrypts. A new KEK gets a new id. */
        @DefaultValue("kek-1") String kekId,
        /* Earlier KEKs, each "id:base64", for decryption only: kept while secrets are still encrypted under them
           (docs/operations.md, rotating the key-encryption key). */
        @DefaultValue List<String> previousKeks,
        /* How long a key signs before the next one takes over. */
        @DefaultValue("30d") Duration rotationInterval,
        /* How long a new key is published before it may sign: longer than any partner caches the JWKS. */
        @DefaultValue("1h") Duration publishAhead,
        /* How long a retired key stays published: longer than any token it signed lives. */
        @DefaultValue("24h") Duration retainAfterRetirement,
        /* How often each instance re-reads the keys (so a rotation on one instance reaches all). */
        @DefaultValue("30s") Duration refreshInterval,
        /* Sign RS256 with AWS-LC (the Amazon Corretto Crypto Provider) where its native library loads; false: the
           JDK. */
        @DefaultValue("true") boolean nativeSigning) {
}
