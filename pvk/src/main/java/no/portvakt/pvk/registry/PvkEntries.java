package no.portvakt.pvk.registry;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.InvalidEntry;
import no.portvakt.pvk.LocalisedText;
import no.portvakt.pvk.PiType;
import no.portvakt.pvk.Subscription;
import no.portvakt.registry.bootstrap.Entry;

/**
 * The fields of a definition and of a subscription, read the same way from the bootstrap file and from the admin
 * API's JSON, checked field by field ({@link PvkRegistry} then checks them against the client registry).
 */
public final class PvkEntries {

    public static final Set<String> DEFINITION_FIELDS = Set.of("guid", "part_kode", "type_pi", "name", "text",
            "default_active", "representative_may_change");
    public static final Set<String> SUBSCRIPTION_FIELDS = Set.of("id", "partner", "resource", "scope",
            "delivery_url", "definitions");
    private static final int MAX_NAME = 200;
    private static final int MAX_TEXT = 2000;

    private PvkEntries() {
    }

    public static Definition definition(Entry e) {
        e.allowOnly(DEFINITION_FIELDS);
        String type = e.requireText("type_pi");
        return new Definition(guid(e, "guid", e.requireText("guid")), e.requireText("part_kode"),
                PiType.of(type).orElseThrow(() -> e.error("type_pi",
                        "'" + type + "' is not samtykke, reservasjon or tilgangsbegrensning")),
                texts(e, "name", MAX_NAME), texts(e, "text", MAX_TEXT),
                e.flag("default_active", false), e.flag("representative_may_change", true));
    }

    public static Subscription subscription(Entry e) {
        e.allowOnly(SUBSCRIPTION_FIELDS);
        String id = e.requireText("id");
        if (!id.matches("[A-Za-z0-9._-]{3,100}")) {
            throw e.error("id", "must be 3 to 100 letters, digits, '.', '_' or '-'");
        }
        Set<UUID> definitions = new LinkedHashSet<>();
        for (String guid : e.texts("definitions")) {
            definitions.add(guid(e, "definitions", guid));
        }
        return new Subscription(id, e.requireText("partner"), e.requireText("resource"), e.requireText("scope"),
                e.uri("delivery_url", e.requireText("delivery_url")), definitions);
    }

    /** Runs {@code save}, naming the entry and the field when the registry refuses it. */
    public static <T> T checked(Entry e, java.util.function.Supplier<T> save) {
        try {
            return save.get();
        } catch (InvalidEntry invalid) {
            throw e.error(invalid.field(), invalid.getMessage());
        }
    }

    private static LocalisedText texts(Entry e, String field, int max) {
        Entry texts = e.child(field).allowOnly(Set.of("nb", "nn", "en"));
        String nb = texts.requireText("nb");
        String nn = texts.requireText("nn");
        String en = texts.requireText("en");
        for (String text : new String[] {nb, nn, en}) {
            if (text.length() > max || text.indexOf('\0') >= 0) {
                throw e.error(field, "each text is at most " + max + " characters, with no NUL");
            }
        }
        return new LocalisedText(nb, nn, en);
    }

    private static UUID guid(Entry e, String field, String value) {
        try {
            UUID guid = UUID.fromString(value);
            if (!guid.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException();
            }
            return guid;
        } catch (IllegalArgumentException notAGuid) {
            throw e.error(field, "'" + value + "' is not a GUID");
        }
    }
}
