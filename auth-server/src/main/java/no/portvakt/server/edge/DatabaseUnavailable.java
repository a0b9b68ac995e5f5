package no.portvakt.server.edge;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * A request that needs PostgreSQL while it does not answer in time (no connection within the pool's connection
 * timeout, a lock or a statement beyond its timeout, the server gone) is answered 503 with {@code Retry-After}
 * within that bounded time, never a 500 and never a hang: {@code temporarily_unavailable} as RFC 6749 §5.2's JSON
 * ({@code no-store}), or for a browser the error page in its language. Nothing was stored for it: the statement
 * that failed was rolled back.
 */
public final class DatabaseUnavailable extends OncePerRequestFilter {

    /** How soon a client may try again after {@code temporarily_unavailable} (503, RFC 9110 §10.2.3). */
    public static final String RETRY_AFTER_SECONDS = "5";
    static final String ERROR = "temporarily_unavailable";
    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

    private final ThymeleafViewResolver views;
    private final MeterRegistry meters;
    private final OAuth2ErrorHttpMessageConverter json = new OAuth2ErrorHttpMessageConverter();

    DatabaseUnavailable(ThymeleafViewResolver views, MeterRegistry meters) {
        this.views = views;
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            Throwable cause = unavailable(e);
            if (cause == null || response.isCommitted()) {
                throw e;
            }
            log.warn("PostgreSQL did not answer in time: {} {} answered 503 ({})", request.getMethod(),
                    request.getRequestURI(), cause.toString());
            meters.counter("portvakt.requests.unavailable", "cause", "database").increment();
            answer(request, response);
        }
    }

    /** The database's failure to answer in time in {@code e}'s causes, or null for any other failure. */
    public static Throwable unavailable(Throwable e) {
        int depth = 0;
        for (Throwable cause = e; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof RecoverableDataAccessException || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof SQLException sql && unavailableState(sql.getSQLState())) {
                return cause;
            }
        }
        return null;
    }

    /** Connection exceptions (class 08), a statement or lock timeout, the server shutting down (PostgreSQL's codes). */
    private static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57014") || state.equals("55P03")
                || state.startsWith("57P"));
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException,
            ServletException {
        response.resetBuffer();
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains("text/html")) {
            try {
                views.resolveViewName("error", RequestContextUtils.getLocale(request)).render(Map.of(
                        "status", HttpStatus.SERVICE_UNAVAILABLE.value(), "code", ERROR,
                        "messageKey", "error." + ERROR), request, response);
                return;
            } catch (Exception e) {
                throw new ServletException("the error page could not be rendered", e);
            }
        }
        json.write(new OAuth2Error(ERROR, "The service is temporarily unavailable; try again", null), null,
                new ServletServerHttpResponse(response));
    }
}
