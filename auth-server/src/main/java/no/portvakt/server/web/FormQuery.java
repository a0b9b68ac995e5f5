package no.portvakt.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Parameters added to a URI's query as {@code application/x-www-form-urlencoded} (RFC 6749 §4.1.2 and Appendix B,
 * OIDC RP-Initiated Logout §3): every character but the unreserved ones escaped, {@code +} and {@code &} too, so the
 * receiver decodes each value exactly as it was sent. (A URI template's encoding leaves {@code +} as it is, legal in
 * a query, which a form decoder then reads as a space.) A query the URI already has is kept; a registered URI
 * never has a fragment.
 */
public final class FormQuery {

    private FormQuery() {
    }

    public static String append(String uri, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return uri;
        }
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        String separator = uri.indexOf('?') < 0 ? "?" : uri.endsWith("?") || uri.endsWith("&") ? "" : "&";
        return uri + separator + query;
    }
}
