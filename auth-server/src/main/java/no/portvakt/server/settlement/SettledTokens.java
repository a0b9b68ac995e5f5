package no.portvakt.server.settlement;

import java.io.Serial;
import java.util.concurrent.CompletableFuture;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;

/** A grant's tokens, and what must be settled before they leave ({@link IssuanceSettlement}). */
final class SettledTokens extends OAuth2AccessTokenAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient CompletableFuture<Void> settled;

    SettledTokens(OAuth2AccessTokenAuthenticationToken tokens, CompletableFuture<Void> settled) {
        super(tokens.getRegisteredClient(), (Authentication) tokens.getPrincipal(), tokens.getAccessToken(),
                tokens.getRefreshToken(), tokens.getAdditionalParameters());
        this.settled = settled;
    }

    /** Completes once the tokens may leave; fails with the reason they must not. */
    CompletableFuture<Void> settled() {
        return settled;
    }
}
