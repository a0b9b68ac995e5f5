package no.portvakt.server.audit;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import no.portvakt.representation.Fodselsnummer;
import no.portvakt.server.admin.AdminApiSecurityConfiguration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The token audit trail in the admin API: every token issued in a citizen's name, as the one acting or the one
 * represented, newest first (at most 1,000), for an operator answering a citizen's question or a supervisory
 * authority's. Each reading is itself recorded ({@link AuditTrailReads}), and who read a citizen's trail is listed
 * at {@code /lookups}.
 */
@RestController
@RequestMapping(AdminApiSecurityConfiguration.PATH + "/token-audit")
class TokenAuditAdminController {

    private final AuditTrailReads reads;

    TokenAuditAdminController(AuditTrailReads reads) {
        this.reads = reads;
    }

    @GetMapping
    ResponseEntity<Map<String, Object>> forCitizen(@RequestParam(required = false) String pid, Principal reader) {
        if (pid == null || !Fodselsnummer.isValid(pid)) {
            return invalidPid();
        }
        return ResponseEntity.ok(Map.of("pid", pid, "tokens", reads.read(pid, reader.getName()).stream()
                .map(TokenAuditAdminController::json).toList()));
    }

    @GetMapping("/lookups")
    ResponseEntity<Map<String, Object>> lookups(@RequestParam(required = false) String pid) {
        if (pid == null || !Fodselsnummer.isValid(pid)) {
            return invalidPid();
        }
        return ResponseEntity.ok(Map.of("pid", pid, "lookups", reads.lookups(pid).stream()
                .map(lookup -> Map.of("looked_up_at", lookup.lookedUpAt().toString(),
                        "looked_up_by", lookup.lookedUpBy(), "records", lookup.records()))
                .toList()));
    }

    private static ResponseEntity<Map<String, Object>> invalidPid() {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid_request",
                "error_description", "pid: a fødselsnummer or d-nummer of 11 digits with valid check digits"));
    }

    private static Map<String, Object> json(AuditRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("issued_at", record.issuedAt().toString());
        json.put("token_kind", record.tokenKind());
        json.put("grant_type", record.grantType());
        json.put("client_id", record.clientId());
        json.put("audience", record.audience());
        json.put("scope", record.scopes());
        json.put("acting_pid", record.actingPid());
        json.put("represented_pid", record.representedPid());
        json.put("relation", record.relation());
        json.put("jti", record.jti());
        return json;
    }
}
