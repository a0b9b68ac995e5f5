package no.demohelse.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo Helse's journal API, a partner API that the portal calls with Portvakt's tokens: whose journal is read or
 * written comes from the token only, never from the request. A SystemToken for a citizen names them in
 * {@code authorization_details} (situations 3 and 4); a citizen-bound token names the person the citizen acts for
 * in {@code representation.represented.pid} (situation 1). A SystemToken without a citizen gets 403 here.
 */
@RestController
class JournalApiController {

    static final String READ = "demo-helse:journal.read";
    static final String WRITE = "demo-helse:journal.write";

    private final Map<String, List<Map<String, Object>>> journals = new ConcurrentHashMap<>();

    @GetMapping("/journal-api/entries")
    ResponseEntity<Map<String, Object>> entries(@AuthenticationPrincipal Jwt token) {
        String pid = whose(token);
        if (pid == null) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "insufficient_scope",
                    "error_description", "the token names no citizen"));
        }
        return ResponseEntity.ok(Map.of("pid", pid, "entries", journals.getOrDefault(pid, List.of()),
                "asked_by", token.getClaimAsString("client_id")));
    }

    @PostMapping("/journal-api/entries")
    ResponseEntity<Map<String, Object>> store(@AuthenticationPrincipal Jwt token,
                                              @RequestBody Map<String, Object> entry) {
        String pid = whose(token);
        if (pid == null) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "insufficient_scope",
                    "error_description", "the token names no citizen"));
        }
        Object text = entry.get("text");
        if (!(text instanceof String note) || note.isBlank() || note.length() > 2000) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid_request",
                    "error_description", "text: 1 to 2000 characters"));
        }
        journals.computeIfAbsent(pid, p -> new ArrayList<>()).add(Map.of("text", note,
                "stored_by", String.valueOf(token.getClaimAsString("client_id"))));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("pid", pid, "stored", true));
    }

    /** The citizen whose journal the token is for, or null. */
    private static String whose(Jwt token) {
        if (token.getClaim("authorization_details") instanceof List<?> details && !details.isEmpty()
                && details.get(0) instanceof Map<?, ?> first && first.get("pid") instanceof String pid) {
            return pid;
        }
        Map<String, Object> representation = token.getClaimAsMap("representation");
        if (representation != null && representation.get("represented") instanceof Map<?, ?> represented
                && represented.get("pid") instanceof String pid) {
            return pid;
        }
        return null;
    }
}
