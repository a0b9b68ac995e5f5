package no.portvakt.registry.admin;

import java.util.Map;
import no.portvakt.registry.bootstrap.BootstrapException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The admin API's answers in one shape (docs/admin-api.md): JSON, {@code Cache-Control: no-store}, and every error
 * as {@code {"error", "error_description"}}. Portvakt's other APIs for systems (PVK's) answer the same way.
 */
public final class AdminAnswers {

    private AdminAnswers() {
    }

    public static ResponseEntity<Map<String, Object>> ok(Map<String, Object> body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    public static ResponseEntity<Map<String, Object>> error(HttpStatus status, String error, String description) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
                .body(Map.of("error", error, "error_description", description));
    }

    /** A field the rules refuse, named in the answer. */
    public static ResponseEntity<Map<String, Object>> invalid(BootstrapException e) {
        return error(HttpStatus.BAD_REQUEST, "invalid_request", (e.field() == null ? "" : e.field() + ": ")
                + e.problem());
    }
}
