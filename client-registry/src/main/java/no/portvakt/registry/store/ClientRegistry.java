package no.portvakt.registry.store;

import no.portvakt.registry.PartnerApi;
import no.portvakt.registry.Partner;
import no.portvakt.registry.Client;
import no.portvakt.registry.AuthMethod;
import no.portvakt.registry.ApiScope;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** PostgreSQL storage of partners, clients and APIs. */
@Repository
public class ClientRegistry {

    private final JdbcClient jdbc;

    public ClientRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A client, and whether its partner is trusted, in one query. */
    private static final String SELECT_CLIENTS = """
            select c.*, (p.agreement_signed_on is not null and p.suspended_at is null) as partner_trusted
            from client c join partner p on p.id = c.partner_id
            """;

    public Optional<Client> findClient(String clientId) {
        return jdbc.sql(SELECT_CLIENTS + "where c.client_id = ?").param(clientId).query(ClientRegistry::mapClient)
                .optional();
    }

    public List<Client> clientsOf(String partnerId) {
        return jdbc.sql(SELECT_CLIENTS + "where c.partner_id = ? order by c.client_id").param(partnerId)
                .query(ClientRegistry::mapClient).list();
    }

    /** Clients an administrator has not approved yet (registered through DCR), oldest first. */
    public List<Client> pendingClients() {
        return jdbc.sql(SELECT_CLIENTS + "where c.approved_at is null order by c.created_at")
                .query(ClientRegistry::mapClient).list();
    }

    public Optional<Partner> findPartner(String id) {
        return jdbc.sql("select * from partner where id = ?").param(id).query(ClientRegistry::mapPartner).optional();
    }

    public List<Partner> partners() {
        return jdbc.sql("select * from partner order by name").query(ClientRegistry::mapPartner).list();
    }

