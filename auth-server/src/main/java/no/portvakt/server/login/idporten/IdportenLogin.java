package no.portvakt.server.login.idporten;

import no.portvakt.server.login.IdportenProperties;
import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;
import java.util.List;
import no.portvakt.server.citizen.PersonDirectory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.NimbusJwtClientAuthenticationParametersConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;

/**
 * Citizen login through ID-porten with Spring Security's OAuth2 client: code flow, PKCE, and private_key_jwt
 * with {@code aud} = ID-porten's issuer (as ID-porten requires).
 */
public final class IdportenLogin {

    private IdportenLogin() {
    }

    public static void apply(HttpSecurity http, IdportenProperties properties, PersonDirectory persons,
                             IdportenRegistration registrations, IdportenLogout logout) throws Exception {
        JWK key = clientKey(properties.clientJwk());
        var assertions = new NimbusJwtClientAuthenticationParametersConverter<OAuth2AuthorizationCodeGrantRequest>(
                registration -> key);
        assertions.setJwtClientAssertionCustomizer(context -> context.getClaims()
                .audience(List.of(properties.issuer())));
        var tokens = new RestClientAuthorizationCodeTokenResponseClient();
        tokens.setRestClient(registrations.http().tokenRequests());
        tokens.addParametersConverter(assertions);
        http.oauth2Login(login -> login
                .loginPage("/login")
                .clientRegistrationRepository(registrations)
                .authorizedClientRepository(new NoAuthorizedClients())
                .authorizationEndpoint(endpoint -> endpoint
                        .authorizationRequestResolver(new IdportenRequests(registrations, properties)))
                .tokenEndpoint(endpoint -> endpoint.accessTokenResponseClient(tokens))
                .successHandler(new IdportenLoginHandler(persons, logout))
                .failureHandler((request, response, exception) ->
                        response.sendRedirect(request.getContextPath() + "/login?error=upstream")));
    }

    private static JWK clientKey(String json) {
        try {
            JWK key = JWK.parse(json);
            if (!key.isPrivate() || key.getKeyID() == null) {
                throw new IllegalStateException("portvakt.idporten.client-jwk must be a private JWK with a kid");
            }
            return key;
        } catch (ParseException e) {
            throw new IllegalStateException("portvakt.idporten.client-jwk is not a JWK");
        }
    }
}
