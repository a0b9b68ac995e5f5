package no.portvakt.server.settings;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code portvakt.*} setting. Each can also be given as an environment variable
 * ({@code PORTVAKT_ISSUER}, {@code PORTVAKT_KEYS_KEK}, ...). {@code docs/configuration.md} lists them.
 */
@Validated
@ConfigurationProperties("portvakt")
public record PortvaktProperties(
        /* The issuer identifier, exactly as it appears in discovery and in every token's iss. */
        String issuer,
        /* The bootstrap file (partners, clients, APIs, demo citizens), applied at every start. */
        String bootstrap,
        @DefaultValue Keys keys,
        @DefaultValue Subject subject,
        @DefaultValue TestId testid,
        @DefaultValue Idporten idporten,
        @DefaultValue Session session,
        @DefaultValue Clients clients,
        @DefaultValue Housekeeping housekeeping,
        @DefaultValue Representation representation,
        @DefaultValue Logout logout,
        @DefaultValue Workers workers,
        @DefaultValue GroupCommit groupCommit) {

    /** Signing keys: encrypted at rest with the key-encryption key, rotated on a schedule. */
    public record Keys(
            /* Base64 of 32 random bytes (AES-256). Required: Portvakt refuses to start without it. */
            String kek,
            @DefaultValue("kek-1") String kekId,
            /* How long a key signs before the next one takes over. */
            @DefaultValue("30d") Duration rotationInterval,
            /* How long a new key is published before it may sign: longer than any partner caches the JWKS. */
            @DefaultValue("1h") Duration publishAhead,
            /* How long a retired key stays published: longer than any token it signed lives. */
            @DefaultValue("24h") Duration retainAfterRetirement,
            /* How often each instance re-reads the keys (so a rotation on one instance reaches all). */
            @DefaultValue("30s") Duration refreshInterval,
            /* Sign RS256 with AWS-LC (the Amazon Corretto Crypto Provider) where its native library loads; false: the JDK. */
            @DefaultValue("true") boolean nativeSigning) {
    }

    /** The pairwise subject identifiers (OIDC Core §8.1). */
    public record Subject(
            /* The secret of the HMAC that derives sub; changing it changes every partner's sub. */
            String pairwiseSecret) {
    }

    /** TestID, the built-in synthetic login. Never enable it in production. */
    public record TestId(@DefaultValue("false") boolean enabled) {
    }

    /** ID-porten, the citizens' login in production, as an upstream OpenID Connect provider. */
    public record Idporten(
            @DefaultValue("false") boolean enabled,
            /* The upstream issuer: https://idporten.no in production (discovery is read from it). */
            String issuer,
            String clientId,
            /* Portvakt's private key for private_key_jwt at ID-porten, as a JWK (JSON) with a kid. */
            String clientJwk,
            /* The level asked for when the partner's request names none. */
            @DefaultValue("idporten-loa-substantial") String acrValues,
            @DefaultValue("openid") String scope) {
    }

    /** Citizen sessions (ID-porten's and Helsenorge's limits). */
    public record Session(
            @DefaultValue("30m") Duration idleTimeout,
            @DefaultValue("120m") Duration maxDuration) {
    }

    /** The registered-client cache in front of PostgreSQL. */
    public record Clients(
            @DefaultValue("30s") Duration cacheTtl,
            /* How often each instance checks whether the registry changed (and drops its caches if so). */
            @DefaultValue("2s") Duration changePollInterval) {
    }

    /** The cleanup of expired rows. */
    public record Housekeeping(
            @DefaultValue("5m") Duration interval,
            @DefaultValue("1000") int batchSize,
            /* How long an authorization row is kept after everything in it expired. */
            @DefaultValue("1h") Duration grace) {
    }

    /**
     * The configurable part of the representation rules (docs/tokens.md, "representation"). A scope not listed is
     * refused in that context; OpenID Connect's own scopes (openid, profile, pid, offline_access) are never limited.
     */
    public record Representation(
            /* What a parent may use for a child of 12 to 15, and the child for themself. */
            java.util.Set<String> teenScopes,
            /* What the holder of an ordinary power of attorney may use; empty means no limit beyond the giver's. */
            java.util.Set<String> ordinaryPowerOfAttorneyScopes,
            /* The longest the person directory's answers are kept in memory (changes made here drop them at once). */
            @DefaultValue("60s") Duration directoryCacheTtl,
            /* How often each instance checks whether the directory changed (and drops what it keeps if so). */
            @DefaultValue("2s") Duration directoryChangePollInterval) {

        public Representation {
            teenScopes = teenScopes == null ? java.util.Set.of() : java.util.Set.copyOf(teenScopes);
            ordinaryPowerOfAttorneyScopes = ordinaryPowerOfAttorneyScopes == null ? java.util.Set.of()
                    : java.util.Set.copyOf(ordinaryPowerOfAttorneyScopes);
        }
    }

    /** Back-channel logout (OIDC Back-Channel Logout 1.0): the delivery of logout tokens from a durable queue. */
    public record Logout(
            /* How often each instance looks for logout tokens to deliver. */
            @DefaultValue("2s") Duration deliveryInterval,
            /* Attempts per partner before the delivery is given up (the waits double from 5 s, at most 1 h). */
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration readTimeout,
            /* How long a logout token is valid (exp - iat). */
            @DefaultValue("2m") Duration tokenTtl) {
    }

    /** The threads that serve HTTP requests, taking the waiting ones in the order they came. */
    public record Workers(
            /* Workers normally; 0: one per processor, and one more for a request waiting for PostgreSQL. */
            @DefaultValue("0") int count,
            /* Workers at most, while some are stuck in I/O. */
            @DefaultValue("200") int max,
            /* How long requests wait with none started before one more worker is started. */
            @DefaultValue("20ms") Duration stallTimeout) {
    }

    /** The statements that token requests wait for (jtis, audit records, subject checks), run in batches. */
    public record GroupCommit(
            /* At most one batch per writer in this time: under load each takes what came meanwhile; an item that
               finds its writer idle since longer is run at once. 0: every batch as soon as the last has run. */
            @DefaultValue("5ms") Duration interval) {
    }
}
