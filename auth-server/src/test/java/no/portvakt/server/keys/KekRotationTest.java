package no.portvakt.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import no.portvakt.registry.console.SecretSealer;
import no.portvakt.registry.console.Totp;
import no.portvakt.server.PortvaktApplication;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import no.portvakt.server.support.ScratchDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Rotating the key-encryption key, as an operator does it (docs/operations.md): the new KEK becomes the current
 * one beside the old, the admin API re-encrypts every secret at rest under it, and the old KEK can go. Run on a
 * database of its own, so the suite's instance keeps its keys.
 */
class KekRotationTest extends PortvaktTestBase {

    private static final String NEW_KEK = Base64.getEncoder().encodeToString(
            "a-new-test-only-kek-32-bytes-ok!".getBytes());

    @Value("${portvakt.keys.kek}")
    String oldKek;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private ScratchDatabase database;

    @AfterEach
    void stopInstancesAndDropTheirDatabase() {
        instances.forEach(ConfigurableApplicationContext::close);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everySecretIsReencryptedUnderTheNewKekAndTheOldOneCanGo() throws Exception {
        database = scratchDatabase("kek_rotation");

        // Before: everything under the suite's KEK (kek-1), an administrator's TOTP secret too.
        String before = start();
        String kid = signingKid(before);
        JsonNode enrolled = Http.json(Http.postJson(before + "/admin/api/administrators", admin(before),
                "{\"username\": \"kek-operator\", \"role\": \"auditor\"}"));
        byte[] totpSecret = Totp.fromBase32(enrolled.get("totp_secret").asString());
        stopAll();

        // The new KEK current, the old one kept for decryption: everything still works, then is re-encrypted.
        String during = start("--portvakt.keys.kek=" + NEW_KEK, "--portvakt.keys.kek-id=kek-2",
                "--portvakt.keys.previous-keks=kek-1:" + oldKek);
        assertThat(signingKid(during)).isEqualTo(kid);
        JsonNode standing = Http.json(Http.get(during + "/admin/api/key-encryption", "Authorization",
                "Bearer " + admin(during)));
        assertThat(standing.get("current").asString()).isEqualTo("kek-2");
        assertThat(standing.get("signing_keys").get("kek-1").asLong()).isPositive();
        assertThat(standing.get("totp_secrets").get("kek-1").asLong()).isEqualTo(1);

        HttpResponse<String> rewrapped = Http.postJson(during + "/admin/api/key-encryption/rewrap", admin(during),
                "");
        assertThat(rewrapped.statusCode()).as(rewrapped.body()).isEqualTo(200);
        JsonNode after = Http.json(rewrapped);
        assertThat(after.get("rewrapped").get("signing_keys").asLong()).isPositive();
        assertThat(after.get("rewrapped").get("totp_secrets").asLong()).isEqualTo(1);
        assertThat(after.get("rewrapped").get("data_keys").asLong()).as("the audit's").isEqualTo(1);
        assertThat(after.get("data_keys").properties()).extracting(Map.Entry::getKey).containsExactly("kek-2");
        assertThat(after.get("signing_keys").has("kek-1")).isFalse();
        assertThat(after.get("totp_secrets").properties()).extracting(Map.Entry::getKey).containsExactly("kek-2");
        // A second run finds nothing left to do.
        assertThat(Http.json(Http.postJson(during + "/admin/api/key-encryption/rewrap", admin(during), ""))
                .get("rewrapped").get("signing_keys").asLong()).isZero();
        stopAll();

        // The old KEK removed: the same key signs, the audit's data key and the TOTP secret open under the new one.
        String without = start("--portvakt.keys.kek=" + NEW_KEK, "--portvakt.keys.kek-id=kek-2");
        assertThat(signingKid(without)).isEqualTo(kid);
        SecretSealer sealer = instances.get(0).getBean(SecretSealer.class);
        SecretSealer.Sealed stored = JdbcClient.create(instances.get(0).getBean(DataSource.class))
                .sql("select totp_kek_id, totp_secret from administrator where username = 'kek-operator'")
                .query((rs, n) -> new SecretSealer.Sealed(rs.getString(1), rs.getBytes(2))).single();
        assertThat(stored.kekId()).isEqualTo("kek-2");
        assertThat(sealer.open(stored, "totp:kek-operator")).isEqualTo(totpSecret);
        stopAll();

        // An instance that knows only the old KEK refuses to start, and says which KEK it lacks.
        assertThatThrownBy(() -> start()).hasStackTraceContaining("key-encryption key kek-2, which is not "
                + "configured");
    }

    /** An instance on the test's database; its URL. */
    private String start(String... more) {
        int port = freePort();
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + port));
        arguments.addAll(List.of(database.arguments()));
        arguments.addAll(List.of(more));
        instances.add(new SpringApplicationBuilder(PortvaktApplication.class).profiles("test")
                .run(instanceArguments(arguments.toArray(String[]::new))));
        return "http://localhost:" + port;
    }

    private void stopAll() {
        instances.forEach(ConfigurableApplicationContext::close);
        instances.clear();
    }

    private static String admin(String instance) {
        HttpResponse<String> response = Http.postForm(instance + "/oauth2/token", Http.form("grant_type",
                "client_credentials", "scope", "portvakt.admin", "resource", ISSUER + "/admin/api"), TEST_ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).get("access_token").asString();
    }

    /** The kid that signs the instance's tokens now. */
    private static String signingKid(String instance) throws Exception {
        return SignedJWT.parse(admin(instance)).getHeader().getKeyID();
    }
}
