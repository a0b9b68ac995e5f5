package no.portvakt.server.issuance;

import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

/**
 * Writes every claim of one kind of token Portvakt sets (docs/tokens.md names the place of each), from the
 * request's issuance; the framework has set {@code iss}, {@code iat}, {@code exp}, {@code jti} and the rest of
 * its own.
 */
public interface ClaimsAssembler {

    TokenKind kind();

    void assemble(JwtEncodingContext context, Issuance issuance);
}
