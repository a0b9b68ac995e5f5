package no.portvakt.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import no.portvakt.server.PortvaktApplication;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Portvakt behind a load balancer that ends TLS: the browser speaks https to the proxy, the proxy http to
 * Portvakt. The session cookie is Secure and HSTS is sent because the issuer is https, whatever scheme the request
 * arrived with; forwarded headers count only from the configured proxies. The suite's own instance (an http issuer,
 * no proxy configured) is the instance that trusts no one.
 */
class BehindTlsProxyTest extends PortvaktTestBase {

    private static ConfigurableApplicationContext proxied;
    private static String direct;

    @BeforeAll
    static void startAnInstanceWithAnHttpsIssuer() {
        int port = freePort();
        direct = "http://localhost:" + port;
        // No bootstrap file (its registrations name the suite's issuer) and no PVK deliveries of its own.
        proxied = new SpringApplicationBuilder(PortvaktApplication.class).profiles("test").run(
                "--server.port=" + port, "--portvakt.issuer=https://portvakt.test", "--portvakt.bootstrap=",
                "--portvakt.pvk.delivery.enabled=false", "--portvakt.pvk.client-jwk=" + PVK_CLIENT_KEY.toJSONString(),
                "--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1");
    }

    @AfterAll
    static void stop() {
        if (proxied != null) {
            proxied.close();
        }
    }

    @Test
    void anHttpsIssuerHasASecureCookieAndHstsWhateverTheRequestCameOver() {
        for (List<String> forwarded : List.of(List.<String>of(), List.of("X-Forwarded-Proto", "https"))) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(direct + "/login")).GET();
            for (int i = 0; i < forwarded.size(); i += 2) {
                request.header(forwarded.get(i), forwarded.get(i + 1));
            }
            HttpResponse<String> login = Http.send(request.build());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("Strict-Transport-Security")).as(forwarded.toString())
                    .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age=31536000"));
            assertThat(login.headers().allValues("Set-Cookie")).as(forwarded.toString())
                    .anySatisfy(cookie -> assertThat(cookie).startsWith("PORTVAKT_SESSION=").contains("Secure"));
        }
    }

    @Test
    void aConfiguredProxysForwardedHeadersCount() {
        HttpResponse<String> redirect = Http.send(HttpRequest.newBuilder(URI.create(direct + "/consents"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "portvakt.test").GET().build());
        assertThat(redirect.headers().firstValue("Location").orElseThrow()).startsWith("https://portvakt.test/");
    }

    @Test
    void nobodyElsesForwardedHeadersCount() {
        HttpResponse<String> redirect = Http.send(HttpRequest.newBuilder(URI.create(ISSUER + "/consents"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-For", "203.0.113.9").GET().build());
        assertThat(redirect.headers().firstValue("Location").orElseThrow()).startsWith(ISSUER + "/");
        assertThat(redirect.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(redirect.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.contains("Secure"));
    }

    @Test
    void anUnauthenticatedApiCallCreatesNoSession() {
        for (HttpResponse<String> refused : List.of(Http.get(ISSUER + "/userinfo"),
                Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "client_credentials")),
                Http.get(ISSUER + "/admin/api/partners"))) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().allValues("Set-Cookie")).as(refused.uri().toString()).isEmpty();
        }
    }
}
