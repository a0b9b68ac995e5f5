package no.portvakt.server.support;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.portvakt.registry.console.Totp;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Console accounts for the tests, made once per suite through the admin API (an operator's way), and the
 * console's login form with password and one-time code.
 */
public final class ConsoleAccounts {

    /** An administrator (role {@code admin} or {@code auditor}) with the secrets the admin API gave once. */
    public record Account(String username, String password, byte[] secret) {

        /** The one-time code of this 30-second step. */
        public String code() {
            return Totp.code(secret, Instant.now().getEpochSecond() / 30);
        }
    }

    private static final Map<String, Account> KNOWN = new ConcurrentHashMap<>();

    private ConsoleAccounts() {
    }

    /** The account {@code username}, created with {@code adminApiToken} the first time; unlocked, any code usable. */
    public static Account account(String issuer, String adminApiToken, JdbcClient jdbc, String username,
                                  String role) {
        var created = Http.postJson(issuer + "/admin/api/administrators", adminApiToken,
                "{\"username\": \"" + username + "\", \"role\": \"" + role + "\"}");
        if (created.statusCode() == 201) {
            JsonNode body = Http.json(created);
            KNOWN.put(username, new Account(username, body.get("password").asString(),
                    Totp.fromBase32(body.get("totp_secret").asString())));
        }
        jdbc.sql("update administrator set last_totp_step = 0, failed_logins = 0, locked_until = null "
                + "where username = ?").param(username).update();
        return KNOWN.get(username);
    }

    /** The console's login form, filled in and sent; the page it leads to. */
    public static HtmlPage login(Browser browser, String issuer, Account account, String code) throws IOException {
        HtmlPage login = browser.open(URI.create(issuer + "/console"));
        HtmlForm form = login.getFirstByXPath("//form[contains(@action,'/console/login')]");
        form.getInputByName("username").setValue(account.username());
        form.getInputByName("password").setValue(account.password());
        form.getInputByName("code").setValue(code);
        return ((HtmlButton) form.getFirstByXPath(".//button")).click();
    }
}
