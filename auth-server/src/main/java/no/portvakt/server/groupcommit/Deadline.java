package no.portvakt.server.groupcommit;

import java.sql.PreparedStatement;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.postgresql.jdbc.PgStatement;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.PreparedStatementCreator;

/**
 * When a token request stops waiting for what it handed to a writer: by then its statement has run, or it never
 * will. The request answers only once it knows which, so no record is stored of a token that was not sent.
 *
 * @param nanoTime the moment, on {@link System#nanoTime()}'s clock
 */
public record Deadline(long nanoTime) {

    /** The deadline {@code budget} from now. */
    public static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    public boolean passed() {
        return remainingMillis() <= 0;
    }

    public long remainingMillis() {
        return TimeUnit.NANOSECONDS.toMillis(nanoTime - System.nanoTime());
    }

    public Deadline earlier(Deadline other) {
        return nanoTime - other.nanoTime <= 0 ? this : other;
    }

    /**
     * {@code sql} with {@code arguments}, refused unrun when the deadline has passed by the time a connection is
     * had, and otherwise cancelled by the driver when it passes (to the millisecond; JDBC's own timeout counts
     * whole seconds). A cancelled statement is rolled back: its rows are not stored.
     */
    public PreparedStatementCreator statement(String sql, Object... arguments) {
        return connection -> {
            long remaining = remainingMillis();
            if (remaining <= 0) {
                throw new SQLTimeoutException("The deadline passed before the statement could run");
            }
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.unwrap(PgStatement.class).setQueryTimeoutMs(remaining);
            new ArgumentPreparedStatementSetter(arguments).setValues(statement);
            return statement;
        };
    }
}
