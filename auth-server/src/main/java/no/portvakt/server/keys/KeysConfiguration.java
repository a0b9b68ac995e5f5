package no.portvakt.server.keys;

import com.nimbusds.jose.jwk.JWKSet;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import no.portvakt.registry.console.SecretSealer;
import no.portvakt.server.settings.PortvaktProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Two views of the keys. The JWKS endpoint and Portvakt's own validation see every published key; the encoder signs
 * with the active one only. That is how several keys of one algorithm coexist (the framework's encoder refuses to
 * pick among several).
 */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    @Bean
    KeyEncryption keyEncryption(KeysProperties properties) {
        return new KeyEncryption(properties.kek(), properties.kekId(), properties.previousKeks());
    }

    /** Other secrets at rest (the administrators' TOTP secrets) under the same key-encryption key. */
    @Bean
    SecretSealer secretSealer(KeyEncryption encryption) {
        return new SecretSealer() {
            @Override
            public Sealed seal(byte[] secret, String context) {
                return new Sealed(encryption.kekId(), encryption.encrypt(secret, context));
            }

            @Override
            public byte[] open(Sealed sealed, String context) {
                return encryption.decrypt(sealed.bytes(), sealed.kekId(), context);
            }

            @Override
            public String currentKekId() {
                return encryption.kekId();
            }
        };
    }

    /** The published keys: served at the JWKS endpoint. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return (selector, context) -> selector.select(new JWKSet(keys.publishedKeys()));
    }

    @Bean
    Rs256Signatures rs256Signatures(KeysProperties properties) {
        return Rs256Signatures.choose(properties.nativeSigning());
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys, Rs256Signatures signatures) {
        return new Rs256JwtEncoder(keys, signatures);
    }

    /** Readiness waits for a key that signs; info says which one, since when, and what computes its signatures. */
    @Bean
    HealthIndicator signingKeyHealthIndicator(SigningKeys keys, Rs256Signatures signatures) {
        return () -> Health.up().withDetail("kid", keys.activeKey().getKeyID())
                .withDetail("active_since", keys.activeSince().toString())
                .withDetail("signer", signatures.description()).build();
    }

    @Bean
    InfoContributor signerInfo(SigningKeys keys, Rs256Signatures signatures) {
        return info -> info.withDetail("signing", Map.of("signer", signatures.description(),
                "kid", keys.activeKey().getKeyID(), "active_since", keys.activeSince().toString()));
    }

    /** How old the key that signs is, for an alert when rotation stalls. */
    @Bean
    MeterBinder signingKeyAge(SigningKeys keys, Clock clock) {
        return registry -> Gauge.builder("portvakt.signing.key.age", keys,
                        k -> Duration.between(k.activeSince(), clock.instant()).toSeconds())
                .baseUnit("seconds").description("How long the active signing key has signed").register(registry);
    }

    /**
     * Portvakt's own tokens where it is their resource server (userinfo): a client's access token has no typ,
     * or {@code at+jwt} when it also carries API scopes (RFC 9068). Which token it is, is then looked up in the store.
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, PortvaktProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource)
                .jwtProcessorCustomizer(processor -> processor.setJWSTypeVerifier(
                        new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null)))
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                new JwtIssuerValidator(properties.issuer())));
        return decoder;
    }
}
