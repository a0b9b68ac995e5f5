package no.portvakt.server.login.idporten;

import no.portvakt.server.login.IdportenProperties;
import no.portvakt.server.settings.PortvaktProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;

/** Portvakt as ID-porten's client, when {@code portvakt.idporten.enabled}: its registration and its logout. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portvakt.idporten.enabled", havingValue = "true")
class IdportenConfiguration {

    @Bean
    IdportenRegistration idportenRegistration(PortvaktProperties properties, IdportenProperties idporten) {
        return new IdportenRegistration(properties.issuer(), idporten, new IdportenHttp(idporten));
    }

    /** Spring Security's login checks ID-porten's ID tokens with this (the keys fetched within the timeouts). */
    @Bean
    JwtDecoderFactory<ClientRegistration> idportenIdTokens(IdportenRegistration registration) {
        return new IdTokenDecoders(registration.http());
    }

    @Bean
    IdportenLogout idportenLogout(IdportenRegistration registration, JdbcClient jdbc, PortvaktProperties properties,
                                  IdportenProperties idporten) {
        return new IdportenLogout(registration, jdbc, properties.issuer(), idporten.clientId());
    }
}
