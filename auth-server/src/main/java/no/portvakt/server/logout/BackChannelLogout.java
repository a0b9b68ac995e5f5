package no.portvakt.server.logout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.portvakt.server.claims.PairwiseSubject;
import no.portvakt.server.settings.PortvaktProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The end of a login session, told to every partner that took part in it and registered a
 * {@code backchannel_logout_uri} (with {@code logout: shared}): one signed logout token each (OIDC Back-Channel
 * Logout 1.0 §2.4), queued in PostgreSQL before the citizen's logout completes, delivered by
 * {@link LogoutDeliveries} with retries. The session's participants are forgotten once queued.
 */
@Component
public class BackChannelLogout {

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private record Participant(String clientId, String partnerId, String logoutUri, String pid) {
    }

    private final JdbcClient jdbc;
    private final JwtEncoder encoder;
    private final PairwiseSubject pairwise;
    private final String issuer;
    private final Duration tokenTtl;
    private final Clock clock;

    BackChannelLogout(JdbcClient jdbc, JwtEncoder encoder, PairwiseSubject pairwise, PortvaktProperties properties,
                      LogoutProperties logout, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.pairwise = pairwise;
        this.issuer = properties.issuer();
        this.tokenTtl = logout.tokenTtl();
        this.clock = clock;
    }

    /** Queues a logout token for each partner of session {@code sid}; answers how many. */
    @Transactional
    public int sessionEnded(String sid) {
        List<Participant> participants = jdbc.sql("""
                delete from session_participant p using client c
                where p.sid = ? and c.client_id = p.client_id
                returning c.client_id, c.partner_id, c.backchannel_logout_uri, c.logout, p.acting_pid
                """).param(sid)
                .query((rs, n) -> "shared".equals(rs.getString(4)) && rs.getString(3) != null
                        ? new Participant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(5)) : null)
                .list().stream().filter(java.util.Objects::nonNull).toList();
        for (Participant participant : participants) {
            jdbc.sql("insert into logout_delivery (client_id, logout_uri, logout_token) values (?, ?, ?)")
                    .params(participant.clientId(), participant.logoutUri(), logoutToken(participant, sid)).update();
        }
        return participants.size();
    }

    /** OIDC Back-Channel Logout 1.0 §2.4: iss, sub, aud, iat, exp, jti, events, sid; never a nonce. */
    private String logoutToken(Participant participant, String sid) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(pairwise.of(participant.pid(), participant.partnerId()))
                .audience(List.of(participant.clientId()))
                .issuedAt(now)
                .expiresAt(now.plus(tokenTtl))
                .id(UUID.randomUUID().toString())
                .claim("events", Map.of(EVENT, Map.of()))
                .claim("sid", sid)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("logout+jwt").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