    /** Partners, clients and APIs whose id, name or organisation number contains {@code text}. */
    public List<Partner> searchPartners(String text) {
        String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                select distinct p.* from partner p left join client c on c.partner_id = p.id
                where p.id ilike :q or p.name ilike :q or p.organisation_number like :q
                   or c.client_id ilike :q or c.client_name ilike :q
                order by p.name
                """).param("q", like).query(ClientRegistry::mapPartner).list();
    }

    /** Suspends the partner (its clients get invalid_client, its tokens introspect inactive); true if it exists. */
    @Transactional
    boolean suspend(String partnerId, String reason) {
        return changed(jdbc.sql("update partner set suspended_at = now(), suspended_reason = ?, updated_at = now() "
                + "where id = ? and suspended_at is null").params(reason, partnerId).update());
    }

    @Transactional
    boolean lift(String partnerId) {
        return changed(jdbc.sql("update partner set suspended_at = null, suspended_reason = null, updated_at = now() "
                + "where id = ? and suspended_at is not null").param(partnerId).update());
    }

    /** Approves a pending client; true if it was pending. */
    @Transactional
    boolean approve(String clientId) {
        return changed(jdbc.sql("update client set approved_at = now(), updated_at = now() "
                + "where client_id = ? and approved_at is null").param(clientId).update());
    }

    /**
     * Stores a client registered through DCR (RFC 7591): pending until approved, with its secret's expiry and its
     * registration access token's hash (RFC 7592). On an update (RFC 7592 §2.2) both stay unless given.
     */
    @Transactional
    void saveRegistration(Client c, Instant secretExpiresAt, String registrationTokenSha256) {
        saveClient(c, "dcr");
        jdbc.sql("""
                update client set secret_expires_at = coalesce(?, secret_expires_at),
                    registration_token_sha256 = coalesce(?, registration_token_sha256)
                where client_id = ?
                """).params(secretExpiresAt == null ? null : Timestamp.from(secretExpiresAt), registrationTokenSha256,
                c.clientId()).update();
    }

    /** The client a registration access token (its SHA-256) was issued for. */
    public Optional<Client> findByRegistrationToken(String clientId, String tokenSha256) {
        return jdbc.sql(SELECT_CLIENTS + "where c.client_id = ? and c.registration_token_sha256 = ?")
                .params(clientId, tokenSha256).query(ClientRegistry::mapClient).optional();
    }

    /** Deletes a client and everything issued to it (RFC 7592 §2.3). */
    @Transactional
    boolean deleteClient(String clientId) {
        jdbc.sql("delete from oauth2_authorization where registered_client_id = ?").param(clientId).update();
        return changed(jdbc.sql("delete from client where client_id = ?").param(clientId).update());
    }

    /** A new secret (its SHA-256) with its expiry: the old one stops working at once. */
    @Transactional
    boolean replaceSecret(String clientId, String secretSha256, Instant expiresAt) {
        return changed(jdbc.sql("update client set secret_sha256 = ?, secret_expires_at = ?, updated_at = now() "
                + "where client_id = ? and secret_sha256 is not null")
                .params(secretSha256, Timestamp.from(expiresAt), clientId).update());
    }

    /** A new JWK set for a private_key_jwt client with inline keys. */
    @Transactional
    boolean replaceJwks(String clientId, String jwks) {
        return changed(jdbc.sql("update client set jwks = ?, updated_at = now() "
                + "where client_id = ? and auth_method = 'private_key_jwt' and jwks_uri is null")
                .params(jwks, clientId).update());
    }

    /** The API scopes a relying party may ask a citizen for: those registered as needing consent. */
    public Set<String> consentScopes() {
        return new LinkedHashSet<>(jdbc.sql("select scope from api_scope where consent order by scope")
                .query(String.class).list());
    }

    /** The registry's generation: it moves with every change, so every instance knows when to drop its caches. */
    public long generation() {
        return jdbc.sql("select generation from registry_generation").query(Long.class).single();
    }

    private boolean changed(int rows) {
        if (rows > 0) {
            jdbc.sql("update registry_generation set generation = generation + 1").update();
        }
        return rows > 0;
    }

    /** The partner services the portal links to (clients with an initiate_login_uri), by name. */
    public List<Client> services() {
        return jdbc.sql(SELECT_CLIENTS + "where c.initiate_login_uri is not null and c.approved_at is not null "
                + "and p.agreement_signed_on is not null and p.suspended_at is null order by c.client_name")
                .query(ClientRegistry::mapClient).list();
    }

    /** Adds a partner; false if the id is taken (nothing is changed then). */
    @Transactional
    boolean addPartner(Partner partner) {
        if (findPartner(partner.id()).isPresent()) {
            return false;
        }
        savePartner(partner);
        return true;
    }

    @Transactional
    boolean savePartner(Partner partner) {
        return changed(jdbc.sql("""
                insert into partner (id, name, organisation_number, contact_name, contact_email, agreement_signed_on)
                values (?, ?, ?, ?, ?, ?)
                on conflict (id) do update set name = excluded.name,
                    organisation_number = excluded.organisation_number, contact_name = excluded.contact_name,
                    contact_email = excluded.contact_email, agreement_signed_on = excluded.agreement_signed_on,
                    updated_at = now()
                where (partner.name, partner.organisation_number, partner.contact_name, partner.contact_email,
                       partner.agreement_signed_on)
                    is distinct from (excluded.name, excluded.organisation_number, excluded.contact_name,
                       excluded.contact_email, excluded.agreement_signed_on)
                """).params(partner.id(), partner.name(), partner.organisationNumber(), partner.contactName(),
                partner.contactEmail(), partner.agreementSignedOn() == null ? null
                        : java.sql.Date.valueOf(partner.agreementSignedOn())).update());
    }

    /** Inserts or updates a bootstrap client (approved); {@code updated_at} moves only when something changed. */
    @Transactional
    boolean saveClient(Client c) {
        return saveClient(c, "bootstrap");
    }

    /**
     * Inserts or updates a client; {@code registeredBy} (bootstrap, admin, dcr) is kept from its first save. An
     * update never approves or un-approves a client: approval is its own step ({@link #approve}). True when
     * something changed.
     */
    @Transactional
    boolean saveClient(Client c, String registeredBy) {
        return changed(jdbc.sql("""
                insert into client (client_id, partner_id, client_name, auth_method, secret_sha256, secret_expires_at,
                    jwks, jwks_uri, redirect_uris, post_logout_redirect_uris, grant_types, scopes, require_par,
                    introspection_allowed, require_dpop, access_token_ttl_seconds, refresh_token_ttl_seconds,
                    initiate_login_uri, target_link_uri, logout, backchannel_logout_uri, approved_at, registered_by)
                values (:id, :partner, :name, :method, :secret, :secretExp, :jwks, :jwksUri, :redirects, :logouts,
                    :grants, :scopes, :par, :introspection, :dpop, :atTtl, :rtTtl, :initiate, :target, :logout,
                    :backchannel, case when :approved then now() end, :registeredBy)
                on conflict (client_id) do update set partner_id = excluded.partner_id,
                    client_name = excluded.client_name, auth_method = excluded.auth_method,
                    secret_sha256 = excluded.secret_sha256, secret_expires_at = excluded.secret_expires_at,
                    jwks = excluded.jwks, jwks_uri = excluded.jwks_uri, redirect_uris = excluded.redirect_uris,
                    post_logout_redirect_uris = excluded.post_logout_redirect_uris,
                    grant_types = excluded.grant_types, scopes = excluded.scopes,
                    require_par = excluded.require_par, introspection_allowed = excluded.introspection_allowed,
                    require_dpop = excluded.require_dpop,
                    access_token_ttl_seconds = excluded.access_token_ttl_seconds,
                    refresh_token_ttl_seconds = excluded.refresh_token_ttl_seconds,
                    initiate_login_uri = excluded.initiate_login_uri, target_link_uri = excluded.target_link_uri,
                    logout = excluded.logout, backchannel_logout_uri = excluded.backchannel_logout_uri,
                    updated_at = now()
                where (client.partner_id, client.client_name, client.auth_method, client.secret_sha256,
                       client.secret_expires_at, client.jwks, client.jwks_uri, client.redirect_uris,
                       client.post_logout_redirect_uris, client.grant_types, client.scopes, client.require_par,
                       client.introspection_allowed, client.require_dpop, client.access_token_ttl_seconds,
                       client.refresh_token_ttl_seconds, client.initiate_login_uri, client.target_link_uri,
                       client.logout, client.backchannel_logout_uri)
                    is distinct from
                      (excluded.partner_id, excluded.client_name, excluded.auth_method, excluded.secret_sha256,
                       excluded.secret_expires_at, excluded.jwks, excluded.jwks_uri, excluded.redirect_uris,
                       excluded.post_logout_redirect_uris, excluded.grant_types, excluded.scopes,
                       excluded.require_par, excluded.introspection_allowed, excluded.require_dpop,
                       excluded.access_token_ttl_seconds, excluded.refresh_token_ttl_seconds,
                       excluded.initiate_login_uri, excluded.target_link_uri, excluded.logout,
                       excluded.backchannel_logout_uri)
                """)
                .param("id", c.clientId()).param("partner", c.partnerId()).param("name", c.clientName())
                .param("method", c.authMethod().value()).param("secret", c.secretSha256())
                .param("secretExp", c.secretExpiresAt() == null ? null : Timestamp.from(c.secretExpiresAt()))
                .param("jwks", c.jwks()).param("jwksUri", c.jwksUri())
                .param("redirects", textArray(c.redirectUris())).param("logouts", textArray(c.postLogoutRedirectUris()))
                .param("grants", textArray(c.grantTypes())).param("scopes", textArray(c.scopes()))
                .param("par", c.requirePar()).param("introspection", c.introspectionAllowed())
                .param("dpop", c.requireDpop())
                .param("atTtl", (int) c.accessTokenTtl().toSeconds()).param("rtTtl", (int) c.refreshTokenTtl().toSeconds())
                .param("initiate", c.service() == null ? null : c.service().initiateLoginUri())
                .param("target", c.service() == null ? null : c.service().targetLinkUri())
                .param("logout", c.logout().shared() ? "shared" : "independent")
                .param("backchannel", c.logout().backchannelLogoutUri())
                .param("approved", c.approved()).param("registeredBy", registeredBy)
                .update());
    }

    @Transactional
    void saveApi(PartnerApi api) {
        jdbc.sql("""
                insert into api (resource, partner_id, name, token_ttl_seconds, token_type) values (?, ?, ?, ?, ?)
                on conflict (resource) do update set partner_id = excluded.partner_id, name = excluded.name,
                    token_ttl_seconds = excluded.token_ttl_seconds, token_type = excluded.token_type, updated_at = now()
                where (api.partner_id, api.name, api.token_ttl_seconds, api.token_type)
                    is distinct from (excluded.partner_id, excluded.name, excluded.token_ttl_seconds, excluded.token_type)
                """).params(api.resource(), api.partnerId(), api.name(), (int) api.tokenTtl().toSeconds(),
                api.tokenType()).update();
        jdbc.sql("delete from api_scope where resource = ? and not (scope = any (?))")
                .params(api.resource(), textArray(api.scopes().keySet())).update();
        api.scopes().values().forEach(scope -> jdbc.sql("""
                insert into api_scope (resource, scope, description, requires, consent, texts)
                values (?, ?, ?, ?, ?, cast(? as jsonb))
                on conflict (resource, scope) do update set description = excluded.description,
                    requires = excluded.requires, consent = excluded.consent, texts = excluded.texts
                """).params(api.resource(), scope.name(), scope.description(), scope.requires().value(),
                scope.consent(), ScopeTexts.toJson(scope.texts())).update());
        jdbc.sql("delete from api_scope_grant where resource = ?").param(api.resource()).update();
        api.grants().forEach((clientId, scopes) -> scopes.forEach(scope -> jdbc.sql("""
                insert into api_scope_grant (resource, scope, client_id) values (?, ?, ?)
                """).params(api.resource(), scope, clientId).update()));
        changed(1);
    }

    /** Deletes an API with its scopes and grants: from now on a token request for it is invalid_target. */
    boolean deleteApi(String resource) {
        boolean deleted = jdbc.sql("delete from api where resource = ?").param(resource).update() == 1;
        if (deleted) {
            changed(1);
        }
        return deleted;
    }

    /** Every registered API with its scopes and grants, by partner and name (the console's list). */
    public List<PartnerApi> apis() {
        return jdbc.sql("select resource from api order by partner_id, name").query(String.class).list().stream()
                .map(this::findApi).flatMap(Optional::stream).toList();
    }

    /** The API registered under {@code resource}, with its scopes and grants. */
    public Optional<PartnerApi> findApi(String resource) {
        // The scopes and grants are read after the API's row, never inside its row mapper: a query inside another
        // holds two pooled connections at once, and concurrent cache misses then starve the pool.
        record ApiRow(String partnerId, String name, Duration tokenTtl, String tokenType) {
        }
        return jdbc.sql("select partner_id, name, token_ttl_seconds, token_type from api where resource = ?")
                .param(resource)
                .query((rs, n) -> new ApiRow(rs.getString(1), rs.getString(2), Duration.ofSeconds(rs.getInt(3)),
                        rs.getString(4)))
                .optional()
                .map(row -> new PartnerApi(resource, row.partnerId(), row.name(), row.tokenTtl(), row.tokenType(),
                        scopesOf(resource), grantsOf(resource)));
    }

    private Map<String, ApiScope> scopesOf(String resource) {
        Map<String, ApiScope> scopes = new LinkedHashMap<>();
        jdbc.sql(SELECT_SCOPES + "where resource = ? order by scope").param(resource)
                .query(ClientRegistry::mapScope)
                .list().forEach(s -> scopes.put(s.name(), s));
        return scopes;
    }

    /** The registered API scopes among {@code names}, by name, with the API that offers each. */
    public Map<String, String> resourcesOfScopes(Collection<String> names) {
        Map<String, String> resources = new LinkedHashMap<>();
        jdbc.sql("select scope, resource from api_scope where scope = any (?) order by scope, resource")
                .param(textArray(names))
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(e -> resources.putIfAbsent(e.getKey(), e.getValue()));
        return resources;
    }

    private static final String SELECT_SCOPES = "select scope, description, requires, consent, texts from api_scope ";

    private static ApiScope mapScope(ResultSet rs, int rowNum) throws SQLException {
        return new ApiScope(rs.getString("scope"), rs.getString("description"),
                ApiScope.Requires.of(rs.getString("requires")).orElseThrow(), rs.getBoolean("consent"),
                ScopeTexts.fromJson(rs.getString("texts")));
    }

    private Map<String, Set<String>> grantsOf(String resource) {
        Map<String, Set<String>> grants = new LinkedHashMap<>();
        jdbc.sql("select client_id, scope from api_scope_grant where resource = ?").param(resource)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(g -> grants.computeIfAbsent(g.getKey(), k -> new LinkedHashSet<>()).add(g.getValue()));
        return grants;
    }

    private static String[] textArray(Collection<String> values) {
        return values.toArray(String[]::new);
    }

    private static List<String> list(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Client mapClient(ResultSet rs, int rowNum) throws SQLException {
        Timestamp secretExpires = rs.getTimestamp("secret_expires_at");
        return new Client(
                rs.getString("client_id"),
                rs.getString("partner_id"),
                rs.getString("client_name"),
                AuthMethod.of(rs.getString("auth_method")).orElseThrow(),
                rs.getString("secret_sha256"),
                secretExpires == null ? null : secretExpires.toInstant(),
                rs.getString("jwks"),
                rs.getString("jwks_uri"),
                list(rs, "redirect_uris"),
                list(rs, "post_logout_redirect_uris"),
                new LinkedHashSet<>(list(rs, "grant_types")),
                new LinkedHashSet<>(list(rs, "scopes")),
                rs.getBoolean("require_par"),
                rs.getBoolean("introspection_allowed"),
                rs.getBoolean("require_dpop"),
                Duration.ofSeconds(rs.getInt("access_token_ttl_seconds")),
                Duration.ofSeconds(rs.getInt("refresh_token_ttl_seconds")),
                rs.getString("initiate_login_uri") == null ? null
                        : new Client.Service(rs.getString("initiate_login_uri"), rs.getString("target_link_uri")),
                new Client.Logout("shared".equals(rs.getString("logout")), rs.getString("backchannel_logout_uri")),
                rs.getTimestamp("approved_at") != null,
                rs.getBoolean("partner_trusted"),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static Partner mapPartner(ResultSet rs, int rowNum) throws SQLException {
        java.sql.Date agreement = rs.getDate("agreement_signed_on");
        Timestamp suspended = rs.getTimestamp("suspended_at");
        return new Partner(rs.getString("id"), rs.getString("name"), rs.getString("organisation_number"),
                rs.getString("contact_name"), rs.getString("contact_email"),
                agreement == null ? null : agreement.toLocalDate(), suspended == null ? null : suspended.toInstant(),
                rs.getString("suspended_reason"));
    }

}
