package no.portvakt.server.login.idporten;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.web.FormQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/**
 * The other half of an ID-porten login: its logout. A citizen who logs out of Portvakt is logged out of ID-porten
 * too (OIDC RP-Initiated Logout at ID-porten's {@code end_session_endpoint}, with the upstream ID token as
 * {@code id_token_hint}), so that on a shared computer the next person is not logged in as the last; and
 * ID-porten's back-channel logout (OIDC Back-Channel Logout 1.0), sent when the citizen logs out of ID-porten
 * elsewhere, names the login sessions of Portvakt's to end.
 */
public final class IdportenLogout {

    /** Where ID-porten sends the browser back after its logout (registered at ID-porten). */
    public static final String RETURN_PATH = "/logout/idporten";
    /** Where ID-porten posts its logout tokens (registered at ID-porten as the backchannel_logout_uri). */
    public static final String BACKCHANNEL_PATH = "/logout/idporten/backchannel";
    private static final String UPSTREAM = IdportenLogout.class.getName() + ".upstream";
    private static final String RETURNING = IdportenLogout.class.getName() + ".returning";
    private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What ending the upstream login needs, kept in the session of the login it began. */
    private record Upstream(String idToken) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** The way back after ID-porten's logout: the state sent, and where the browser was going. */
    private record Returning(String state, String target) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private final IdportenRegistration registrations;
    private final JdbcClient jdbc;
    private final String issuer;
    private final String clientId;
    private final AtomicReference<DefaultJWTProcessor<SecurityContext>> logoutTokens = new AtomicReference<>();

    public IdportenLogout(IdportenRegistration registrations, JdbcClient jdbc, String issuer, String clientId) {
        this.registrations = registrations;
        this.jdbc = jdbc;
        this.issuer = issuer;
        this.clientId = clientId;
    }

    /** At login: what the logout will need (the hint in the session, the upstream sid in the table). */
    void remember(HttpServletRequest request, Citizen citizen, OidcIdToken idToken) {
        request.getSession().setAttribute(UPSTREAM, new Upstream(idToken.getTokenValue()));
        String upstreamSid = idToken.getClaimAsString("sid");
        if (upstreamSid != null) {
            jdbc.sql("insert into upstream_login (sid, upstream_sid, pid) values (?, ?, ?) on conflict do nothing")
                    .params(citizen.sid(), upstreamSid, citizen.pid()).update();
        }
    }

    /** The upstream ID token of the login in {@code session}, if it came through ID-porten. */
    public Optional<String> hint(HttpSession session) {
        return session != null && session.getAttribute(UPSTREAM) instanceof Upstream upstream
                ? Optional.of(upstream.idToken()) : Optional.empty();
    }

    /**
     * Sends the browser (its Portvakt session already ended) to ID-porten's logout, and from there on to
     * {@code target}. Without an end_session_endpoint in ID-porten's metadata, straight to the target.
     */
    public void leave(HttpServletRequest request, HttpServletResponse response, String hint, String target)
            throws IOException {
        Object endSession = registration().getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
        if (endSession == null) {
            response.sendRedirect(target);
            return;
        }
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        request.getSession(true).setAttribute(RETURNING, new Returning(state, target));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("id_token_hint", hint);
        query.put("post_logout_redirect_uri", issuer + RETURN_PATH);
        query.put("state", state);
        response.sendRedirect(FormQuery.append(endSession.toString(), query));
    }

    /** Back from ID-porten: on to where the browser was going, if the state is the one sent from this browser. */
    public String returned(HttpSession session, String state) {
        Object returning = session == null ? null : session.getAttribute(RETURNING);
        if (session != null) {
            session.removeAttribute(RETURNING);
        }
        return returning instanceof Returning r && r.state().equals(state) ? r.target() : "/login?logout";
    }

    /**
     * OIDC Back-Channel Logout 1.0 §2.6: the logout token is ID-porten's (signature, iss, aud this client, iat,
     * jti, the back-channel event, a sid, no nonce); the answer is the Portvakt logins (pid, sid) it ends.
     */
    public Map<String, String> loginsEndedBy(String logoutToken) {
        JWTClaimsSet claims;
        try {
            claims = logoutTokenProcessor().process(logoutToken, null);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a valid logout token from ID-porten");
        }
        Object events = claims.getClaim("events");
        String upstreamSid = (String) claims.getClaim("sid");
        if (!(events instanceof Map<?, ?> map) || !map.containsKey(EVENT) || claims.getClaim("nonce") != null
                || upstreamSid == null) {
            throw new IllegalArgumentException("not a back-channel logout token with a sid");
        }
        Map<String, String> logins = new LinkedHashMap<>();
        jdbc.sql("delete from upstream_login where upstream_sid = ? returning sid, pid").param(upstreamSid)
                .query((rs, n) -> logins.put(rs.getString(1), rs.getString(2))).list();
        return logins;
    }

    private DefaultJWTProcessor<SecurityContext> logoutTokenProcessor() throws java.net.MalformedURLException {
        DefaultJWTProcessor<SecurityContext> known = logoutTokens.get();
        if (known != null) {
            return known;
        }
        ClientRegistration registration = registration();
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(
                URI.create(registration.getProviderDetails().getJwkSetUri()).toURL()).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // §2.4: typ logout+jwt is recommended, not required; a token without typ is taken too.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt"),
                JOSEObjectType.JWT, null));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId,
                new JWTClaimsSet.Builder().issuer(registration.getProviderDetails().getIssuerUri()).build(),
                Set.of("iat", "jti", "events")));
        logoutTokens.compareAndSet(null, processor);
        return logoutTokens.get();
    }

    private ClientRegistration registration() {
        return registrations.findByRegistrationId(IdportenRegistration.ID);
    }
}
