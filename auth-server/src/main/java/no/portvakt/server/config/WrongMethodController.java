package no.portvakt.server.config;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The POST-only protocol endpoints, called with another method: 405 with {@code Allow: POST}, in the OAuth error
 * format, instead of the login page.
 */
@RestController
class WrongMethodController {

    static final String[] PATHS = {"/oauth2/token", "/oauth2/par", "/oauth2/introspect", "/oauth2/revoke"};

    @RequestMapping(path = {"/oauth2/token", "/oauth2/par", "/oauth2/introspect", "/oauth2/revoke"},
            method = {RequestMethod.GET, RequestMethod.PUT, RequestMethod.DELETE, RequestMethod.PATCH})
    ResponseEntity<Map<String, String>> wrongMethod() {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST")
                .cacheControl(CacheControl.noStore())
                .body(Map.of("error", "invalid_request", "error_description", "This endpoint accepts POST only"));
    }
}
