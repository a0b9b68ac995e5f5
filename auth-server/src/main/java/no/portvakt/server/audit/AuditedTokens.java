package no.portvakt.server.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import no.portvakt.server.login.CitizenAuthentication;
import no.portvakt.server.tokens.TokenResponseGate;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * Decides which tokens are issued in a citizen's name, and hands their records to {@link TokenAudit}: tokens for
 * a logged-in citizen (ID and access tokens), and SystemTokens that name a citizen. Each write is a step of the
 * request's {@link TokenResponseGate}: the token leaves only once its record is committed.
 */
@Component
public class AuditedTokens {

    private final TokenAudit audit;

    public AuditedTokens(TokenAudit audit) {
        this.audit = audit;
    }

    /** Called with every JWT's final claims, just before it is signed. */
    public void recordIfCitizen(JwtEncodingContext context) {
        Map<String, Object> claims = new java.util.HashMap<>();
        context.getClaims().claims(claims::putAll);
        String acting = null;
        String represented = null;
        if (context.getPrincipal() instanceof CitizenAuthentication citizen) {
            acting = citizen.citizen().pid();
            represented = citizen.citizen().hasChosen() ? citizen.citizen().actsFor() : acting;
        } else if (claims.get("authorization_details") instanceof List<?> details && !details.isEmpty()
                && details.get(0) instanceof Map<?, ?> first && first.get("pid") instanceof String pid) {
            represented = pid;
        } else {
            return;
        }
        AuditRecord record = new AuditRecord((Instant) claims.get(JwtClaimNames.IAT),
                context.getTokenType().getValue(), context.getAuthorizationGrantType().getValue(),
                context.getRegisteredClient().getClientId(), audience(claims.get(JwtClaimNames.AUD)),
                scopes(claims.get("scope")), acting, represented, String.valueOf(claims.get(JwtClaimNames.JTI)));
        TokenResponseGate.then(() -> audit.record(record));
    }

    private static String audience(Object aud) {
        return aud instanceof Collection<?> list ? String.join(" ", list.stream().map(String::valueOf).toList())
                : String.valueOf(aud);
    }

    private static String scopes(Object scope) {
        if (scope == null) {
            return "";
        }
        return scope instanceof Collection<?> list ? String.join(" ", list.stream().map(String::valueOf).toList())
                : scope.toString();
    }
}
