package no.portvakt.server.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A protected resource's refusal (userinfo, the admin API, PVK's API) is a challenge in {@code WWW-Authenticate}
 * (RFC 6750 §3, RFC 9449 §7.1), which the framework writes without a body. Portvakt's APIs promise every error as
 * JSON with {@code no-store}: when a response ends as a 401 or 403 with a challenge and nothing written, the
 * challenge's {@code error} and {@code error_description} become that body ({@code invalid_request} when the
 * request carried no token and the challenge therefore no error, RFC 6750 §3.1).
 */
final class ChallengeBodies extends OncePerRequestFilter {

    private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();

    private static final Pattern PARAMETER = Pattern.compile("(error|error_description)=\"([^\"]*)\"");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Watched watched = new Watched(response);
        chain.doFilter(request, watched);
        int status = response.getStatus();
        String challenge = response.getHeader(HttpHeaders.WWW_AUTHENTICATE);
        if ((status == 401 || status == 403) && challenge != null && !watched.written && !response.isCommitted()) {
            String error = "invalid_request";
            String description = "An access token is required";
            Matcher matcher = PARAMETER.matcher(challenge);
            while (matcher.find()) {
                if (matcher.group(1).equals("error")) {
                    error = matcher.group(2);
                } else {
                    description = matcher.group(2);
                }
            }
            ServletServerHttpResponse http = new ServletServerHttpResponse(response);
            http.getHeaders().setCacheControl("no-store");
            errors.write(new OAuth2Error(error, description, null), null, http);
        }
    }

    /** Notes whether anything asked for the body. */
    private static final class Watched extends HttpServletResponseWrapper {

        private boolean written;

        Watched(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            written = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            written = true;
            return super.getWriter();
        }
    }
}
