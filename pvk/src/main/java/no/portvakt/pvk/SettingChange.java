package no.portvakt.pvk;

import java.time.Instant;
import java.util.UUID;

/** One entry of a setting's history: what it became, what it was, who changed it and when. */
public record SettingChange(long id, String pid, UUID definitionGuid, long version, boolean active,
                            boolean previousActive, ChangedBy changedBy, Instant changedAt) {
}
