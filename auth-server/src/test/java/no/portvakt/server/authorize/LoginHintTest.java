package no.portvakt.server.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import no.portvakt.server.claims.PairwiseSubject;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code login_hint} in the portal's SSO links is the citizen's pairwise {@code sub} at the partner: a session of
 * that citizen answers at once; a session of someone else is never handed over, the citizen logs in again.
 */
class LoginHintTest extends PortvaktTestBase {

    private static final String OLA = "28816196088";

    @Autowired
    PairwiseSubject pairwise;

    @Test
    void aHintNamingTheSessionsCitizenIsAnsweredAndOneNamingSomeoneElseAsksForALogin() throws Exception {
        OidcClient client = testRp();
        String kariAtPartner = pairwise.of(KARI, "test-partner");
        String olaAtPartner = pairwise.of(OLA, "test-partner");
        try (Browser browser = new Browser()) {
            OidcClient.Attempt first = client.start("openid", b -> { });
            browser.loginAs(browser.open(first.request().toURI()), KARI, "idporten-loa-substantial");
            String sub = client.finish(first, callback()).getSubject().getValue();
            assertThat(sub).isEqualTo(kariAtPartner);

            OidcClient.Attempt same = client.start("openid", b -> b.loginHint(kariAtPartner));
            browser.open(same.request().toURI());
            assertThat(client.finish(same, callback()).getSubject().getValue()).isEqualTo(kariAtPartner);

            OidcClient.Attempt other = client.start("openid", b -> b.loginHint(olaAtPartner));
            HtmlPage page = browser.open(other.request().toURI());
            assertThat(page.getUrl().getPath()).isEqualTo("/login");
            assertThat(RP.takeCallback()).isNull();
            browser.loginAs(page, OLA, "idporten-loa-substantial");
            assertThat(client.finish(other, callback()).getSubject().getValue()).isEqualTo(olaAtPartner);
        }
    }
}
