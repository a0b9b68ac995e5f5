package no.portvakt.pvk.registry;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.InvalidEntry;
import no.portvakt.pvk.LocalisedText;
import no.portvakt.pvk.PiType;
import no.portvakt.pvk.PvkProperties;
import no.portvakt.pvk.Subscription;
import no.portvakt.registry.ApiScope;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.registry.outbound.OutboundTargets;
import no.portvakt.registry.PartnerApi;
import no.portvakt.registry.RegistryAudit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The definitions and the subscriptions, in PostgreSQL. Every way they come in (the bootstrap file, the admin
 * API) saves them here, and here they are checked against the client registry: a definition's owner is a
 * registered partner; a subscriber is a registered API of the subscribing partner, with a scope for storing
 * privacy settings that PVK's own client is granted.
 */
@Repository
public class PvkRegistry {

    private final JdbcClient jdbc;
    private final ClientRegistry registry;
    private final String pvkClientId;
    private final OutboundTargets targets;
    private final RegistryAudit audit;

    public PvkRegistry(JdbcClient jdbc, ClientRegistry registry, RegistryAudit audit, PvkProperties properties,
                       OutboundTargets targets) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.audit = audit;
        this.registry = registry;
        this.pvkClientId = properties.clientId();
    }

    /** Inserts or updates {@code definition}, on the registry's change trail as {@code actor}'s; true if it changed. */
    @Transactional
    public boolean saveDefinition(String actor, Definition d) {
        if (registry.findPartner(d.partnerId()).isEmpty()) {
            throw new InvalidEntry("part_kode", "'" + d.partnerId() + "' is not a registered partner");
        }
        Optional<Definition> existing = definition(d.guid());
        if (existing.isPresent() && !existing.get().partnerId().equals(d.partnerId())) {
            throw new InvalidEntry("part_kode", "definition " + d.guid() + " belongs to partner '"
                    + existing.get().partnerId() + "'; a definition never changes owner");
        }
        if (existing.isPresent() && existing.get().equals(d)) {
            return false;
        }
        jdbc.sql("""
                insert into pvk_definition (guid, partner_id, type_pi, name_nb, name_nn, name_en, text_nb, text_nn,
                    text_en, default_active, representative_may_change)
                values (:guid, :partner, :type, :nameNb, :nameNn, :nameEn, :textNb, :textNn, :textEn, :defaultActive,
                    :representatives)
                on conflict (guid) do update set type_pi = excluded.type_pi, name_nb = excluded.name_nb,
                    name_nn = excluded.name_nn, name_en = excluded.name_en, text_nb = excluded.text_nb,
                    text_nn = excluded.text_nn, text_en = excluded.text_en, default_active = excluded.default_active,
                    representative_may_change = excluded.representative_may_change, updated_at = now()
                """)
                .param("guid", d.guid()).param("partner", d.partnerId()).param("type", d.type().value())
                .param("nameNb", d.name().nb()).param("nameNn", d.name().nn()).param("nameEn", d.name().en())
                .param("textNb", d.text().nb()).param("textNn", d.text().nn()).param("textEn", d.text().en())
                .param("defaultActive", d.defaultActive()).param("representatives", d.representativeMayChange())
                .update();
        audit.record(actor, "pvk_definition", d.guid().toString(), existing.isPresent() ? "update" : "create",
                existing.map(PvkViews::of).orElse(null), PvkViews.of(d));
        return true;
    }

    public Optional<Definition> definition(UUID guid) {
        return jdbc.sql("select * from pvk_definition where guid = ?").param(guid).query(PvkRegistry::definition)
                .optional();
    }

    public List<Definition> definitions() {
        return jdbc.sql("select * from pvk_definition order by partner_id, name_nb").query(PvkRegistry::definition)
                .list();
    }

    public List<Definition> definitionsOf(String partnerId) {
        return jdbc.sql("select * from pvk_definition where partner_id = ? order by name_nb").param(partnerId)
                .query(PvkRegistry::definition).list();
    }

    /** Inserts or replaces {@code subscription}, on the change trail as {@code actor}'s; true if it changed. */
    @Transactional
    public boolean saveSubscription(String actor, Subscription s) {
        check(s);
        Optional<Subscription> existing = subscription(s.id());
        if (existing.isPresent() && existing.get().equals(s)) {
            return false;
        }
        jdbc.sql("""
                insert into pvk_subscription (id, partner_id, resource, scope, delivery_url)
                values (?, ?, ?, ?, ?)
                on conflict (id) do update set partner_id = excluded.partner_id, resource = excluded.resource,
                    scope = excluded.scope, delivery_url = excluded.delivery_url, updated_at = now()
                """).params(s.id(), s.partnerId(), s.resource(), s.scope(), s.deliveryUrl().toString()).update();
        jdbc.sql("delete from pvk_subscription_definition where subscription_id = ? and definition_guid <> all(?)")
                .params(s.id(), s.definitions().toArray(UUID[]::new)).update();
        jdbc.sql("""
                insert into pvk_subscription_definition (subscription_id, definition_guid)
                select ?, unnest(?::uuid[]) on conflict do nothing
                """).params(s.id(), s.definitions().toArray(UUID[]::new)).update();
        audit.record(actor, "pvk_subscription", s.id(), existing.isPresent() ? "update" : "create",
                existing.map(PvkViews::of).orElse(null), PvkViews.of(s));
        return true;
    }

    public Optional<Subscription> subscription(String id) {
        return subscriptions("where s.id = ?", id).stream().findFirst();
    }

    public List<Subscription> subscriptions() {
        return subscriptions("", null);
    }

    private List<Subscription> subscriptions(String where, String id) {
        var sql = jdbc.sql("""
                select s.id, s.partner_id, s.resource, s.scope, s.delivery_url,
                       coalesce(array_agg(sd.definition_guid) filter (where sd.definition_guid is not null), '{}')
                from pvk_subscription s
                left join pvk_subscription_definition sd on sd.subscription_id = s.id
                """ + where + " group by s.id order by s.id");
        if (id != null) {
            sql = sql.param(id);
        }
        return sql.query((rs, n) -> new Subscription(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), URI.create(rs.getString(5)), uuids(rs.getArray(6)))).list();
    }

    /** A subscriber is a registered API of its partner, reached with a scope PVK's client is granted there. */
    private void check(Subscription s) {
        if (registry.findPartner(s.partnerId()).isEmpty()) {
            throw new InvalidEntry("partner", "'" + s.partnerId() + "' is not a registered partner");
        }
        PartnerApi api = registry.findApi(s.resource())
                .filter(found -> found.partnerId().equals(s.partnerId()))
                .orElseThrow(() -> new InvalidEntry("resource", "'" + s.resource()
                        + "' is not a registered API of partner '" + s.partnerId() + "'"));
        ApiScope scope = api.scopes().get(s.scope());
        if (scope == null || scope.requires() != ApiScope.Requires.SYSTEM) {
            throw new InvalidEntry("scope", "'" + s.scope() + "' is not a scope of " + s.resource()
                    + " for a system (requires: system)");
        }
        if (!api.grantedTo(pvkClientId).contains(s.scope())) {
            throw new InvalidEntry("scope", "PVK's client '" + pvkClientId + "' is not granted '" + s.scope()
                    + "' on " + s.resource());
        }
        URI url = s.deliveryUrl();
        if (!url.isAbsolute() || url.getHost() == null || url.getRawFragment() != null) {
            throw new InvalidEntry("delivery_url", "'" + url + "' must be an absolute URL without a fragment");
        }
        String refusal = targets.refusalOfRegistered(url);
        if (refusal != null) {
            throw new InvalidEntry("delivery_url", "'" + url + "' " + refusal);
        }
        if (s.definitions().isEmpty()) {
            throw new InvalidEntry("definitions", "a subscription names at least one definition");
        }
        for (UUID guid : s.definitions()) {
            if (definition(guid).isEmpty()) {
                throw new InvalidEntry("definitions", "'" + guid + "' is not a definition");
            }
        }
    }

    private static Set<UUID> uuids(java.sql.Array array) throws SQLException {
        Set<UUID> result = new HashSet<>();
        for (Object value : (Object[]) array.getArray()) {
            result.add((UUID) value);
        }
        return result;
    }

    static Definition definition(ResultSet rs, int row) throws SQLException {
        return new Definition(rs.getObject("guid", UUID.class), rs.getString("partner_id"),
                PiType.of(rs.getString("type_pi")).orElseThrow(),
                new LocalisedText(rs.getString("name_nb"), rs.getString("name_nn"), rs.getString("name_en")),
                new LocalisedText(rs.getString("text_nb"), rs.getString("text_nn"), rs.getString("text_en")),
                rs.getBoolean("default_active"), rs.getBoolean("representative_may_change"));
    }
}
