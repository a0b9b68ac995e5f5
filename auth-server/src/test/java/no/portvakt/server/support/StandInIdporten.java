package no.portvakt.server.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal upstream OpenID Connect provider in ID-porten's shape, as a real HTTP server: discovery, an
 * authorization endpoint with a login form (type a fødselsnummer, choose a level), a token endpoint that requires
 * PKCE S256 and a private_key_jwt assertion whose aud is the issuer, and a JWKS. Its ID tokens carry ID-porten's
 * claims: pid, acr, amr, auth_time, nonce, sid. Its {@code end_session_endpoint} records the logout request and
 * sends the browser back; {@link #logoutToken} makes the logout token its back channel would post.
 */
public final class StandInIdporten {

    public static final String CLIENT_ID = "portvakt-at-idporten";

    private final HttpServer server;
    private final RSAKey signingKey = PortvaktTestBase.rsaKey("idporten-signing-key");
    private final RSAKey clientKey;
    private final String redirectUri;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    /** The last authorization request's parameters, for tests to inspect. */
    private volatile Map<String, String> lastAuthorizationRequest = Map.of();
    /** The last end-session request's parameters, and the last ID token's sid and serialisation. */
    private volatile Map<String, String> lastEndSession = Map.of();
    private volatile String lastSid;
    private volatile String lastIdToken;
    /** How long the token endpoint keeps Portvakt waiting before it answers: a slow or silent ID-porten. */
    private volatile java.time.Duration tokenDelay = java.time.Duration.ZERO;

    private record Grant(String pid, String acr, String nonce, String codeChallenge) {
    }

    private StandInIdporten(HttpServer server, RSAKey clientKey, String redirectUri) {
        this.server = server;
        this.clientKey = clientKey;
        this.redirectUri = redirectUri;
    }

    public static StandInIdporten start(RSAKey portvaktsClientKey, String portvaktRedirectUri) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StandInIdporten op = new StandInIdporten(server, portvaktsClientKey, portvaktRedirectUri);
            server.createContext("/.well-known/openid-configuration", op::discovery);
            server.createContext("/authorize", op::authorize);
            server.createContext("/login", op::login);
            server.createContext("/token", op::token);
            server.createContext("/endsession", op::endSession);
            server.createContext("/jwks", ex -> respond(ex, 200, "application/json",
                    new JWKSet(op.signingKey.toPublicJWK()).toString()));
            // A thread per request, so that a token request kept waiting holds up nothing else.
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
            return op;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps each token request waiting {@code delay} before it is answered (zero: at once). */
    public void delayTokens(java.time.Duration delay) {
        tokenDelay = delay;
    }

    public String issuer() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public Map<String, String> lastAuthorizationRequest() {
        return lastAuthorizationRequest;
    }

    public Map<String, String> lastEndSession() {
        return lastEndSession;
    }

    public String lastSid() {
        return lastSid;
    }

    public String lastIdToken() {
        return lastIdToken;
    }

    /** A back-channel logout token for login session {@code sid} (OIDC Back-Channel Logout 1.0 §2.4). */
    public String logoutToken(String sid) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder().issuer(issuer()).audience(CLIENT_ID).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(120))).jwtID(UUID.randomUUID().toString())
                .claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()))
                .claim("sid", sid).build());
    }

    private void endSession(HttpExchange ex) throws IOException {
        Map<String, String> q = parse(ex.getRequestURI().getRawQuery());
        lastEndSession = q;
        String back = q.get("post_logout_redirect_uri");
        ex.getResponseHeaders().set("Location", back + (back.contains("?") ? "&" : "?") + "state="
                + URLEncoder.encode(q.getOrDefault("state", ""), StandardCharsets.UTF_8));
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void discovery(HttpExchange ex) throws IOException {
        String iss = issuer();
        respond(ex, 200, "application/json", """
                {"issuer":"%s","authorization_endpoint":"%s/authorize","token_endpoint":"%s/token",
                 "jwks_uri":"%s/jwks","end_session_endpoint":"%s/endsession",
                 "response_types_supported":["code"],"subject_types_supported":["pairwise"],
                 "id_token_signing_alg_values_supported":["RS256"],"scopes_supported":["openid","profile"],
                 "token_endpoint_auth_methods_supported":["private_key_jwt"],
                 "code_challenge_methods_supported":["S256"],"authorization_response_iss_parameter_supported":true,
                 "acr_values_supported":["idporten-loa-substantial","idporten-loa-high"]}
                """.formatted(iss, iss, iss, iss, iss));
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = parse(ex.getRequestURI().getRawQuery());
        lastAuthorizationRequest = q;
        if (!CLIENT_ID.equals(q.get("client_id")) || !redirectUri.equals(q.get("redirect_uri"))
                || !"S256".equals(q.get("code_challenge_method")) || q.get("state") == null
                || q.get("nonce") == null) {
            respond(ex, 400, "text/plain", "bad authorization request");
            return;
        }
        String hidden = String.join("", q.entrySet().stream().map(e -> "<input type=hidden name=\""
                + e.getKey() + "\" value=\"" + e.getValue().replace("\"", "&quot;") + "\">").toList());
        respond(ex, 200, "text/html; charset=utf-8", """
                <!DOCTYPE html><html lang="nb"><title>ID-porten (stand-in)</title>
                <form method="post" action="/login" id="idporten-login">%s
                <label for="pid">Fødselsnummer</label><input id="pid" name="pid">
                <select name="acr" id="acr"><option>idporten-loa-substantial</option><option>idporten-loa-high</option></select>
                <button type="submit">Logg inn</button></form></html>
                """.formatted(hidden));
    }

    private void login(HttpExchange ex) throws IOException {
        Map<String, String> form = parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(form.get("pid"), form.get("acr"), form.get("nonce"), form.get("code_challenge")));
        // RFC 9207: iss in the authorization response, as ID-porten sends it.
        String location = form.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(form.get("state"), StandardCharsets.UTF_8) + "&iss="
                + URLEncoder.encode(issuer(), StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void token(HttpExchange ex) throws IOException {
        try {
            Thread.sleep(tokenDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, String> form = parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(String.valueOf(form.get("code")));
        if (grant == null || !validAssertion(form.get("client_assertion"))
                || !challenge(form.get("code_verifier")).equals(grant.codeChallenge())) {
            respond(ex, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).audience(CLIENT_ID)
                .subject("pairwise-" + grant.pid().hashCode()).claim("pid", grant.pid())
                .claim("acr", grant.acr()).claim("amr", List.of("BankID")).claim("auth_time", now.getEpochSecond())
                .claim("nonce", grant.nonce()).claim("sid", UUID.randomUUID().toString()).claim("locale", "nb")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120))).build();
        lastSid = (String) claims.getClaim("sid");
        lastIdToken = sign(claims);
        respond(ex, 200, "application/json", "{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":120,"
                .formatted(UUID.randomUUID()) + "\"id_token\":\"" + lastIdToken + "\",\"scope\":\"openid\"}");
    }

    /** ID-porten's rules for a client assertion: signed with the registered key, aud the issuer, short-lived. */
    private boolean validAssertion(String assertion) {
        try {
            SignedJWT jwt = SignedJWT.parse(assertion);
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            return jwt.verify(new RSASSAVerifier(clientKey.toRSAPublicKey()))
                    && clientKey.getKeyID().equals(jwt.getHeader().getKeyID())
                    && c.getAudience().equals(List.of(issuer())) && CLIENT_ID.equals(c.getIssuer())
                    && c.getExpirationTime().toInstant().isBefore(Instant.now().plusSeconds(121));
        } catch (Exception e) {
            return false;
        }
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(verifier).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> params = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
