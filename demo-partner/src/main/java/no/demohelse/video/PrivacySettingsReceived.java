package no.demohelse.video;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The privacy settings Demo Helse has received from the portal's PVK, kept in memory: one per citizen and
 * definition, the latest by sequence number. Delivery is at least once, so the same message may come twice
 * (same {@code meldingId}), and a retried old one may come after a newer one was stored (lower
 * {@code sekvensnummer}): both are acknowledged and dropped, which makes storing idempotent.
 */
@org.springframework.stereotype.Component
class PrivacySettingsReceived {

    /** What Demo Helse holds for one citizen and definition. */
    record Held(String innbyggerFnr, String definisjonGuid, String definisjonNavn, String typePi, boolean status,
                long sekvensnummer, String endretTidspunkt) {
    }

    private final Map<String, Held> held = new HashMap<>();

    /** Stores {@code message} unless it is a duplicate or older than what is held; true if it was stored. */
    synchronized boolean store(Held message) {
        String key = message.innbyggerFnr() + "/" + message.definisjonGuid();
        Held current = held.get(key);
        if (current != null && current.sekvensnummer() >= message.sekvensnummer()) {
            return false;
        }
        held.put(key, message);
        return true;
    }

    synchronized List<Held> all() {
        return held.values().stream().sorted(Comparator.comparing(Held::endretTidspunkt).reversed()).toList();
    }
}
