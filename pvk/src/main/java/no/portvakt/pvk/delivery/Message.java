package no.portvakt.pvk.delivery;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import no.portvakt.pvk.PiType;

/**
 * One replication message taken from the outbox for delivery: a change of one citizen's setting, for one
 * subscriber. {@code attempt} is this attempt's number (it fences the outcome: only the holder of the latest
 * attempt may record it). {@code sequence} is the setting's version: per citizen, definition and subscriber, a
 * higher one is always the later change.
 */
public record Message(long id, int attempt, UUID messageId, String subscriptionId,
                      String resource, String scope, URI deliveryUrl, String pid, UUID definitionGuid,
                      String definitionName, String partnerId, PiType type, boolean active, Instant changedAt,
                      long sequence) {

    /**
     * The body partners receive (docs/pvk.md, "The message"): the fields of the subscriber operation, then the
     * change's time, the message id and the sequence number.
     */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("innbyggerFnr", pid);
        body.put("definisjonGuid", definitionGuid.toString());
        body.put("definisjonNavn", definitionName);
        body.put("partKode", partnerId);
        body.put("typePi", type.value());
        body.put("status", active);
        body.put("endretTidspunkt", changedAt.toString());
        body.put("meldingId", messageId.toString());
        body.put("sekvensnummer", sequence);
        return body;
    }
}
