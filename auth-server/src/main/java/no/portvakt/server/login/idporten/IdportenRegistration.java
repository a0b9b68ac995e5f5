package no.portvakt.server.login.idporten;

import no.portvakt.server.login.IdportenProperties;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Portvakt as ID-porten's client. Discovery is read on first use, not at start-up, so Portvakt starts (and
 * TestID and every token endpoint work) while ID-porten is unreachable; a failed read is retried at the next login.
 */
public final class IdportenRegistration implements ClientRegistrationRepository {

    public static final String ID = "idporten";

    private final IdportenProperties settings;
    private final String redirectUri;
    private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();

    public IdportenRegistration(String issuer, IdportenProperties properties) {
        this.settings = properties;
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
        ClientRegistration discovered = ClientRegistrations.fromIssuerLocation(settings.issuer())
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
}
