package no.portvakt.pvk.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.LocalisedText;
import no.portvakt.pvk.Subscription;

/** Definitions and subscriptions as the admin API and the change trail show them: the bootstrap file's fields. */
public final class PvkViews {

    private PvkViews() {
    }

    public static Map<String, Object> of(Definition d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("guid", d.guid().toString());
        view.put("part_kode", d.partnerId());
        view.put("type_pi", d.type().value());
        view.put("name", texts(d.name()));
        view.put("text", texts(d.text()));
        view.put("default_active", d.defaultActive());
        view.put("representative_may_change", d.representativeMayChange());
        return view;
    }

    public static Map<String, Object> of(Subscription s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", s.id());
        view.put("partner", s.partnerId());
        view.put("resource", s.resource());
        view.put("scope", s.scope());
        view.put("delivery_url", s.deliveryUrl().toString());
        view.put("definitions", s.definitions().stream().map(Object::toString).sorted().toList());
        return view;
    }

    private static Map<String, String> texts(LocalisedText text) {
        return Map.of("nb", text.nb(), "nn", text.nn(), "en", text.en());
    }
}
