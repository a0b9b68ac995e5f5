package no.portvakt.server.housekeeping;

import java.util.Arrays;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Deletes in bounded batches, so that no statement holds its locks for long: each deletes at most one batch. */
final class Batches {

    private Batches() {
    }

    /**
     * Runs {@code sql} (whose last parameter is the batch's size, as {@code limit ?}) with {@code parameters} and
     * the size until a batch deletes fewer than that; the rows deleted in all.
     */
    static int drain(JdbcClient jdbc, int size, String sql, Object... parameters) {
        Object[] withSize = Arrays.copyOf(parameters, parameters.length + 1);
        withSize[parameters.length] = size;
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql(sql).params(withSize).update();
            total += deleted;
        } while (deleted == size);
        return total;
    }
}
