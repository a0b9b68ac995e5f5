package no.portvakt.registry.bootstrap;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of the bootstrap file, with typed accessors that fail with a message naming the file, the entry's
 * path ({@code partners[0].clients[1]}) and the field. Unknown fields are refused, so a typo is not ignored.
 */
public final class Entry {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(s|m|h|d)");

    private final String file;
    private final String path;
    private final Map<?, ?> values;

    /** An entry read from elsewhere than a file (a registration request): {@code file} names the source. */
    public static Entry of(String file, String path, Map<?, ?> values) {
        return new Entry(file, path, values);
    }

    Entry(String file, String path, Map<?, ?> values) {
        this.file = file;
        this.path = path;
        this.values = values;
    }

    public String path() {
        return path;
    }

    public BootstrapException error(String field, String problem) {
        return new BootstrapException(file + ": " + path + ": field '" + field + "': " + problem, field, problem);
    }

    /** Refuses any field not in {@code known}. */
    public Entry allowOnly(Set<String> known) {
        for (Object key : values.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw error(String.valueOf(key), "unknown field (known: " + String.join(", ", known) + ")");
            }
        }
        return this;
    }

    public String requireText(String field) {
        return optionalText(field).orElseThrow(() -> error(field, "is required"));
    }

    public Optional<String> optionalText(String field) {
        Object value = values.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            throw error(field, "must be a single value");
        }
        String text = String.valueOf(value).trim();
        if (text.isEmpty()) {
            throw error(field, "must not be empty");
        }
        return Optional.of(text);
    }

    public boolean flag(String field, boolean defaultValue) {
        Object value = values.get(field);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw error(field, "must be true or false");
    }

    public List<String> texts(String field) {
        Object value = values.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw error(field, "must be a list");
        }
        List<String> texts = new ArrayList<>();
        for (Object item : list) {
            if (item == null || item instanceof Map || item instanceof List || String.valueOf(item).isBlank()) {
                throw error(field, "must be a list of text values");
            }
            texts.add(String.valueOf(item).trim());
        }
        if (new LinkedHashSet<>(texts).size() != texts.size()) {
            throw error(field, "has duplicate values");
        }
        return texts;
    }

    /** A date written YYYY-MM-DD (YAML reads an unquoted one as a timestamp at midnight UTC), or empty. */
    public Optional<java.time.LocalDate> optionalDate(String field) {
        if (values.get(field) instanceof java.util.Date timestamp) {
            return Optional.of(timestamp.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate());
        }
        return optionalText(field).map(text -> {
            try {
                return java.time.LocalDate.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                throw error(field, "'" + text + "' is not a date (YYYY-MM-DD)");
            }
        });
    }

    /** A duration such as {@code 300s}, {@code 30m}, {@code 8h} or {@code 1d}. */
    public Duration duration(String field, Duration defaultValue) {
        Optional<String> text = optionalText(field);
        if (text.isEmpty()) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(text.get());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw error(field, "must be a positive duration such as 300s, 30m, 8h or 1d, not '" + text.get() + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The longest URI a field takes. */
    static final int MAX_URI_LENGTH = 2000;

    /** An absolute URI: https, or http only on loopback; never with a user name, never with a fragment. */
    public URI uri(String field, String value) {
        if (value.length() > MAX_URI_LENGTH) {
            throw error(field, "a URI of more than " + MAX_URI_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw error(field, "'" + value + "' is not a URI");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw error(field, "'" + value + "' is not an absolute URI");
        }
        if (uri.getRawFragment() != null) {
            throw error(field, "'" + value + "' must not have a fragment");
        }
        if (uri.getRawUserInfo() != null) {
            // https://a@evil.example/ reads as a.example's to some, and is evil.example's to every browser.
            throw error(field, "'" + value + "' must not carry a user name or password");
        }
        boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost())
                || "[::1]".equals(uri.getHost());
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
            throw error(field, "'" + value + "' must use https (http only on loopback)");
        }
        return uri;
    }

    /** The list under {@code field}, each item as an entry of its own. */
    public List<Entry> entries(String field) {
        Object value = values.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw error(field, "must be a list");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String itemPath = (path.isEmpty() ? "" : path + ".") + field + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw new BootstrapException(file + ": " + itemPath + ": must be a mapping of fields");
            }
            entries.add(new Entry(file, itemPath, map));
        }
        return entries;
    }

    public boolean has(String field) {
        return values.get(field) != null;
    }

    /** The mapping under {@code field} as an entry, or an empty entry. */
    public Entry child(String field) {
        Object value = values.get(field);
        String childPath = (path.isEmpty() ? "" : path + ".") + field;
        if (value == null) {
            return new Entry(file, childPath, Map.of());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw error(field, "must be a mapping of fields");
        }
        return new Entry(file, childPath, map);
    }
}
