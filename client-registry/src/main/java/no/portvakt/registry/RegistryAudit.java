package no.portvakt.registry;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The registry's change trail: every change by an administrator, a partner (DCR) or the bootstrap file, with who,
 * when, what, and the entity before and after. Secrets never appear in it, only whether one is set.
 */
@Repository
public class RegistryAudit {

    /** One change, as the console and the admin API show it. */
    public record Change(long id, Instant changedAt, String actor, String entity, String entityId, String action,
                         String before, String after) {
    }

    private final JdbcClient jdbc;

    public RegistryAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String entity, String entityId, String action, Map<String, ?> before,
                       Map<String, ?> after) {
        jdbc.sql("""
                insert into registry_change (actor, entity, entity_id, action, before, after)
                values (?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))
                """).params(actor, entity, entityId, action, json(before), json(after)).update();
    }

    /** The newest changes first; {@code entity} and {@code entityId} narrow them when given. */
    public List<Change> changes(String entity, String entityId, int limit) {
        return jdbc.sql("""
                select id, changed_at, actor, entity, entity_id, action, before::text, after::text
                from registry_change
                where (cast(:entity as text) is null or entity = :entity)
                  and (cast(:id as text) is null or entity_id = :id)
                order by id desc limit :limit
                """).param("entity", entity).param("id", entityId).param("limit", limit)
                .query((rs, n) -> new Change(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
    }

    private static String json(Map<String, ?> value) {
        if (value == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return JSONObjectUtils.toJSONString(map);
    }
}
