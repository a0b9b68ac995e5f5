package no.portvakt.server.config;

import java.util.List;
import no.portvakt.server.codeflow.CodeFlowIssuance;
import no.portvakt.server.issuance.ClaimsAssembler;
import no.portvakt.server.issuance.IssuedJwts;
import no.portvakt.server.tokens.OfflineAccessRefreshTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/** The one token pipeline: JWTs (ID and access tokens) assembled from their issuance, and refresh tokens. */
@Configuration(proxyBeanMethods = false)
class TokenGeneratorConfiguration {

    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder jwtEncoder, List<ClaimsAssembler> assemblers,
                                           CodeFlowIssuance codeFlow) {
        return new DelegatingOAuth2TokenGenerator(new IssuedJwts(jwtEncoder, assemblers, codeFlow),
                new OAuth2AccessTokenGenerator(), new OfflineAccessRefreshTokens());
    }
}
