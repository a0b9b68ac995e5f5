package no.portvakt.server.login.idporten;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import no.portvakt.server.login.IdportenProperties;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;

/**
 * Every request Portvakt sends ID-porten (its discovery document, the token request, its keys for the ID token),
 * within {@code portvakt.idporten.connect-timeout} and {@code read-timeout}: a citizen whose login meets a slow or
 * silent ID-porten gets the login page's message then, not a hang, and no worker waits on ID-porten for longer.
 * (Spring Security's own clients for these wait as long as the JDK's defaults: for ever.)
 */
final class IdportenHttp {

    private final ClientHttpRequestFactory requests;

    IdportenHttp(IdportenProperties properties) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build());
        factory.setReadTimeout(properties.readTimeout());
        this.requests = factory;
    }

    /** OpenID Connect Discovery 1.0 §4: the provider's configuration, as its JSON object. */
    Map<String, Object> discovery(String issuer) {
        return RestClient.builder().requestFactory(requests).build().get()
                .uri(issuer.replaceAll("/$", "") + "/.well-known/openid-configuration").retrieve()
                .body(new ParameterizedTypeReference<>() {
                });
    }

    /** For the token request: what Spring Security's token client needs to read a token or an OAuth error. */
    RestClient tokenRequests() {
        return RestClient.builder().requestFactory(requests)
                .messageConverters(List.of(new FormHttpMessageConverter(),
                        new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build();
    }

    /** For the ID token's keys (the provider's jwks_uri). */
    RestOperations keys() {
        return new RestTemplate(requests);
    }
}
