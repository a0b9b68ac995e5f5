package no.portvakt.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Signing keys: encrypted at rest, rotated with no failed validation. */
class KeyRotationTest extends PortvaktTestBase {

    @Autowired
    SigningKeys keys;

    @Autowired
    JdbcClient jdbc;

    @Test
    void rotationNeverInvalidatesATokenInFlightAndNeverSignsWithAnUnpublishedKey() throws Exception {
        String before = systemToken();
        String oldKid = kid(before);
        JWKSet publishedBefore = jwks();
        assertThat(publishedBefore.getKeys()).hasSizeGreaterThanOrEqualTo(2); // the active key and the next one

        assertThat(keys.rotate(true)).isEqualTo(SigningKeys.RotationResult.ROTATED);

        String after = systemToken();
        String newKid = kid(after);
        assertThat(newKid).isNotEqualTo(oldKid);
        // The new signing key was in the JWKS before it signed anything.
        assertThat(publishedBefore.getKeyByKeyId(newKid)).isNotNull();
        // The token signed before the rotation still validates against the JWKS published after it.
        JWKSet publishedAfter = jwks();
        assertThat(verifies(before, publishedAfter)).isTrue();
        assertThat(verifies(after, publishedAfter)).isTrue();
        // A next key is already waiting, published.
        assertThat(publishedAfter.getKeys()).hasSizeGreaterThan(2);
    }

    @Test
    void privateKeysAreStoredEncryptedAndPublicKeysHoldNoPrivatePart() {
        List<byte[]> encrypted = jdbc.sql("select private_key_enc from signing_key").query(byte[].class).list();
        assertThat(encrypted).isNotEmpty().allSatisfy(bytes -> {
            String asText = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(asText).doesNotContain("\"d\"").doesNotContain("RSA");
        });
        List<String> publicJwks = jdbc.sql("select public_jwk from signing_key").query(String.class).list();
        assertThat(publicJwks).allSatisfy(jwk -> assertThat(jwk).doesNotContain("\"d\"").doesNotContain("\"p\""));
    }

    @Test
    void aWrongKeyEncryptionKeyCannotDecryptAStoredKey() {
        String kid = jdbc.sql("select kid from signing_key limit 1").query(String.class).single();
        byte[] stored = jdbc.sql("select private_key_enc from signing_key where kid = ?").param(kid)
                .query(byte[].class).single();
        KeyEncryption other = new KeyEncryption("b3RoZXItdGVzdC1rZXktZW5jcnlwdGlvbi1rZXktMzI=", "kek-1", List.of());
        assertThatThrownBy(() -> other.decrypt(stored, "kek-1", kid)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(kid).hasMessageNotContaining("\"d\"");
        assertThatThrownBy(() -> other.decrypt(stored, "kek-0", kid)).hasMessageContaining("kek-0")
                .hasMessageContaining("portvakt.keys.previous-keks");
    }

    @Test
    void aStoredKeyMovedToAnotherRowCannotBeDecrypted() {
        KeyEncryption kek = new KeyEncryption("dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=", "kek-1", List.of());
        byte[] sealed = kek.encrypt("secret".getBytes(StandardCharsets.UTF_8), "kid-a");
        assertThat(new String(kek.decrypt(sealed, "kek-1", "kid-a"), StandardCharsets.UTF_8)).isEqualTo("secret");
        assertThatThrownBy(() -> kek.decrypt(sealed, "kek-1", "kid-b")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMissingOrShortKeyEncryptionKeyStopsStartUp() {
        assertThatThrownBy(() -> new KeyEncryption(null, "k", List.of())).hasMessageContaining("PORTVAKT_KEYS_KEK");
        assertThatThrownBy(() -> new KeyEncryption("c2hvcnQ=", "k", List.of())).hasMessageContaining("32 bytes");
        String kek = "dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=";
        assertThatThrownBy(() -> new KeyEncryption(kek, "k", List.of("c2hvcnQ="))).hasMessageContaining("id:base64");
        assertThatThrownBy(() -> new KeyEncryption(kek, "k", List.of("old:c2hvcnQ=")))
                .hasMessageContaining("old").hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new KeyEncryption(kek, "k", List.of("k:" + kek))).hasMessageContaining("twice");
    }

    private static String systemToken() {
        var response = ClientAssertions.clientCredentials(ISSUER, "test-system",
                ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER, c -> { }), "records.system");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).get("access_token").asString();
    }

    private static String kid(String jwt) throws Exception {
        return JWSObject.parse(jwt).getHeader().getKeyID();
    }

    private static JWKSet jwks() throws Exception {
        return JWKSet.load(URI.create(ISSUER + "/oauth2/jwks").toURL());
    }

    private static boolean verifies(String jwt, JWKSet set) throws Exception {
        JWSObject jws = JWSObject.parse(jwt);
        RSAKey key = (RSAKey) set.getKeyByKeyId(jws.getHeader().getKeyID());
        return key != null && jws.verify(new RSASSAVerifier(key));
    }
}
