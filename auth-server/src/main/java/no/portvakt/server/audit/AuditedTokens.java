package no.portvakt.server.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import no.portvakt.server.login.CitizenAuthentication;
import no.portvakt.server.tokens.TokenResponseGate;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Decides which tokens are issued in a citizen's name, and hands their records to {@link TokenAudit}: tokens for
 * a logged-in citizen (ID and access tokens), and SystemTokens that name a citizen. Each write is a step of the
 * request's {@link TokenResponseGate}: the token leaves only once its record is committed. A request whose token
 * may leave only if a check still holds can have its record written by that check's statement instead
 * ({@link #recordWith}): one statement, and no record unless the check held.
 */
@Component
public class AuditedTokens {

    private static final String WRITER = AuditedTokens.class.getName() + ".writer";

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
        CheckedWriter writer = writer();
        TokenResponseGate.then(writer == null ? () -> audit.record(record) : writer.take(record));
    }

    /** Writes a request's audit record in the statement of a check its token depends on. */
    @FunctionalInterface
    public interface CheckedWriter {
        /**
         * Takes the record at once, while the token is signed; the step returned runs the statement once the
         * request's earlier steps have succeeded, stores the record only if the check holds, and fails otherwise.
         */
        Supplier<CompletableFuture<Void>> take(AuditRecord record);
    }

    /** The current request's audit records are written by {@code writer}. */
    public static void recordWith(CheckedWriter writer) {
        RequestContextHolder.currentRequestAttributes().setAttribute(WRITER, writer, RequestAttributes.SCOPE_REQUEST);
    }

    private static CheckedWriter writer() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request == null ? null
                : (CheckedWriter) request.getAttribute(WRITER, RequestAttributes.SCOPE_REQUEST);
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
