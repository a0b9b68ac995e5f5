package no.portvakt.server.citizen;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code portvakt.representation.directory-*}: the person directory's answers kept in memory. */
@ConfigurationProperties("portvakt.representation")
public record DirectoryProperties(
        /* The longest the person directory's answers are kept in memory (changes made here drop them at once). */
        @DefaultValue("60s") Duration directoryCacheTtl,
        /* How often each instance checks whether the directory changed (and drops what it keeps if so). */
        @DefaultValue("2s") Duration directoryChangePollInterval) {
}
