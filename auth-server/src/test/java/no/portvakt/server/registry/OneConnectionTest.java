package no.portvakt.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.registry.PartnerApi;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registry's lookups on the token endpoint's path need one pooled connection at a time: a query run inside
 * another's row mapper holds two, and concurrent cache misses then take the whole pool and wait for each other
 * (the token exchange benchmark collapsed that way: 10 of 10 connections held, 30-s timeouts).
 */
class OneConnectionTest extends PortvaktTestBase {

    @Autowired
    DataSource dataSource;

    @Test
    void anApiWithItsScopesAndGrantsIsReadWithOneConnection() throws java.sql.SQLException {
        HikariDataSource shared = dataSource.unwrap(HikariDataSource.class);
        try (HikariDataSource one = new HikariDataSource()) {
            one.setJdbcUrl(shared.getJdbcUrl());
            one.setUsername(shared.getUsername());
            one.setPassword(shared.getPassword());
            one.setMaximumPoolSize(1);
            one.setConnectionTimeout(1_000);
            PartnerApi api = new ClientRegistry(JdbcClient.create(one)).findApi(ClientAssertions.RECORDS_API)
                    .orElseThrow();
            assertThat(api.scopes()).containsKey("records.read");
            assertThat(api.grants()).containsKey("test-system");
        }
    }
}
