package no.portvakt.registry.store;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import no.portvakt.registry.ApiScope;

/** A scope's texts as stored in {@code api_scope.texts}: {@code {"nb": {"title": "..", "description": "..", "title_for_other": "..", ..}}}. */
final class ScopeTexts {

    private ScopeTexts() {
    }

    static String toJson(Map<String, ApiScope.Text> texts) {
        Map<String, Object> json = new LinkedHashMap<>();
        texts.forEach((language, text) -> json.put(language, text.fields()));
        return JSONObjectUtils.toJSONString(json);
    }

    static Map<String, ApiScope.Text> fromJson(String json) {
        try {
            Map<String, ApiScope.Text> texts = new LinkedHashMap<>();
            for (Map.Entry<String, Object> language : JSONObjectUtils.parse(json).entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> text = (Map<String, Object>) language.getValue();
                texts.put(language.getKey(), ApiScope.Text.of(field -> (String) text.get(field)));
            }
            return texts;
        } catch (ParseException e) {
            throw new IllegalStateException("api_scope.texts is not JSON", e);
        }
    }
}
