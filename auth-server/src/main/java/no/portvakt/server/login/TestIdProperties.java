package no.portvakt.server.login;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code portvakt.testid.*}: TestID, the built-in synthetic login. Never enable it in production. */
@ConfigurationProperties("portvakt.testid")
public record TestIdProperties(@DefaultValue("false") boolean enabled) {
}
