package no.portvakt.ui.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Every error that reaches the servlet container ends here: a localised page for a browser, OAuth-style JSON for
 * anything else. Never a stack trace, never the exception's message.
 */
@Controller
public class ErrorPageController implements ErrorController {

    /** OAuth error codes the page has a localised text for; anything else gets the generic text. */
    private static final List<String> KNOWN = List.of("invalid_request", "invalid_client", "unauthorized_client",
            "access_denied", "unsupported_response_type", "invalid_scope", "server_error", "temporarily_unavailable",
            "invalid_request_uri",
            "not_found", "forbidden", "method_not_allowed", "representation_refused",
            "invalid_logout_request");

    @RequestMapping(value = "${server.error.path:/error}", produces = MediaType.TEXT_HTML_VALUE)
    public String page(HttpServletRequest request, Model model, jakarta.servlet.http.HttpServletResponse response) {
        HttpStatus status = status(request);
        String code = code(request, status);
        response.setStatus(status.value());
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("status", status.value());
        model.addAttribute("code", code);
        model.addAttribute("messageKey", "error." + (KNOWN.contains(code) ? code : "generic"));
        model.addAttribute("description", request.getAttribute(OAuthErrorPage.DESCRIPTION));
        return "error";
    }

    @RequestMapping("${server.error.path:/error}")
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
