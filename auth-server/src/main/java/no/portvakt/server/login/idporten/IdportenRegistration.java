package no.portvakt.server.login.idporten;

import no.portvakt.server.login.IdportenProperties;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Portvakt as ID-porten's client. Discovery is read on first use, not at start-up, so Portvakt starts (and
 * TestID and every token endpoint work) while ID-porten is unreachable; a failed read is retried at the next login.
 * Every request to ID-porten is bounded in time ({@link IdportenHttp}).
 */
public final class IdportenRegistration implements ClientRegistrationRepository {

    public static final String ID = "idporten";

    private final IdportenProperties settings;
    private final IdportenHttp http;
    private final String redirectUri;
    private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();

    IdportenRegistration(String issuer, IdportenProperties properties, IdportenHttp http) {
        this.settings = properties;
        this.http = http;
        if (settings.issuer() == null || settings.clientId() == null || settings.clientJwk() == null) {
            throw new IllegalStateException("portvakt.idporten.enabled needs portvakt.idporten.issuer, client-id "
                    + "and client-jwk");
        }
        this.redirectUri = issuer + "/login/oauth2/code/" + ID;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration.get();
        if (known != null) {
            return known;
        }
        Map<String, Object> configuration = http.discovery(settings.issuer());
        // OpenID Connect Discovery 1.0 §4.3: the issuer in the document is the one asked.
        if (configuration == null || !settings.issuer().equals(configuration.get("issuer"))) {
            throw new IllegalStateException("ID-porten's discovery document names another issuer than "
                    + settings.issuer());
        }
        ClientRegistration discovered = ClientRegistrations.fromOidcConfiguration(configuration)
                .registrationId(ID)
                .clientId(settings.clientId())
                .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                .redirectUri(redirectUri)
                .scope(settings.scope().split(" "))
                .userNameAttributeName("pid")
                .build();
        registration.compareAndSet(null, discovered);
        return registration.get();
    }

    /** How Portvakt talks to ID-porten. */
    IdportenHttp http() {
        return http;
    }
}
