package no.portvakt.server.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code portvakt.idporten.*}: ID-porten, the citizens' login in production, as an upstream OpenID Connect provider.
 */
@ConfigurationProperties("portvakt.idporten")
public record IdportenProperties(
        @DefaultValue("false") boolean enabled,
        /* The upstream issuer: https://idporten.no in production (discovery is read from it). */
        String issuer,
        String clientId,
        /* Portvakt's private key for private_key_jwt at ID-porten, as a JWK (JSON) with a kid. */
        String clientJwk,
        /* The level asked for when the partner's request names none. */
        @DefaultValue("idporten-loa-substantial") String acrValues,
        @DefaultValue("openid") String scope,
        /* How long Portvakt waits to connect to ID-porten, and for each of its answers (discovery, token, keys): a
           login that meets a slow ID-porten ends with the login page's message then, not a hang. */
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {
}
