package no.portvakt.server.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import no.portvakt.server.PortvaktApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Portvakt for the whole suite: a real server on a real port, a real PostgreSQL, the test bootstrap file.
 * Every test class extends this one and adds no configuration of its own, so Spring starts a single context.
 */
@SpringBootTest(classes = PortvaktApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
public abstract class PortvaktTestBase {

    protected static final int PORT = freePort();
    protected static final String ISSUER = "http://localhost:" + PORT;
    /** The actuator's port (health, info, Prometheus), apart from the public one. */
    protected static final String MANAGEMENT = "http://localhost:" + freePort();
    protected static final StandInRelyingParty RP = StandInRelyingParty.start();
    /** The private key of the {@code test-system} client (private_key_jwt); its public part is registered. */
    protected static final RSAKey SYSTEM_CLIENT_KEY = rsaKey("test-system-key-1");
    /** PVK's own key as Portvakt's client {@code pvk} (private_key_jwt); its public part is registered. */
    protected static final RSAKey PVK_CLIENT_KEY = rsaKey("pvk-key-1");
    /** Portvakt's own key as ID-porten's client (private_key_jwt upstream). */
    protected static final RSAKey IDPORTEN_CLIENT_KEY = rsaKey("portvakt-at-idporten-1");
    protected static final StandInIdporten IDPORTEN = StandInIdporten.start(IDPORTEN_CLIENT_KEY,
            ISSUER + "/login/oauth2/code/idporten");

    protected static final String TEST_RP = "test-rp";
    protected static final String TEST_RP_SECRET = "test-rp-secret-0123456789-0123456789-0123456789";
    protected static final String KARI = "47906701517";

    @DynamicPropertySource
    static void portvaktProperties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("portvakt.issuer", () -> ISSUER);
        registry.add("management.server.port", () -> java.net.URI.create(MANAGEMENT).getPort());
        registry.add("test.rp.url", RP::url);
        registry.add("test.system.jwks", () -> new JWKSet(SYSTEM_CLIENT_KEY.toPublicJWK()).toString());
        registry.add("test.pvk.jwks", () -> new JWKSet(PVK_CLIENT_KEY.toPublicJWK()).toString());
        registry.add("portvakt.pvk.client-jwk", PVK_CLIENT_KEY::toJSONString);
        registry.add("portvakt.idporten.enabled", () -> true);
        registry.add("portvakt.idporten.issuer", IDPORTEN::issuer);
        registry.add("portvakt.idporten.client-id", () -> StandInIdporten.CLIENT_ID);
        registry.add("portvakt.idporten.client-jwk", IDPORTEN_CLIENT_KEY::toJSONString);
    }

    /**
     * The command line of another Portvakt on the suite's database, configured as the suite's one (command-line
     * arguments outrank the configuration files, as the suite's dynamic properties do), plus {@code more}.
     */
    protected static String[] instanceArguments(String... more) {
        java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of("--portvakt.issuer=" + ISSUER,
                "--management.server.port=0",
                "--test.rp.url=" + RP.url(),
                "--test.system.jwks=" + new JWKSet(SYSTEM_CLIENT_KEY.toPublicJWK()),
                "--test.pvk.jwks=" + new JWKSet(PVK_CLIENT_KEY.toPublicJWK()),
                "--portvakt.pvk.client-jwk=" + PVK_CLIENT_KEY.toJSONString()));
        arguments.addAll(java.util.List.of(more));
        return arguments.toArray(String[]::new);
    }

    @Autowired
    private JdbcClient suiteDatabase;

    @Value("${spring.datasource.url}")
    private String suiteDatabaseUrl;

    @Value("${spring.datasource.username:postgres}")
    private String suiteDatabaseUser;

    /** A database of the test's own beside the suite's, named {@code prefix} and a random suffix. */
    protected ScratchDatabase scratchDatabase(String prefix) {
        return ScratchDatabase.create(suiteDatabase, suiteDatabaseUrl, suiteDatabaseUser, prefix);
    }

    protected static String callbackUri() {
        return RP.url() + "/callback";
    }

    /** The test partner's relying party, discovering Portvakt afresh (the server is up once a test runs). */
    protected static OidcClient testRp() {
        return new OidcClient(ISSUER, TEST_RP, TEST_RP_SECRET, callbackUri());
    }

    /** The authorization response that reached the relying party, as the URI it arrived at. */
    protected static java.net.URI callback() {
        StandInRelyingParty.Callback callback = RP.takeCallback();
        if (callback == null) {
            throw new AssertionError("the relying party received no authorization response");
        }
        return callback.asUri(RP.url());
    }

    /** Runs {@code attempt} through the TestID login page in {@code browser} and returns the code. */
    protected static com.nimbusds.oauth2.sdk.AuthorizationCode loginWithTestId(Browser browser, OidcClient client,
                                                                              OidcClient.Attempt attempt) {
        browser.loginAs(browser.open(attempt.request().toURI()), KARI, "idporten-loa-substantial");
        return client.code(attempt, callback());
    }

    /** The operator automation client of the test bootstrap (portvakt.admin and portvakt.audit), as id:secret. */
    protected static final String TEST_ADMIN = "test-admin:test-admin-secret-0123456789-0123456789-0123456789";
    /** A registered resource server's credentials (introspection), for HTTP Basic. */
    protected static final String RESOURCE_SERVER = "test-api:test-api-secret-0123456789-0123456789-0123456789";

    /** A token for Portvakt's admin API, from client_credentials with HTTP Basic {@code basic} (id:secret). */
    protected static String adminToken(String basic, String scope) {
        java.net.http.HttpResponse<String> response = Http.postForm(ISSUER + "/oauth2/token", Http.form(
                "grant_type", "client_credentials", "scope", scope, "resource", ISSUER + "/admin/api"), basic);
        if (response.statusCode() != 200) {
            throw new AssertionError("no admin token: " + response.body());
        }
        return Http.json(response).get("access_token").asString();
    }

    protected static java.net.http.HttpResponse<String> userinfo(String accessToken) {
        return Http.get(ISSUER + "/userinfo", "Authorization", "Bearer " + accessToken);
    }

    public static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
