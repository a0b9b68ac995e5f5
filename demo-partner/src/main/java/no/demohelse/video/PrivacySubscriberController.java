package no.demohelse.video;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Demo Helse as a PVK subscriber: the portal POSTs every change of a subscribed privacy setting to
 * {@code /pvk-api/personverninnstillinger} with a SystemToken for Demo Helse's PVK API that carries
 * {@code demo-helse:pvk.store} (checked by {@link PartnerSecurity}). Any 2xx is the receipt; a message that is
 * not valid gets 400, which the portal treats as final. {@code /personvern} shows what has arrived.
 */
@Controller
class PrivacySubscriberController {

    static final String STORE = "demo-helse:pvk.store";

    private final PrivacySettingsReceived received;

    PrivacySubscriberController(PrivacySettingsReceived received) {
        this.received = received;
    }

    @PostMapping("/pvk-api/personverninnstillinger")
    @ResponseBody
    ResponseEntity<Map<String, Object>> receive(@RequestBody Map<String, Object> message) {
        if (!(message.get("innbyggerFnr") instanceof String pid) || !pid.matches("\\d{11}")
                || !(message.get("definisjonGuid") instanceof String guid)
                || !(message.get("status") instanceof Boolean status)
                || !(message.get("sekvensnummer") instanceof Number sequence)) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid_request"));
        }
        boolean stored = received.store(new PrivacySettingsReceived.Held(pid, guid,
                String.valueOf(message.get("definisjonNavn")), String.valueOf(message.get("typePi")), status,
                sequence.longValue(), String.valueOf(message.get("endretTidspunkt"))));
        return ResponseEntity.ok(Map.of("stored", stored));
    }

    @GetMapping("/personvern")
    String page(Model model) {
        model.addAttribute("settings", received.all());
        return "privacy";
    }
}
