package no.portvakt.server.edge;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's connections, refused at once while PostgreSQL gives none: once a request has waited the pool's
 * whole connection timeout in vain, the next ones are answered 503 without waiting, for {@code fail-fast-for};
 * then one request tries again, and while it does the others are still refused; the first connection had closes
 * it. So a database that is down costs one request in a while the connection timeout, not every request: the
 * workers are not held by requests that cannot succeed, and what needs no database (JWKS, discovery, a token for a
 * known client) does not wait in line behind them. Readiness, which asks for a connection too, is down at once.
 */
final class FailFastConnections extends DelegatingDataSource {

    private final long openForNanos;
    private final ObjectProvider<MeterRegistry> meters;
    /** Until when connections are refused at once ({@link System#nanoTime()}); 0: asked of the pool as usual. */
    private final AtomicLong refusingUntil = new AtomicLong();

    /** {@code meters}: read when a connection is first refused (the registry may itself need the pool). */
    FailFastConnections(DataSource pool, Duration openFor, ObjectProvider<MeterRegistry> meters) {
        super(pool);
        this.openForNanos = openFor.toNanos();
        this.meters = meters;
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseWhileDown();
        try {
            Connection connection = super.getConnection();
            refusingUntil.set(0);
            return connection;
        } catch (SQLTransientConnectionException noneInTime) {
            refusingUntil.set(System.nanoTime() + openForNanos);
            throw noneInTime;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        refuseWhileDown();
        return super.getConnection(username, password);
    }

    /** Refuses at once while refusing; past that, lets one caller (who moves the end) ask the pool again. */
    private void refuseWhileDown() throws SQLTransientConnectionException {
        long until = refusingUntil.get();
        if (until == 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - until >= 0 && refusingUntil.compareAndSet(until, now + openForNanos)) {
            return;
        }
        meters.ifAvailable(registry -> registry.counter("portvakt.database.connections.refused").increment());
        throw new SQLTransientConnectionException("PostgreSQL gave no connection a moment ago: refused without "
                + "waiting until it is asked again");
    }
}
