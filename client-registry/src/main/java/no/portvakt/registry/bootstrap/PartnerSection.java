package no.portvakt.registry.bootstrap;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import no.portvakt.registry.ApiScope;
import no.portvakt.registry.AuthMethod;
import no.portvakt.registry.Client;
import no.portvakt.registry.OrganisationNumber;
import no.portvakt.registry.Partner;
import no.portvakt.registry.PartnerApi;
import no.portvakt.registry.SecretHash;

/**
 * The {@code partners:} section of the bootstrap file: partners with their clients and APIs. Everything is
 * validated before anything is stored, so a bad file changes nothing.
 */
public final class PartnerSection {

    public static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token",
            "client_credentials", "urn:ietf:params:oauth:grant-type:token-exchange");
    /** ID-porten's limit: enough for a partner to rotate keys without downtime. */
    static final int MAX_CLIENT_KEYS = 5;
    /** The most redirect URIs (or post-logout ones) a client registers. */
    static final int MAX_URIS = 20;
    /** The most scopes a client registers. */
    static final int MAX_SCOPES = 50;
    /** The longest client name. */
    static final int MAX_NAME_LENGTH = 200;
    static final int MIN_RSA_BITS = 2048;
    private static final java.util.regex.Pattern BASE64URL = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,99}");
    private static final Set<String> PARTNER_FIELDS = Set.of("id", "name", "organisation_number", "contact",
            "agreement_signed_on", "clients", "apis");
    private static final Set<String> CONTACT_FIELDS = Set.of("name", "email");
    private static final Set<String> CLIENT_FIELDS = Set.of("client_id", "client_name", "auth_method", "secret",
            "secret_sha256", "jwks", "jwks_uri", "redirect_uris", "post_logout_redirect_uris", "grant_types",
            "scopes", "require_par", "introspection", "require_dpop", "access_token_ttl", "refresh_token_ttl",
            "initiate_login_uri", "target_link_uri", "logout", "backchannel_logout_uri");
    private static final Set<String> API_FIELDS = Set.of("resource", "name", "token_ttl", "token_type", "scopes",
            "clients");
    private static final Set<String> SCOPE_FIELDS = Set.of("name", "description", "requires", "consent", "texts");
    private static final Set<String> TEXT_FIELDS = Set.copyOf(ApiScope.Text.FIELDS);
    private static final Set<String> GRANT_FIELDS = Set.of("client_id", "scopes");

    private final List<Partner> partners = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();
    private final List<PartnerApi> apis = new ArrayList<>();

    private PartnerSection() {
    }

    public static PartnerSection parse(Entry root) {
        PartnerSection section = new PartnerSection();
        Set<String> partnerIds = new HashSet<>();
        Set<String> clientIds = new HashSet<>();
        Set<String> resources = new HashSet<>();
        List<Map.Entry<String, Entry>> apiEntries = new ArrayList<>();
        for (Entry p : root.entries("partners")) {
            p.allowOnly(PARTNER_FIELDS);
            String id = identifier(p, "id");
            if (!partnerIds.add(id)) {
                throw p.error("id", "partner '" + id + "' is declared twice");
            }
            section.partners.add(partner(p, id));
            for (Entry c : p.entries("clients")) {
                Client client = client(c.allowOnly(CLIENT_FIELDS), id, true);
                if (!clientIds.add(client.clientId())) {
                    throw c.error("client_id", "client '" + client.clientId() + "' is declared twice");
                }
                section.clients.add(client);
            }
            apiEntries.addAll(p.entries("apis").stream().map(a -> Map.entry(id, a)).toList());
        }
        // APIs last: their grants name clients of any partner in the file.
        for (Map.Entry<String, Entry> partnerAndApi : apiEntries) {
            Entry a = partnerAndApi.getValue();
            PartnerApi api = api(a, partnerAndApi.getKey(), clientIds::contains);
            if (!resources.add(api.resource())) {
                throw a.error("resource", "API '" + api.resource() + "' is declared twice");
            }
            section.apis.add(api);
        }
        return section;
    }

    /** Stores the section; every partner and client it adds or changes is in the change trail as {@code actor}. */
    public List<Partner> partners() {
        return List.copyOf(partners);
    }

    public List<Client> clients() {
        return List.copyOf(clients);
    }

    public List<PartnerApi> apis() {
        return List.copyOf(apis);
    }

    /** One partner entry without its clients and APIs (the console's and the admin API's new partner). */
    public static Partner partner(Entry p) {
        p.allowOnly(Set.of("id", "name", "organisation_number", "contact", "agreement_signed_on"));
        return partner(p, identifier(p, "id"));
    }

    /** A partner's organisation number is checked (mod 11); its agreement date says Portvakt may trust it. */
    private static Partner partner(Entry p, String id) {
        String number = p.optionalText("organisation_number").orElse(null);
        if (number != null && !OrganisationNumber.isValid(number)) {
            throw p.error("organisation_number", "'" + number + "' is not a valid organisation number (9 digits, "
                    + "mod-11 check digit)");
        }
        Entry contact = p.child("contact").allowOnly(CONTACT_FIELDS);
        String email = contact.optionalText("email").orElse(null);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw contact.error("email", "'" + email + "' is not an e-mail address");
        }
        return new Partner(id, p.requireText("name"), number, contact.optionalText("name").orElse(null), email,
                p.optionalDate("agreement_signed_on").orElse(null), null, null);
    }

    private static String identifier(Entry e, String field) {
        String value = e.requireText(field);
        if (!ID.matcher(value).matches()) {
            throw e.error(field, "'" + value + "' must be 3 to 100 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    /**
     * One client entry, checked field by field as the bootstrap file's are (dynamic client registration reads its
     * metadata through the same rules). A bootstrap client is {@code approved}; a registered one waits.
     */
    public static Client client(Entry c, String partnerId, boolean approved) {
        String clientId = identifier(c, "client_id");
        String methodName = c.requireText("auth_method");
        AuthMethod method = AuthMethod.of(methodName).orElseThrow(() -> c.error("auth_method",
                "'" + methodName + "' is not one of none, client_secret_basic, client_secret_post, private_key_jwt"));

        Set<String> grants = new LinkedHashSet<>(c.texts("grant_types"));
        if (grants.isEmpty()) {
            throw c.error("grant_types", "is required");
        }
        for (String grant : grants) {
            if (!GRANT_TYPES.contains(grant)) {
                throw c.error("grant_types", "'" + grant + "' is not a supported grant type");
            }
        }
        if (method == AuthMethod.NONE && (grants.contains("client_credentials")
                || grants.contains("urn:ietf:params:oauth:grant-type:token-exchange"))) {
            throw c.error("grant_types", "a public client (auth_method none) cannot use " + grants);
        }

        List<String> redirectUris = c.texts("redirect_uris");
        atMost(c, "redirect_uris", redirectUris.size(), MAX_URIS);
        redirectUris.forEach(uri -> c.uri("redirect_uris", uri));
        if (grants.contains("authorization_code") && redirectUris.isEmpty()) {
            throw c.error("redirect_uris", "is required for the authorization_code grant");
        }
        List<String> logoutUris = c.texts("post_logout_redirect_uris");
        atMost(c, "post_logout_redirect_uris", logoutUris.size(), MAX_URIS);
        logoutUris.forEach(uri -> c.uri("post_logout_redirect_uris", uri));

        String secretSha256 = secret(c, method);
        String jwks = c.optionalText("jwks").map(text -> jwks(c, text)).orElse(null);
        String jwksUri = c.optionalText("jwks_uri").map(uri -> c.uri("jwks_uri", uri).toString()).orElse(null);
        if (method == AuthMethod.PRIVATE_KEY_JWT && (jwks == null) == (jwksUri == null)) {
            throw c.error("jwks", "private_key_jwt needs exactly one of jwks and jwks_uri");
        }
        if (method != AuthMethod.PRIVATE_KEY_JWT && (jwks != null || jwksUri != null)) {
            throw c.error("jwks", "keys are only used with auth_method private_key_jwt");
        }

        Client.Service service = service(c, redirectUris);
        Client.Logout logout = logout(c);

        // RFC 9126 §6: the client's own registration; a public client pushes unless registered otherwise, so
        // that its request (with the PKCE challenge) never travels through the browser.
        boolean requirePar = c.flag("require_par", method == AuthMethod.NONE);
        Duration accessTtl = c.duration("access_token_ttl", Client.DEFAULT_ACCESS_TOKEN_TTL);
        Duration refreshTtl = c.duration("refresh_token_ttl", Client.DEFAULT_REFRESH_TOKEN_TTL);
        String name = c.optionalText("client_name").orElse(clientId);
        if (name.length() > MAX_NAME_LENGTH) {
            throw c.error("client_name", "at most " + MAX_NAME_LENGTH + " characters");
        }
        atMost(c, "scopes", c.texts("scopes").size(), MAX_SCOPES);
        return new Client(clientId, partnerId, name, method,
                secretSha256, null, jwks, jwksUri, redirectUris, logoutUris, grants,
                new LinkedHashSet<>(c.texts("scopes")), requirePar, c.flag("introspection", false),
                c.flag("require_dpop", false), accessTtl, refreshTtl, service, logout, approved, true, null);
    }

    /** OIDC Core §4: both URIs or neither; the login starts at the partner, which must take code flow logins. */
    private static Client.Service service(Entry c, List<String> redirectUris) {
        var initiate = c.optionalText("initiate_login_uri");
        var target = c.optionalText("target_link_uri");
        if (initiate.isPresent() != target.isPresent()) {
            throw c.error("initiate_login_uri", "a partner service needs both initiate_login_uri and target_link_uri");
        }
        if (initiate.isEmpty()) {
            return null;
        }
        if (redirectUris.isEmpty()) {
            throw c.error("initiate_login_uri", "a partner service needs redirect_uris for its code flow");
        }
        return new Client.Service(c.uri("initiate_login_uri", initiate.get()).toString(),
                c.uri("target_link_uri", target.get()).toString());
    }

    private static Client.Logout logout(Entry c) {
        String kind = c.optionalText("logout").orElse("independent");
        if (!Set.of("independent", "shared").contains(kind)) {
            throw c.error("logout", "'" + kind + "' is not one of independent, shared");
        }
        var backchannel = c.optionalText("backchannel_logout_uri").map(uri -> c.uri("backchannel_logout_uri", uri)
                .toString());
        if (backchannel.isPresent() && "independent".equals(kind)) {
            throw c.error("backchannel_logout_uri", "only a client with logout: shared hears of the session's logout");
        }
        return new Client.Logout("shared".equals(kind), backchannel.orElse(null));
    }

    private static String secret(Entry c, AuthMethod method) {
        var clear = c.optionalText("secret");
        var hashed = c.optionalText("secret_sha256");
        if (!method.usesSecret()) {
            if (clear.isPresent() || hashed.isPresent()) {
                throw c.error("secret", "a secret is only used with client_secret_basic or client_secret_post");
            }
            return null;
        }
        if (clear.isPresent() == hashed.isPresent()) {
            throw c.error("secret", "give exactly one of secret and secret_sha256");
        }
        if (clear.isPresent()) {
            if (clear.get().length() < SecretHash.MIN_SECRET_LENGTH) {
                throw c.error("secret", "must be a generated secret of at least " + SecretHash.MIN_SECRET_LENGTH
                        + " characters");
            }
            return SecretHash.sha256Hex(clear.get());
        }
        if (!hashed.get().matches("[0-9a-f]{64}")) {
            throw c.error("secret_sha256", "must be 64 lower-case hex digits");
        }
        return hashed.get();
    }

    /** A client's JWK set: 1 to 5 public keys, each with a kid (ID-porten's rules); the set as stored. */
    private static void atMost(Entry c, String field, int count, int most) {
        if (count > most) {
            throw c.error(field, "at most " + most + " entries");
        }
    }

    public static String jwks(Entry c, String text) {
        JWKSet set;
        try {
            set = JWKSet.parse(text);
        } catch (ParseException e) {
            throw c.error("jwks", "is not a JWK set: " + e.getMessage());
        }
        if (set.getKeys().isEmpty() || set.getKeys().size() > MAX_CLIENT_KEYS) {
            throw c.error("jwks", "must hold 1 to " + MAX_CLIENT_KEYS + " keys");
        }
        for (JWK key : set.getKeys()) {
            if (key.getKeyID() == null) {
                throw c.error("jwks", "every key needs a kid");
            }
            if (key.isPrivate()) {
                throw c.error("jwks", "key '" + key.getKeyID() + "' holds a private part: publish public keys only");
            }
            // The JWK parser reads Base64url leniently (it skips what is not Base64url): the members are checked
            // as written, so that a key is what its JSON says (RFC 7518 §6).
            for (String member : List.of("n", "e", "x", "y")) {
                if (key.toJSONObject().get(member) instanceof String value && !BASE64URL.matcher(value).matches()) {
                    throw c.error("jwks", "key '" + key.getKeyID() + "': " + member + " is not base64url");
                }
            }
            if (key instanceof com.nimbusds.jose.jwk.RSAKey rsa && rsa.size() < MIN_RSA_BITS) {
                throw c.error("jwks", "key '" + key.getKeyID() + "' is shorter than " + MIN_RSA_BITS + " bits");
            }
        }
        return set.toString(true);
    }

    /**
     * An API of {@code partnerId} from its fields (docs/bootstrap.md, {@code apis}); its grants may name only
     * clients that {@code knownClient} knows.
     *
     * @throws BootstrapException naming the field the rules refuse
     */
    public static PartnerApi api(Entry a, String partnerId, java.util.function.Predicate<String> knownClient) {
        a.allowOnly(API_FIELDS);
        String resource = a.uri("resource", a.requireText("resource")).toString();
        Map<String, ApiScope> scopes = new LinkedHashMap<>();
        for (Entry s : a.entries("scopes")) {
            s.allowOnly(SCOPE_FIELDS);
            String name = s.requireText("name");
            String requiresName = s.optionalText("requires").orElse("system");
            ApiScope.Requires requires = ApiScope.Requires.of(requiresName).orElseThrow(() -> s.error("requires",
                    "'" + requiresName + "' is not one of system, citizen, login"));
            boolean consent = s.flag("consent", false);
            Map<String, ApiScope.Text> texts = scopeTexts(s, consent);
            if (scopes.put(name, new ApiScope(name, s.requireText("description"), requires, consent, texts)) != null) {
                throw s.error("name", "scope '" + name + "' is declared twice");
            }
        }
        Map<String, Set<String>> grants = new LinkedHashMap<>();
        for (Entry g : a.entries("clients")) {
            g.allowOnly(GRANT_FIELDS);
            String clientId = g.requireText("client_id");
            if (!knownClient.test(clientId)) {
                throw g.error("client_id", "client '" + clientId + "' is not registered");
            }
            Set<String> granted = new LinkedHashSet<>(g.texts("scopes"));
            for (String scope : granted) {
                if (!scopes.containsKey(scope)) {
                    throw g.error("scopes", "'" + scope + "' is not a scope of this API");
                }
            }
            if (grants.put(clientId, granted) != null) {
                throw g.error("client_id", "client '" + clientId + "' is listed twice");
            }
        }
        String tokenType = a.optionalText("token_type").orElse(PartnerApi.AT_JWT);
        if (!PartnerApi.TOKEN_TYPES.contains(tokenType)) {
            throw a.error("token_type", "must be at+jwt (RFC 9068) or JWT");
        }
        return new PartnerApi(resource, partnerId, a.requireText("name"),
                a.duration("token_ttl", PartnerApi.DEFAULT_TOKEN_TTL), tokenType, scopes, grants);
    }

    /**
     * What the consent page says of a scope: a title and a description in each language, as they read to the citizen
     * and as they read to one acting for them (naming {@value ApiScope.Text#NAME}); required with consent.
     */
    private static Map<String, ApiScope.Text> scopeTexts(Entry s, boolean consent) {
        Map<String, ApiScope.Text> texts = new LinkedHashMap<>();
        if (!s.has("texts")) {
            if (consent) {
                throw s.error("texts", "a scope that needs consent needs texts in " + ApiScope.LANGUAGES);
            }
            return texts;
        }
        Entry all = s.child("texts").allowOnly(Set.copyOf(ApiScope.LANGUAGES));
        for (String language : ApiScope.LANGUAGES) {
            Entry text = all.child(language).allowOnly(TEXT_FIELDS);
            texts.put(language, ApiScope.Text.of(field -> forOther(text, field)));
        }
        return texts;
    }

    /** A text field; those for one acting for another must name the person represented. */
    private static String forOther(Entry text, String field) {
        String value = text.requireText(field);
        if (field.endsWith("_for_other") && !value.contains(ApiScope.Text.NAME)) {
            throw text.error(field, "must name the person represented as " + ApiScope.Text.NAME);
        }
        return value;
    }
}
