package no.portvakt.server.issuance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * One token request's issuance as it goes, carried by its grant object ({@link IssuingGrant}): decided once (by
 * the grant's rules, or for the code flow and refresh when its first token is assembled, so that the ID token and
 * the access token share it), then the tokens signed for it, which the step after signing settles.
 */
public final class Issuing {

    private final boolean byRules;
    private Issuance issuance;
    private final List<SignedToken> signed = new ArrayList<>(2);

    /** One token signed for the issuance, as the framework named its type and grant. */
    public record SignedToken(TokenKind kind, String tokenType, String grantType, Jwt jwt) {
    }

    private Issuing(boolean byRules) {
        this.byRules = byRules;
    }

    /**
     * For a grant whose rules decide the issuance before the framework's provider runs, taking the client's pending
     * checks into it: a grant that stores nothing before it answers (a SystemToken, a token exchange) may be refused
     * until its response leaves.
     */
    public static Issuing byRules() {
        return new Issuing(true);
    }

    /** For a grant whose issuance is decided at its first token; its client's checks are settled before it runs. */
    public static Issuing atFirstToken() {
        return new Issuing(false);
    }

    public boolean decidedByRules() {
        return byRules;
    }

    /** Decides the issuance: once, by the grant's rules. */
    public void decide(Issuance decided) {
        if (issuance != null) {
            throw new IllegalStateException("a token request's issuance is decided once");
        }
        issuance = decided;
    }

    /** The issuance decided; for a grant whose rules did not decide it, decided now by {@code deciding}. */
    Issuance issuance(Supplier<Issuance> deciding) {
        if (issuance == null && byRules) {
            throw new IllegalStateException("a token assembled before its grant's rules decided what it issues");
        }
        if (issuance == null) {
            decide(deciding.get());
        }
        return issuance;
    }

    /** The issuance decided; empty before its first token (a request refused before that). */
    public Optional<Issuance> decided() {
        return Optional.ofNullable(issuance);
    }

    void signed(SignedToken token) {
        signed.add(token);
    }

    public List<SignedToken> signed() {
        return List.copyOf(signed);
    }
}
