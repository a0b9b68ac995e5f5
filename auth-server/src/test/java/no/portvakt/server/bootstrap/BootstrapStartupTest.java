package no.portvakt.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import no.portvakt.registry.bootstrap.BootstrapException;
import no.portvakt.server.PortvaktApplication;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A bad bootstrap file stops start-up, names what is wrong, and changes nothing that is stored. */
class BootstrapStartupTest extends PortvaktTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBadFileStopsStartUpWithTheFileEntryAndFieldAndChangesNothing() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(PortvaktApplication.class).profiles("test")
                .run(instanceArguments("--server.port=0",
                        "--portvakt.bootstrap=classpath:bootstrap/bad-redirect.yml")))
                .hasRootCauseInstanceOf(BootstrapException.class)
                .rootCause()
                .hasMessageContaining("bad-redirect.yml")
                .hasMessageContaining("partners[0].clients[0]")
                .hasMessageContaining("field 'redirect_uris'");
        assertThat(jdbc.sql("select name from partner where id = 'test-partner'").query(String.class).single())
                .isEqualTo("Test Partner AS");
        assertThat(jdbc.sql("select count(*) from client where client_id = 'bad-client'").query(Integer.class)
                .single()).isZero();
    }

    @Test
    void applyingTheSameFileAgainChangesNothing() {
        var before = jdbc.sql("select client_id, updated_at from client order by client_id").query().listOfRows();
        new SpringApplicationBuilder(PortvaktApplication.class).profiles("test")
                .run(instanceArguments("--server.port=0"))
                .close();
        assertThat(jdbc.sql("select client_id, updated_at from client order by client_id").query().listOfRows())
                .isEqualTo(before);
    }
}
