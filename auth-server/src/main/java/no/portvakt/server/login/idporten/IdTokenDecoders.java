package no.portvakt.server.login.idporten;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * ID-porten's ID tokens, checked as Spring Security's {@link OidcIdTokenDecoderFactory} checks them (RS256 by a key
 * of the provider's JWKS, OIDC Core §3.1.3.7 by {@link OidcIdTokenValidator}), with the keys fetched within
 * ID-porten's timeouts ({@link IdportenHttp}); one decoder per registration, so the keys are cached between logins.
 * Spring Security's login takes it as the application's {@code JwtDecoderFactory<ClientRegistration>}.
 */
final class IdTokenDecoders implements JwtDecoderFactory<ClientRegistration> {

    private final IdportenHttp http;
    private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

    IdTokenDecoders(IdportenHttp http) {
        this.http = http;
    }

    @Override
    public JwtDecoder createDecoder(ClientRegistration registration) {
        return decoders.computeIfAbsent(registration.getRegistrationId(), id -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                    .jwsAlgorithm(SignatureAlgorithm.RS256).restOperations(http.keys()).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                    new OidcIdTokenValidator(registration)));
            decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                    OidcIdTokenDecoderFactory.createDefaultClaimTypeConverters()));
            return decoder;
        });
    }
}
