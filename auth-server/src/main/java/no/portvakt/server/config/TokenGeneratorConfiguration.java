package no.portvakt.server.config;

import java.util.List;
import no.portvakt.server.audit.AuditedTokens;
import no.portvakt.server.claims.TokenClaimContributor;
import no.portvakt.server.tokens.OfflineAccessRefreshTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/** The one token pipeline: JWTs (ID and access tokens) with Portvakt's claims, and refresh tokens. */
@Configuration(proxyBeanMethods = false)
class TokenGeneratorConfiguration {

    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder jwtEncoder, List<TokenClaimContributor> contributors,
                                           AuditedTokens audit) {
        JwtGenerator jwts = new JwtGenerator(jwtEncoder);
        jwts.setJwtCustomizer(context -> {
            contributors.forEach(contributor -> contributor.contribute(context));
            audit.recordIfCitizen(context); // last: the record holds the final claims
        });
        return new DelegatingOAuth2TokenGenerator(jwts, new OAuth2AccessTokenGenerator(),
                new OfflineAccessRefreshTokens());
    }
}
