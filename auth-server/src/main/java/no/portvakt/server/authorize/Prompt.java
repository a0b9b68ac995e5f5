package no.portvakt.server.authorize;

import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/** The {@code prompt} parameter of an authorization request (OIDC Core §3.1.2.1): space-separated values. */
public final class Prompt {

    private Prompt() {
    }

    /** Whether the request's {@code prompt} holds {@code value} ({@code none}, {@code login}, {@code consent}). */
    public static boolean asks(OAuth2AuthorizationCodeRequestAuthenticationToken request, String value) {
        return asks(request.getAdditionalParameters(), value);
    }

    /** The same, of a request's additional parameters. */
    static boolean asks(Map<String, Object> parameters, String value) {
        Object prompt = parameters.get("prompt");
        return prompt != null && List.of(prompt.toString().trim().split("\\s+")).contains(value);
    }
}
