package no.portvakt.pvk.bootstrap;

import java.util.ArrayList;
import java.util.List;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.Subscription;
import no.portvakt.pvk.registry.PvkEntries;
import no.portvakt.pvk.registry.PvkRegistry;
import no.portvakt.registry.bootstrap.Entry;

/**
 * The bootstrap file's {@code pvk:} section: definitions and subscriptions. Each field is checked when the file is
 * read; the checks against the client registry run when it is applied, after the partners, in the same
 * transaction, so a subscription may name an API declared in the same file.
 */
public final class PvkSection {

    private record Declared<T>(Entry entry, T value) {
    }

    private final List<Declared<Definition>> definitions = new ArrayList<>();
    private final List<Declared<Subscription>> subscriptions = new ArrayList<>();

    private PvkSection() {
    }

    public static PvkSection parse(Entry root) {
        PvkSection section = new PvkSection();
        Entry pvk = root.child("pvk").allowOnly(java.util.Set.of("definitions", "subscriptions"));
        for (Entry d : pvk.entries("definitions")) {
            section.definitions.add(new Declared<>(d, PvkEntries.definition(d)));
        }
        for (Entry s : pvk.entries("subscriptions")) {
            section.subscriptions.add(new Declared<>(s, PvkEntries.subscription(s)));
        }
        return section;
    }

    public void applyTo(PvkRegistry registry) {
        definitions.forEach(d -> PvkEntries.checked(d.entry(), () -> registry.saveDefinition("bootstrap", d.value())));
        subscriptions.forEach(s -> PvkEntries.checked(s.entry(), () -> registry.saveSubscription("bootstrap", s.value())));
    }
}
