package no.demohelse.video;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Demo Helse's journals, kept in memory, and whose journal a token opens: that comes from the token only, never
 * from the request. A SystemToken for a citizen names them in {@code authorization_details} (situations 3 and 4);
 * a citizen-bound token names the person the citizen acts for in {@code representation.represented.pid}
 * (situation 1). The REST API and the SOAP service share them.
 */
@Component
class Journals {

    static final String READ = "demo-helse:journal.read";
    static final String WRITE = "demo-helse:journal.write";

    private final Map<String, List<Map<String, Object>>> entries = new ConcurrentHashMap<>();

    List<Map<String, Object>> of(String pid) {
        return List.copyOf(entries.getOrDefault(pid, List.of()));
    }

    void add(String pid, String text, Jwt storedBy) {
        entries.computeIfAbsent(pid, p -> new CopyOnWriteArrayList<>()).add(Map.of("text", text,
                "stored_by", String.valueOf(storedBy.getClaimAsString("client_id"))));
    }

    /** The citizen whose journal the token is for, or null for a token that names none. */
    static String whose(Jwt token) {
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
