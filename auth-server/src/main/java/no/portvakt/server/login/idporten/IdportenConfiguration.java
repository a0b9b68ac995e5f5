package no.portvakt.server.login.idporten;

import no.portvakt.server.login.IdportenProperties;
import no.portvakt.server.settings.PortvaktProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Portvakt as ID-porten's client, when {@code portvakt.idporten.enabled}: its registration and its logout. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portvakt.idporten.enabled", havingValue = "true")
class IdportenConfiguration {

    @Bean
    IdportenRegistration idportenRegistration(PortvaktProperties properties, IdportenProperties idporten) {
        return new IdportenRegistration(properties.issuer(), idporten);
    }

    @Bean
    IdportenLogout idportenLogout(IdportenRegistration registration, JdbcClient jdbc, PortvaktProperties properties,
                                  IdportenProperties idporten) {
        return new IdportenLogout(registration, jdbc, properties.issuer(), idporten.clientId());
    }
}
