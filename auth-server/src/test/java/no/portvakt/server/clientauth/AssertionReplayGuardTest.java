package no.portvakt.server.clientauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import no.portvakt.server.groupcommit.GroupCommitProperties;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The jti replay guard: this instance's memory in front of PostgreSQL, which every instance shares. */
class AssertionReplayGuardTest extends PortvaktTestBase {

    @Autowired
    AssertionReplayGuard guard;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    GroupCommitProperties properties;

    @Test
    void aReplayHereIsRefusedAtOnceAndAnotherInstanceFindsTheJtiInPostgresql() throws Exception {
        String jti = UUID.randomUUID().toString();
        Instant expiry = Instant.now().plusSeconds(60);
        CompletableFuture<Boolean> first = guard.firstUse("test-system", jti, expiry);
        // Answered before anything is written: no token is signed for the replay.
        assertThat(guard.firstUse("test-system", jti, expiry)).isCompletedWithValue(false);
        assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();

        AssertionReplayGuard otherInstance = new AssertionReplayGuard(jdbc, Clock.systemUTC(), properties);
        otherInstance.start();
        try {
            assertThat(otherInstance.firstUse("test-system", jti, expiry).get(5, TimeUnit.SECONDS)).isFalse();
            assertThat(otherInstance.firstUse("test-system-remote-keys", jti, expiry).get(5, TimeUnit.SECONDS))
                    .as("jtis are per client").isTrue();
        } finally {
            otherInstance.stop();
        }
    }
}
