package no.portvakt.ui.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import no.portvakt.ui.LanguageLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Every error that reaches the servlet container ends here: a localised page for a browser, OAuth-style JSON for
 * anything else. Never a stack trace, never the exception's message. The page says in plain words what went wrong
 * and what to do; the technical detail is one small line for the service's support, under an error id that the log
 * line written here carries too (the request id). Its language switch shows the same error in another language:
 * the request that failed is not sent again.
 */
@Controller
public class ErrorPageController implements ErrorController {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPageController.class);
    private static final String ERROR_PATH = "/error";
    /** The request id the server names every response with, which is also in every log line of the request. */
    private static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Pattern ERROR_ID = Pattern.compile("[0-9a-f]{16}");

    /** OAuth error codes the page has a localised text for; anything else gets the generic text. */
    private static final List<String> KNOWN = List.of("invalid_request", "invalid_client", "unauthorized_client",
            "access_denied", "unsupported_response_type", "invalid_scope", "server_error", "temporarily_unavailable",
            "invalid_request_uri",
            "not_found", "forbidden", "method_not_allowed", "representation_refused",
            "invalid_logout_request");

    @RequestMapping(value = ERROR_PATH, produces = MediaType.TEXT_HTML_VALUE)
    public String page(HttpServletRequest request, HttpServletResponse response, Model model) {
        HttpStatus status = status(request);
        String code = code(request, status);
        Object description = request.getAttribute(OAuthErrorPage.DESCRIPTION);
        String errorId = response.getHeader(REQUEST_ID_HEADER);
        ErrorLink again = ErrorLink.of(request);
        if (again != null) {
            status = again.status();
            code = again.code();
            errorId = again.errorId();
        } else {
            errorId = errorId != null && ERROR_ID.matcher(errorId).matches() ? errorId : newErrorId();
            LOG.info("error page: errorId={} error={} status={} description={}", errorId, code, status.value(),
                    description);
        }
        response.setStatus(status.value());
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("status", status.value());
        model.addAttribute("code", code);
        model.addAttribute("errorId", errorId);
        model.addAttribute("messageKey", "error." + (KNOWN.contains(code) ? code : "generic"));
        model.addAttribute("todoKey", todo(code));
        model.addAttribute("description", again == null ? description : null);
        model.addAttribute("languageLinks", LanguageLinks.of(UriComponentsBuilder.fromPath(
                request.getContextPath() + ERROR_PATH).queryParam("error", code)
                .queryParam("status", status.value()).queryParam("error_id", errorId)));
        return "error";
    }

    /** The same error again, in another language: the error page's own language switch. */
    private record ErrorLink(String code, HttpStatus status, String errorId) {

        /** The error named by the page's parameters, when {@code /error} is opened (not dispatched to) with them. */
        static ErrorLink of(HttpServletRequest request) {
            if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) != null
                    || request.getAttribute(OAuthErrorPage.ERROR) != null) {
                return null;
            }
            String code = request.getParameter("error");
            String errorId = request.getParameter("error_id");
            HttpStatus status = statusParameter(request.getParameter("status"));
            boolean valid = code != null && KNOWN.contains(code) && errorId != null
                    && ERROR_ID.matcher(errorId).matches() && status != null && status.isError();
            return valid ? new ErrorLink(code, status, errorId) : null;
        }

        private static HttpStatus statusParameter(String value) {
            return value != null && value.matches("[45]\\d\\d") ? HttpStatus.resolve(Integer.parseInt(value)) : null;
        }
    }

    @RequestMapping(ERROR_PATH)
    @ResponseBody
    public ResponseEntity<Map<String, String>> json(HttpServletRequest request) {
        HttpStatus status = status(request);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code(request, status));
        Object description = request.getAttribute(OAuthErrorPage.DESCRIPTION);
        if (description != null) {
            body.put("error_description", description.toString());
        }
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(body);
    }

    /** What the citizen can do about it, by whose the fault is. */
    private static String todo(String code) {
        return switch (code) {
            case "invalid_request", "invalid_client", "unauthorized_client", "unsupported_response_type",
                 "invalid_scope", "invalid_request_uri" -> "error.todo.service";
            case "not_found", "method_not_allowed" -> "error.todo.page";
            case "access_denied", "forbidden", "representation_refused" -> "error.todo.start";
            case "invalid_logout_request" -> null; // its text says what to do
            default -> "error.todo.wait";
        };
    }

    private static String newErrorId() {
        byte[] random = new byte[8];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }

    /** The error's status; none when {@code /error} is opened directly, which is a page like any unknown one. */
    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            return HttpStatus.NOT_FOUND;
        }
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status == null || status.is2xxSuccessful() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static String code(HttpServletRequest request, HttpStatus status) {
        if (request.getAttribute(OAuthErrorPage.ERROR) instanceof String oauthError) {
            return oauthError;
        }
        return switch (status) {
            case NOT_FOUND -> "not_found";
            case FORBIDDEN, UNAUTHORIZED -> "forbidden";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            default -> status.is4xxClientError() ? "invalid_request" : "server_error";
        };
    }
}
