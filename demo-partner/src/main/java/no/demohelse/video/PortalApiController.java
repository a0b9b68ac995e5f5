package no.demohelse.video;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for one of the portal's own APIs: it trusts Portvakt's token and answers for the person the token
 * says the citizen acts for ({@code representation.represented}), which is all it needs to decide whose data.
 */
@RestController
class PortalApiController {

    static final String SCOPE = "portal:appointments.read";

    @GetMapping("/portal-api/appointments")
    Map<String, Object> appointments(@AuthenticationPrincipal Jwt token) {
        Map<String, Object> representation = token.getClaimAsMap("representation");
        @SuppressWarnings("unchecked")
        Map<String, Object> represented = representation == null ? Map.of()
                : (Map<String, Object>) representation.getOrDefault("represented", Map.of());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("for", represented.getOrDefault("name", represented.getOrDefault("sub", token.getSubject())));
        answer.put("relation", representation == null ? "self" : representation.get("relation"));
        answer.put("appointments", List.of(
                Map.of("when", "2027-01-12T09:30", "with", "Fastlege Demo", "where", "Demo legesenter"),
                Map.of("when", "2027-02-03T14:00", "with", "Helsestasjon", "where", "Video")));
        return answer;
    }
}
