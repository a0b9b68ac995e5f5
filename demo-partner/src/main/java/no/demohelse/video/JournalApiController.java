package no.demohelse.video;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo Helse's journal API, a partner API that the portal calls with Portvakt's tokens (see {@link Journals} for
 * whose journal a token opens). A SystemToken without a citizen gets 403 here.
 */
@RestController
class JournalApiController {

    private final Journals journals;

    JournalApiController(Journals journals) {
        this.journals = journals;
    }

    @GetMapping("/journal-api/entries")
    ResponseEntity<Map<String, Object>> entries(@AuthenticationPrincipal Jwt token) {
        String pid = Journals.whose(token);
        if (pid == null) {
            return noCitizen();
        }
        return ResponseEntity.ok(Map.of("pid", pid, "entries", journals.of(pid),
                "asked_by", token.getClaimAsString("client_id")));
    }

    @PostMapping("/journal-api/entries")
    ResponseEntity<Map<String, Object>> store(@AuthenticationPrincipal Jwt token,
                                              @RequestBody Map<String, Object> entry) {
        String pid = Journals.whose(token);
        if (pid == null) {
            return noCitizen();
        }
        Object text = entry.get("text");
        if (!(text instanceof String note) || note.isBlank() || note.length() > 2000) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid_request",
                    "error_description", "text: 1 to 2000 characters"));
        }
        journals.add(pid, note, token);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("pid", pid, "stored", true));
    }

    private static ResponseEntity<Map<String, Object>> noCitizen() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "insufficient_scope",
                "error_description", "the token names no citizen"));
    }
}
