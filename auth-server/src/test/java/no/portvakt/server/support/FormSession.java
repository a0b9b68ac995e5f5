package no.portvakt.server.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a browser: a cookie jar and a page's CSRF token, to send a form exactly as typed (or as an
 * attacker types it), which HtmlUnit's form filling would tidy up.
 */
public final class FormSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** The CSRF token of the form on {@code page}, opened in this session. */
    public String csrf(String page) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(page)).GET().build());
        Matcher matcher = CSRF.matcher(response.body());
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token on " + page + " (" + response.statusCode() + ")");
        }
        return matcher.group(1);
    }

    /** Logs {@code pid} in with TestID and chooses to act for themself; the session's CSRF token afterwards. */
    public String loginAs(String issuer, String pid) {
        String csrf = csrf(issuer + "/login");
        HttpResponse<String> login = post(issuer + "/login/testid", csrf, Http.form("pid", pid, "acr",
                "idporten-loa-substantial"));
        if (login.statusCode() != 302) {
            throw new AssertionError("TestID login failed: " + login.statusCode());
        }
        String chosen = csrf(issuer + "/representation");
        post(issuer + "/representation", chosen, Http.form("pid", pid));
        return csrf(issuer + "/");
    }

    /** The form {@code fields} (with {@code _csrf} added) posted to {@code url}. */
    public HttpResponse<String> post(String url, String csrf, Map<String, String> fields) {
        Map<String, String> form = new java.util.LinkedHashMap<>(fields);
        form.put("_csrf", csrf);
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(Http.encode(form))).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
