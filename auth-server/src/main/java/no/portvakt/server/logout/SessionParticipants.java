package no.portvakt.server.logout;

import no.portvakt.server.claims.TokenClaimContributor;
import no.portvakt.server.login.CitizenAuthentication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * Not a claim: when an ID token is minted, remembers that its client took part in the login session ({@code sid}),
 * so the session's logout reaches it (OIDC Back-Channel Logout 1.0 §2.5). One insert per login at a client.
 */
@Component
class SessionParticipants implements TokenClaimContributor {

    private final JdbcClient jdbc;

    SessionParticipants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void contribute(JwtEncodingContext context) {
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())
                && context.getPrincipal() instanceof CitizenAuthentication citizen) {
            jdbc.sql("""
                    insert into session_participant (sid, client_id, acting_pid) values (?, ?, ?)
                    on conflict (sid, client_id) do nothing
                    """).params(citizen.citizen().sid(), context.getRegisteredClient().getClientId(),
                    citizen.citizen().pid()).update();
        }
    }
}
