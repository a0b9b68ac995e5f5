package no.portvakt.registry.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where Portvakt may send a request, in production and where local targets are allowed (dev, tests). */
class OutboundTargetsTest {

    private static final String ISSUER = "https://portvakt.example";
    private final OutboundTargets production = new OutboundTargets(false, ISSUER);
    private final OutboundTargets local = new OutboundTargets(true, ISSUER);

    @Test
    void productionSendsOnlyHttpsToPublicAddresses() {
        for (String refused : List.of("http://partner.example/jwks", "https://127.0.0.1/jwks",
                "https://localhost:8443/jwks", "https://api.localhost/jwks", "https://10.1.2.3/x",
                "https://172.16.0.1/x", "https://192.168.1.1/x", "https://169.254.169.254/latest/meta-data",
                "https://[::1]/x", "https://[fd00::1]/x", "https://[fe80::1]/x", "https://100.64.0.1/x",
                "https://0.0.0.0/x", "https://224.0.0.1/x", "https://user@partner.example/x",
                "https://portvakt.example/admin/api/partners", "https://portvakt.example:443/x", "ftp://partner.example/x")) {
            assertThat(production.refusalOfRegistered(URI.create(refused))).as(refused).isNotNull();
            assertThatThrownBy(() -> production.check(URI.create(refused))).as(refused)
                    .isInstanceOf(RefusedTarget.class);
        }
        for (String allowed : List.of("https://93.184.216.34/jwks", "https://partner.example/jwks",
                "https://portvakt.example:8443/x")) {
            assertThat(production.refusalOfRegistered(URI.create(allowed))).as(allowed).isNull();
        }
    }

    @Test
    void aNameIsCheckedAgainAsItResolvesWhenARequestIsSent() {
        // "localhost" resolves to loopback wherever the test runs; a registered name is checked as resolved.
        assertThatThrownBy(() -> production.check(URI.create("https://localhost/x")))
                .isInstanceOf(RefusedTarget.class);
        production.check(URI.create("https://93.184.216.34/x"));
        production.check(URI.create("https://no-such-host.invalid/x")); // fails as a request, and is retried
    }

    @Test
    void localTargetsAllowHttpAndLoopbackButNeverTheMetadataAddressOrItself() {
        local.check(URI.create("http://localhost:8081/pvk"));
        local.check(URI.create("http://127.0.0.1:8081/pvk"));
        local.check(URI.create("https://10.0.0.5/pvk"));
        for (String refused : List.of("http://169.254.169.254/latest/meta-data", "https://[fe80::1]/x",
                "https://0.0.0.0/x", "https://portvakt.example/admin", "https://a:b@localhost/x")) {
            assertThatThrownBy(() -> local.check(URI.create(refused))).as(refused)
                    .isInstanceOf(RefusedTarget.class);
        }
    }
}
