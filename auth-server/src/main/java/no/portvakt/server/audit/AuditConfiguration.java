package no.portvakt.server.audit;

import no.portvakt.server.keys.KeyEncryption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit's protection of fødselsnumre, and the migration that applied it to the rows there were. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    PidProtection pidProtection(JdbcTemplate jdbc, KeyEncryption kek) {
        return PidProtection.loadOrCreate(jdbc, kek);
    }

    /** Run by Flyway among the SQL migrations (Spring Boot hands it every JavaMigration bean). */
    @Bean
    AuditPidsSealed auditPidsSealed(KeyEncryption kek) {
        return new AuditPidsSealed(kek);
    }
}
