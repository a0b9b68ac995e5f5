package no.portvakt.pvk;

import java.net.URI;
import java.util.Set;
import java.util.UUID;

/**
 * A partner API that wants to hear of changes to some definitions: PVK POSTs each change to
 * {@code deliveryUrl} with a SystemToken for {@code resource} (a registered API of {@code partnerId}) carrying
 * {@code scope} (a scope of that API for storing privacy settings, granted to PVK's client).
 */
public record Subscription(String id, String partnerId, String resource, String scope, URI deliveryUrl,
                           Set<UUID> definitions) {

    public Subscription {
        definitions = Set.copyOf(definitions);
    }
}
