package no.portvakt.server.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

/**
 * Signs every token RS256 with the active key. It does what the framework's Nimbus encoder does, on the token
 * endpoint's hot path without its costs: the JDK's Base64 instead of Nimbus' constant-time codec (nothing
 * encoded here is secret; the signature's secrecy is the key's, which is never encoded), one parsed private
 * key per signing key instead of one per token, and the signature by {@link Rs256Signatures}.
 */
final class Rs256JwtEncoder implements JwtEncoder {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys keys;
    private final Rs256Signatures signatures;
    private volatile Prepared prepared;

    private record Prepared(String kid, PrivateKey key) {
    }

    Rs256JwtEncoder(SigningKeys keys, Rs256Signatures signatures) {
        this.keys = keys;
        this.signatures = signatures;
    }

    @Override
    public Jwt encode(JwtEncoderParameters parameters) {
        Prepared signing = prepared();
        Map<String, Object> header = new LinkedHashMap<>();
        JwsHeader jwsHeader = parameters.getJwsHeader();
        if (jwsHeader != null) {
            jwsHeader.getHeaders().forEach((name, value) -> header.put(name, json(value)));
        }
        header.put("alg", "RS256");
        header.put("kid", signing.kid());
        JwtClaimsSet claims = parameters.getClaims();
        Map<String, Object> payload = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> payload.put(name, json(value)));
        // RFC 7519 §4.1.3: one audience is written as a string.
        if (payload.get(JwtClaimNames.AUD) instanceof List<?> audience && audience.size() == 1) {
            payload.put(JwtClaimNames.AUD, audience.get(0));
        }
        String signingInput = base64(JSONObjectUtils.toJSONString(header)) + "."
                + base64(JSONObjectUtils.toJSONString(payload));
        try {
            byte[] signature = signatures.sign(signing.key(), signingInput.getBytes(StandardCharsets.US_ASCII));
            String token = signingInput + "." + BASE64URL.encodeToString(signature);
            return new Jwt(token, claims.getIssuedAt(), claims.getExpiresAt(), header, claims.getClaims());
        } catch (GeneralSecurityException e) {
            throw new JwtEncodingException("RS256 signing failed", e);
        }
    }

    private Prepared prepared() {
        RSAKey active = keys.activeKey();
        Prepared current = prepared;
        if (current == null || !current.kid().equals(active.getKeyID())) {
            try {
                current = new Prepared(active.getKeyID(), active.toRSAPrivateKey());
            } catch (JOSEException e) {
                throw new JwtEncodingException("The active signing key has no usable private part", e);
            }
            prepared = current;
        }
        return current;
    }

    private static String base64(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** JSON values as a JWT carries them: NumericDate for instants (RFC 7519 §2), strings for URLs. */
    private static Object json(Object value) {
        if (value instanceof Instant instant) {
            return instant.getEpochSecond();
        }
        if (value instanceof java.util.Date date) {
            return date.getTime() / 1000;
        }
        if (value instanceof URL || value instanceof java.net.URI) {
            return value.toString();
        }
        if (value instanceof org.springframework.security.oauth2.jose.JwaAlgorithm algorithm) {
            return algorithm.getName();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach((k, v) -> converted.put(String.valueOf(k), json(v)));
            return converted;
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(Rs256JwtEncoder::json).toList();
        }
        return value;
    }
}
