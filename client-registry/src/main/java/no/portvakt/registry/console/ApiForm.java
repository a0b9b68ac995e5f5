package no.portvakt.registry.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.portvakt.registry.ApiScope;
import no.portvakt.registry.PartnerApi;
import no.portvakt.registry.RegistryViews;

/**
 * The console's API form as flat fields, and the bootstrap file's API fields it stands for. A scope is a row of
 * fields {@code scope-<i>-name}, {@code -description}, {@code -requires}, {@code -consent}, {@code -remove} and a
 * title and description per language ({@code scope-<i>-nb-title}, ...); a row with no name adds nothing, so the
 * form can always end with a blank row for a new scope. Grants are lines of {@code client_id: scope scope}.
 */
final class ApiForm {

    /**
     * The most scope rows one form takes, the blank one included: eleven fields a row stay under the server's
     * limit on form fields (200). A larger API is changed through the admin API; a larger form is refused.
     */
    static final int MAX_ROWS = 16;

    private ApiForm() {
    }

    /** An API as the form shows it. */
    static Map<String, String> of(PartnerApi api) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("resource", api.resource());
        form.put("name", api.name());
        form.put("token_ttl", api.tokenTtl().toSeconds() + "s");
        form.put("token_type", api.tokenType());
        int i = 0;
        for (ApiScope scope : api.scopes().values().stream()
                .sorted(java.util.Comparator.comparing(ApiScope::name)).toList()) {
            form.put(field(i, "name"), scope.name());
            form.put(field(i, "description"), scope.description());
            form.put(field(i, "requires"), scope.requires().value());
            if (scope.consent()) {
                form.put(field(i, "consent"), "yes");
            }
            for (String language : scope.texts().isEmpty() ? List.<String>of() : ApiScope.LANGUAGES) {
                for (Map.Entry<String, String> text : scope.text(language).fields().entrySet()) {
                    form.put(field(i, language + "-" + text.getKey()), text.getValue());
                }
            }
            i++;
        }
        StringBuilder grants = new StringBuilder();
        for (Object grant : (List<?>) RegistryViews.of(api).get("clients")) {
            Map<?, ?> g = (Map<?, ?>) grant;
            grants.append(g.get("client_id")).append(": ")
                    .append(String.join(" ", ((List<?>) g.get("scopes")).stream().map(String::valueOf).toList()))
                    .append('\n');
        }
        form.put("clients", grants.toString());
        return form;
    }

    /** How many scope rows the form has: those filled in, and one blank. */
    static int rows(Map<String, String> form) {
        int rows = 0;
        while (rows < MAX_ROWS && form.containsKey(field(rows, "name"))) {
            rows++;
        }
        return Math.min(rows + 1, MAX_ROWS);
    }

    /** The bootstrap file's API fields, for the registry's rules to check. */
    static Map<String, Object> entry(Map<String, String> form) {
        Map<String, Object> entry = new LinkedHashMap<>();
        putText(entry, "resource", form.get("resource"));
        putText(entry, "name", form.get("name"));
        putText(entry, "token_ttl", form.get("token_ttl"));
        putText(entry, "token_type", form.get("token_type"));
        List<Map<String, Object>> scopes = new ArrayList<>();
        for (int i = 0; form.containsKey(field(i, "name")); i++) {
            if (i >= MAX_ROWS) {
                throw new no.portvakt.registry.bootstrap.BootstrapException("request: more than " + (MAX_ROWS - 1)
                        + " scopes in one form: change this API through the admin API");
            }
            if (blank(form.get(field(i, "name"))) || form.containsKey(field(i, "remove"))) {
                continue;
            }
            scopes.add(scope(form, i));
        }
        entry.put("scopes", scopes);
        List<Map<String, Object>> clients = new ArrayList<>();
        String grants = form.getOrDefault("clients", "");
        for (String line : grants.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            int colon = line.indexOf(':');
            Map<String, Object> grant = new LinkedHashMap<>();
            grant.put("client_id", (colon < 0 ? line : line.substring(0, colon)).strip());
            String names = colon < 0 ? "" : line.substring(colon + 1).strip();
            grant.put("scopes", names.isEmpty() ? List.of() : List.of(names.split("\\s+")));
            clients.add(grant);
        }
        entry.put("clients", clients);
        return entry;
    }

    private static Map<String, Object> scope(Map<String, String> form, int i) {
        Map<String, Object> scope = new LinkedHashMap<>();
        putText(scope, "name", form.get(field(i, "name")));
        putText(scope, "description", form.get(field(i, "description")));
        putText(scope, "requires", form.get(field(i, "requires")));
        scope.put("consent", form.containsKey(field(i, "consent")));
        Map<String, Object> texts = new LinkedHashMap<>();
        for (String language : ApiScope.LANGUAGES) {
            Map<String, Object> text = new LinkedHashMap<>();
            for (String name : ApiScope.Text.FIELDS) {
                putText(text, name, form.get(field(i, language + "-" + name)));
            }
            if (!text.isEmpty()) {
                texts.put(language, text);
            }
        }
        // Texts are all or nothing: a half-filled set is handed on, so the rules name what is missing.
        if (!texts.isEmpty()) {
            ApiScope.LANGUAGES.forEach(language -> texts.putIfAbsent(language, Map.of()));
            scope.put("texts", texts);
        }
        return scope;
    }

    static String field(int row, String name) {
        return "scope-" + row + "-" + name;
    }

    private static void putText(Map<String, Object> map, String key, String value) {
        if (!blank(value)) {
            map.put(key, value.strip());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
