import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A logged-in citizen's access token for the token exchange benchmark: the code flow with PKCE through TestID
 * (as a browser without JavaScript goes through it), then the code for tokens. Prints the access token.
 *
 *   java bench/SubjectToken.java ISSUER CLIENT_ID CLIENT_SECRET REDIRECT_URI PID
 */
public class SubjectToken {

    public static void main(String[] args) throws Exception {
        String issuer = args[0], clientId = args[1], secret = args[2], redirect = args[3], pid = args[4];
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI next = follow(http, URI.create(issuer + "/oauth2/authorize?response_type=code&scope=openid&state=bench"
                + "&client_id=" + clientId + "&redirect_uri=" + enc(redirect) + "&code_challenge=" + challenge
                + "&code_challenge_method=S256"), redirect);
        String csrf = csrf(http.send(HttpRequest.newBuilder(URI.create(issuer + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(issuer + "/login/testid"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("pid=" + pid + "&acr=idporten-loa-substantial&_csrf="
                        + enc(csrf))).build(), HttpResponse.BodyHandlers.ofString());
        next = follow(http, next.resolve(login.headers().firstValue("Location").orElseThrow()), redirect);
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(next.toString());
        if (!next.toString().startsWith(redirect) || !code.find()) {
            throw new IllegalStateException("No code: the flow ended at " + next);
        }
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        String tokens = http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code.group(1)
                        + "&redirect_uri=" + enc(redirect) + "&code_verifier=" + verifier)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher accessToken = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(tokens);
        if (!accessToken.find()) {
            throw new IllegalStateException("No access token: " + tokens);
        }
        System.out.println(accessToken.group(1));
    }

    /** Follows redirects until the one that would leave Portvakt for {@code stopAt}. */
    private static URI follow(HttpClient http, URI uri, String stopAt) throws Exception {
        URI current = uri;
        for (int hop = 0; hop < 10 && !current.toString().startsWith(stopAt); hop++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(current).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 302) {
                return current;
            }
            current = current.resolve(response.headers().firstValue("Location").orElseThrow());
        }
        return current;
    }

    private static String csrf(String html) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        if (!token.find()) {
            throw new IllegalStateException("The login page has no CSRF token");
        }
        return token.group(1);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
