package no.portvakt.server.issuance;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Every JWT Portvakt signs: the framework's generator, its claims assembled by the one {@link ClaimsAssembler} of
 * the token's kind from the request's {@link Issuance}, and the signed token handed back to the request's
 * {@link Issuing} for the step after signing. A grant Portvakt does not issue for gets no JWT.
 */
public final class IssuedJwts implements OAuth2TokenGenerator<Jwt> {

    private final JwtGenerator jwts;

    /**
     * @param codeFlow decides the issuance of a grant whose rules have not (the code flow and refresh: the
     *                 framework reads their authorization, so the issuance is known when the first token is made)
     */
    public IssuedJwts(JwtEncoder encoder, List<ClaimsAssembler> assemblers,
                      Function<JwtEncodingContext, Issuance> codeFlow) {
        Map<TokenKind, ClaimsAssembler> byKind = new EnumMap<>(TokenKind.class);
        for (ClaimsAssembler assembler : assemblers) {
            if (byKind.put(assembler.kind(), assembler) != null) {
                throw new IllegalStateException("two claims assemblers for " + assembler.kind());
            }
        }
        if (byKind.size() != TokenKind.values().length) {
            throw new IllegalStateException("a claims assembler for every token kind, not only " + byKind.keySet());
        }
        this.jwts = new JwtGenerator(encoder);
        jwts.setJwtCustomizer(context -> {
            TokenKind kind = kindOf(context);
            byKind.get(kind).assemble(context, issuing(context).issuance(() -> codeFlow.apply(context)));
        });
    }

    @Override
    public Jwt generate(OAuth2TokenContext context) {
        Jwt jwt = jwts.generate(context);
        if (jwt != null) {
            issuing(context).signed(new Issuing.SignedToken(kindOf(context), context.getTokenType().getValue(),
                    context.getAuthorizationGrantType().getValue(), jwt));
        }
        return jwt;
    }

    private static TokenKind kindOf(OAuth2TokenContext context) {
        return TokenKind.of(context).orElseThrow(IssuedJwts::unsupported);
    }

    private static Issuing issuing(OAuth2TokenContext context) {
        if (context.getAuthorizationGrant() instanceof IssuingGrant grant) {
            return grant.issuing();
        }
        throw unsupported();
    }

    private static OAuth2AuthenticationException unsupported() {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE,
                "Portvakt issues no token for this grant", null));
    }
}
