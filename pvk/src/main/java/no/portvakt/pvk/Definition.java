package no.portvakt.pvk;

import java.util.UUID;

/**
 * One question a partner asks citizens (a "personverninnstilling"): {@code partnerId} is the owner (its
 * {@code partKode}), {@code text} what the citizen's page says of it in plain language. A citizen who never
 * changed it has {@code defaultActive}. {@code representativeMayChange}: whether anyone acting for the citizen
 * may change it at all (the rules may still refuse).
 */
public record Definition(UUID guid, String partnerId, PiType type, LocalisedText name, LocalisedText text,
                         boolean defaultActive, boolean representativeMayChange) {
}
