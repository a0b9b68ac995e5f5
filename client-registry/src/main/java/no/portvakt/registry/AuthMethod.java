package no.portvakt.registry;

import java.util.Arrays;
import java.util.Optional;

/** How a client authenticates at the token endpoint, named as in RFC 7591 {@code token_endpoint_auth_method}. */
public enum AuthMethod {
    NONE("none"),
    CLIENT_SECRET_BASIC("client_secret_basic"),
    CLIENT_SECRET_POST("client_secret_post"),
    PRIVATE_KEY_JWT("private_key_jwt");

    private final String value;

    AuthMethod(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public boolean usesSecret() {
        return this == CLIENT_SECRET_BASIC || this == CLIENT_SECRET_POST;
    }

    public static Optional<AuthMethod> of(String value) {
        return Arrays.stream(values()).filter(m -> m.value.equals(value)).findFirst();
    }
}
