package no.portvakt.server.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names every request in the log lines written while it is handled ({@code traceId}, {@code requestId} in the
 * structured log), and tells the caller its request id ({@code X-Request-Id}), so that a partner's support case
 * finds its lines. The trace id is the caller's W3C {@code traceparent} trace id when it sends a valid one (its
 * own traces then join Portvakt's lines), else a new one; the request id is always Portvakt's own, so that nothing
 * a caller sends ends up in the log as an identifier. Neither is a secret.
 */
final class RequestCorrelation extends OncePerRequestFilter {

    static final String TRACE_ID = "traceId";
    static final String REQUEST_ID = "requestId";
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** W3C Trace Context §3.2: version 00, a 32-hex trace id not all zeros, a 16-hex parent id, the flags. */
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String NO_TRACE = "0".repeat(32);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = randomHex(8);
        MDC.put(TRACE_ID, traceId(request.getHeader("traceparent")));
        MDC.put(REQUEST_ID, requestId);
        response.setHeader(REQUEST_ID_HEADER, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(TRACE_ID);
            MDC.remove(REQUEST_ID);
        }
    }

    private static String traceId(String traceparent) {
        if (traceparent != null) {
            Matcher valid = TRACEPARENT.matcher(traceparent.trim());
            if (valid.matches() && !valid.group(1).equals(NO_TRACE)) {
                return valid.group(1);
            }
        }
        return randomHex(16);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
