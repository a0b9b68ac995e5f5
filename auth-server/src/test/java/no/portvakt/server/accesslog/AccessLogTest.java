package no.portvakt.server.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import no.portvakt.server.audit.AuditRecord;
import no.portvakt.server.audit.AuditRows;
import no.portvakt.server.audit.PidProtection;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "Hvem har brukt opplysninger om meg": a citizen sees every token issued in their name, newest first, a page at a
 * time, with who received it, for which data, whether anyone was logged in, and who acted; a representative sees
 * the represented person's log only as far as the rules allow; every reading is on record.
 */
class AccessLogTest extends PortvaktTestBase {

    private static final String SOLVEIG = "05895894984"; // in no one's family: a log of her own
    private static final String OLA = "28816196088";
    private static final String EMIL = "20861252052"; // 12 to 15: his parents see records.read only
    private static final String RECORDS_API = "https://api.test-partner.example/records";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditRows rows;

    @Autowired
    PidProtection pids;

    @BeforeEach
    void clean() {
        for (String pid : List.of(SOLVEIG, EMIL)) {
            jdbc.sql("delete from token_audit where represented_ref = ?").param(pids.reference(pid)).update();
        }
    }

    @Test
    void aCitizenSeesEachTokenInTheirNameNewestFirstAndTheReadingIsOnRecord() throws Exception {
        OidcClient client = testRp();
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid", b -> { });
            browser.login(browser.open(attempt.request().toURI()), SOLVEIG, "idporten-loa-substantial");
            client.redeem(attempt, client.code(attempt, callback()));
            HttpResponse<String> system = Http.postForm(ISSUER + "/oauth2/token",
                    ClientAssertions.systemTokenNaming(ISSUER, SYSTEM_CLIENT_KEY, SOLVEIG));
            assertThat(system.statusCode()).as(system.body()).isEqualTo(200);
            long lookups = lookups(SOLVEIG);

            HtmlPage log = browser.open(URI.create(ISSUER + "/innsyn"));
            assertThat(log.querySelector("h1").getTextContent()).isEqualTo("Hvem har brukt opplysninger om meg");
            List<String> entries = entries(log);
            assertThat(entries).hasSizeGreaterThanOrEqualTo(3);
            assertThat(entries.get(0)).as("the SystemToken, newest").contains("Test Partner AS",
                    "Test Partner records API", "Lese journalen din",
                    "Ingen var logget inn: portalen hentet eller leverte opplysninger hos tjenesten",
                    "Portalen, uten en person");
            assertThat(entries.get(1) + entries.get(2)).contains("Test relying party", "Identitet (innlogging)",
                    "Noen var logget inn", "Deg selv");
            assertThat(log.asNormalizedText()).doesNotContain(SOLVEIG, "client_credentials", "records.read");
            assertThat(lookups(SOLVEIG)).isEqualTo(lookups + 1);
            assertThat(jdbc.sql("select looked_up_by from token_audit_lookup where pid_ref = ? order by id desc "
                    + "limit 1").param(pids.reference(SOLVEIG)).query(String.class).single())
                    .isEqualTo("citizen (own access log)");

            HtmlPage english = browser.open(URI.create(ISSUER + "/innsyn?lang=en"));
            assertThat(entries(english).get(0)).contains("Read your records", "Nobody was logged in");
        }
    }

    @Test
    void theLogIsPagedNewestFirstWithoutGapsOrRepeats() throws Exception {
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            // Pairs at the same instant: the order must not depend on the time alone.
            records.add(record(start.plusSeconds(i / 2 * 60), SOLVEIG, SOLVEIG, "self", "records.read",
                    "jti-" + i));
        }
        store(records);
        try (Browser browser = new Browser()) {
            browser.loginAs(browser.open(URI.create(ISSUER + "/login")), SOLVEIG, "idporten-loa-substantial");
            List<String> seen = new ArrayList<>();
            HtmlPage page = browser.open(URI.create(ISSUER + "/innsyn"));
            int pages = 0;
            while (true) {
                pages++;
                seen.addAll(times(page));
                HtmlAnchor older = page.querySelector("nav.pages a[href*='eldre=']");
                if (older == null) {
                    break;
                }
                page = older.click();
            }
            assertThat(pages).isEqualTo(3);
            assertThat(seen).hasSize(45);
            List<String> sorted = new ArrayList<>(seen);
            sorted.sort(java.util.Comparator.comparing(AccessLogTest::instant).reversed());
            assertThat(seen).isEqualTo(sorted);
            assertThat(page.asNormalizedText()).contains("Til de nyeste");

            HtmlPage forged = browser.open(URI.create(ISSUER + "/innsyn?eldre=not-a-cursor"));
            assertThat(forged.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(times(forged)).hasSize(20); // the first page
            for (String cursor : List.of("9223372036854775807-9223372036854775807", "0-0",
                    "99999999999999999999-1", "1-2-3")) {
                HtmlPage odd = browser.open(URI.create(ISSUER + "/innsyn?eldre=" + cursor));
                assertThat(odd.getWebResponse().getStatusCode()).as(cursor).isEqualTo(200);
            }
            assertThat(times(browser.open(URI.create(ISSUER + "/innsyn?eldre=0-0")))).as("older than 1970").isEmpty();
        }
    }

    @Test
    void aParentSeesOfATeensLogOnlyWhatTheRulesLetThemUse() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        store(List.of(
                record(now.minusSeconds(40), EMIL, EMIL, "self", "openid", "teen-login"),
                record(now.minusSeconds(30), null, EMIL, null, "records.write", "system-write"),
                record(now.minusSeconds(20), null, EMIL, null, "records.read", "system-read"),
                record(now.minusSeconds(10), OLA, EMIL, "parent", "openid records.read", "parent-read")));
        try (Browser browser = new Browser()) {
            browser.login(browser.open(URI.create(ISSUER + "/login")), OLA,
                    "idporten-loa-substantial");
            browser.actFor(browser.open(URI.create(ISSUER + "/representation")), EMIL);
            long lookups = lookups(EMIL);
            HtmlPage log = browser.open(URI.create(ISSUER + "/innsyn"));
            assertThat(log.querySelector("h1").getTextContent())
                    .isEqualTo("Hvem har brukt opplysninger om Emil Nordmann");
            List<String> entries = entries(log);
            assertThat(entries).hasSize(2);
            assertThat(entries.get(0)).contains("Lese journalen til Emil Nordmann", "Deg, som forelder");
            assertThat(entries.get(1)).contains("Lese journalen til Emil Nordmann", "Portalen, uten en person");
            assertThat(log.asNormalizedText()).doesNotContain("Emil Nordmann selv", "records.write");
            assertThat(lookups(EMIL)).isEqualTo(lookups + 1);
        }
    }

    private AuditRecord record(Instant at, String acting, String represented, String relation, String scopes,
                               String jti) {
        return new AuditRecord(at, "access_token", acting == null ? "client_credentials"
                : "urn:ietf:params:oauth:grant-type:token-exchange", "test-portal", RECORDS_API, scopes, acting,
                represented, jti, relation);
    }

    private void store(List<AuditRecord> records) {
        jdbc.sql(AuditRows.insert("")).params(rows.parameters(records)).update();
    }

    private long lookups(String pid) {
        return jdbc.sql("select count(*) from token_audit_lookup where pid_ref = ?").param(pids.reference(pid))
                .query(Long.class).single();
    }

    private static List<String> entries(HtmlPage page) {
        return page.querySelectorAll("ol.log > li").stream().map(DomNode::asNormalizedText).toList();
    }

    private static List<String> times(HtmlPage page) {
        return page.querySelectorAll("ol.log > li time").stream().map(DomNode::getTextContent).toList();
    }

    private static java.time.LocalDateTime instant(String when) {
        return java.time.LocalDateTime.parse(when, java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm"));
    }
}
