package no.portvakt.registry;

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

    public Optional<Client> findClient(String clientId) {
        return jdbc.sql("select * from client where client_id = ?").param(clientId).query(ClientRegistry::mapClient)
                .optional();
    }

    /** The partner services the portal links to (clients with an initiate_login_uri), by name. */
    public List<Client> services() {
        return jdbc.sql("select * from client where initiate_login_uri is not null order by client_name")
                .query(ClientRegistry::mapClient).list();
    }

    @Transactional
    public void savePartner(Partner partner) {
        jdbc.sql("""
                insert into partner (id, name, organisation_number) values (?, ?, ?)
                on conflict (id) do update set name = excluded.name,
                    organisation_number = excluded.organisation_number, updated_at = now()
                where (partner.name, partner.organisation_number)
                    is distinct from (excluded.name, excluded.organisation_number)
                """).params(partner.id(), partner.name(), partner.organisationNumber()).update();
    }

    /** Inserts or updates a client; {@code updated_at} moves only when something really changed. */
    @Transactional
    public void saveClient(Client c) {
        jdbc.sql("""
                insert into client (client_id, partner_id, client_name, auth_method, secret_sha256, secret_expires_at,
                    jwks, jwks_uri, redirect_uris, post_logout_redirect_uris, grant_types, scopes, require_par,
                    introspection_allowed, require_dpop, access_token_ttl_seconds, refresh_token_ttl_seconds,
                    initiate_login_uri, target_link_uri, logout, backchannel_logout_uri)
                values (:id, :partner, :name, :method, :secret, :secretExp, :jwks, :jwksUri, :redirects, :logouts,
                    :grants, :scopes, :par, :introspection, :dpop, :atTtl, :rtTtl, :initiate, :target, :logout,
                    :backchannel)
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
                .update();
    }

    @Transactional
    public void saveApi(PartnerApi api) {
        jdbc.sql("""
                insert into api (resource, partner_id, name, token_ttl_seconds) values (?, ?, ?, ?)
                on conflict (resource) do update set partner_id = excluded.partner_id, name = excluded.name,
                    token_ttl_seconds = excluded.token_ttl_seconds, updated_at = now()
                where (api.partner_id, api.name, api.token_ttl_seconds)
                    is distinct from (excluded.partner_id, excluded.name, excluded.token_ttl_seconds)
                """).params(api.resource(), api.partnerId(), api.name(), (int) api.tokenTtl().toSeconds()).update();
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
    }

    /** The API registered under {@code resource}, with its scopes and grants. */
    public Optional<PartnerApi> findApi(String resource) {
        return jdbc.sql("select resource, partner_id, name, token_ttl_seconds from api where resource = ?")
                .param(resource)
                .query((rs, n) -> new PartnerApi(rs.getString(1), rs.getString(2), rs.getString(3),
                        Duration.ofSeconds(rs.getInt(4)), scopesOf(resource), grantsOf(resource)))
                .optional();
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
                rs.getTimestamp("updated_at").toInstant());
    }

}
