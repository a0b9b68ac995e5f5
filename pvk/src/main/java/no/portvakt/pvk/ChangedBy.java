package no.portvakt.pvk;

import java.util.Objects;

/**
 * Who made a change, and how they stood to the citizen: a citizen ({@code actorPid}, with the representation's
 * relation, {@code self} for their own) or a system ({@code clientId}: an operator's or a partner's client,
 * relation {@code system}).
 */
public record ChangedBy(String actorPid, String relation, String clientId, Channel channel) {

    public static final String SYSTEM = "system";

    public ChangedBy {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(channel, "channel");
        if ((actorPid == null) == (clientId == null)) {
            throw new IllegalArgumentException("a change is made by a citizen or by a client, not both or neither");
        }
    }

    /** A citizen on the citizen's page, acting as {@code relation} (the representation's claim value). */
    public static ChangedBy citizen(String actorPid, String relation) {
        return new ChangedBy(actorPid, relation, null, Channel.CITIZEN_PAGE);
    }

    /** A client (an operator's automation, or a partner), through {@code channel}. */
    public static ChangedBy client(String clientId, Channel channel) {
        return new ChangedBy(null, SYSTEM, clientId, channel);
    }
}
