package no.portvakt.server.tokens;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Reads a token's authorization once per request. A token exchange looks its subject token up twice (Portvakt's
 * checks, then the framework's provider), and each lookup is a query plus the JSON of the whole authorization.
 * Any write in the request forgets what was read, so nothing stale is ever answered.
 */
public final class OncePerRequestLookups extends DelegatingAuthorizationService {

    private static final String READ = OncePerRequestLookups.class.getName() + ".read";

    private record Key(String token, String type) {
    }

    public OncePerRequestLookups(OAuth2AuthorizationService delegate) {
        super(delegate);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        Map<Key, Optional<OAuth2Authorization>> read = read();
        if (read == null || token == null) {
            return delegate.findByToken(token, tokenType);
        }
        return read.computeIfAbsent(new Key(token, tokenType == null ? null : tokenType.getValue()),
                k -> Optional.ofNullable(delegate.findByToken(token, tokenType))).orElse(null);
    }

    /** Makes the current request's lookups of {@code token} answer {@code authorization} (read a moment ago). */
    public static void remember(String token, OAuth2TokenType tokenType, OAuth2Authorization authorization) {
        Map<Key, Optional<OAuth2Authorization>> read = read();
        if (read != null) {
            read.put(new Key(token, tokenType.getValue()), Optional.of(authorization));
        }
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        forget();
        delegate.save(authorization);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        forget();
        delegate.remove(authorization);
    }

    @SuppressWarnings("unchecked")
    private static Map<Key, Optional<OAuth2Authorization>> read() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return null; // outside a request (a scheduled job): no memory at all
        }
        Object read = request.getAttribute(READ, RequestAttributes.SCOPE_REQUEST);
        if (read == null) {
            read = new HashMap<Key, Optional<OAuth2Authorization>>(2);
            request.setAttribute(READ, read, RequestAttributes.SCOPE_REQUEST);
        }
        return (Map<Key, Optional<OAuth2Authorization>>) read;
    }

    private static void forget() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(READ, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
