package no.portvakt.server.turns;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Token requests run in turns ({@link TurnTaking}), in order of arrival. A request gives its turn up while it
 * waits for something outside the CPU ({@link #await}), and takes it back ahead of the requests that came later.
 */
public final class TakeTurns extends OncePerRequestFilter {

    private static final ThreadLocal<Turn> CURRENT = new ThreadLocal<>();

    private final TurnTaking turns;

    private static final class Turn {
        private final TurnTaking turns;
        private final long arrival = System.nanoTime();
        private boolean held;

        private Turn(TurnTaking turns) {
            this.turns = turns;
        }
    }

    public TakeTurns(TurnTaking turns) {
        this.turns = turns;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Turn turn = new Turn(turns);
        turn.held = turns.take(turn.arrival);
        CURRENT.set(turn);
        try {
            chain.doFilter(request, response);
        } finally {
            CURRENT.remove();
            if (turn.held) {
                turns.give();
            }
        }
    }

    /** {@link Future#get(long, TimeUnit)}, with the current request's turn given to another while it waits. */
    public static <T> T await(Future<T> future, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (future.isDone()) {
            return future.get();
        }
        Turn turn = giveUp();
        try {
            return future.get(timeout, unit);
        } finally {
            takeBack(turn);
        }
    }

    /** Runs a call that waits on I/O (a query), with the current request's turn given to another meanwhile. */
    public static <T> T blocking(Supplier<T> call) {
        Turn turn = giveUp();
        try {
            return call.get();
        } finally {
            takeBack(turn);
        }
    }

    private static Turn giveUp() {
        Turn turn = CURRENT.get();
        if (turn == null || !turn.held) {
            return null;
        }
        turn.turns.give();
        turn.held = false;
        return turn;
    }

    private static void takeBack(Turn turn) {
        if (turn != null) {
            turn.held = turn.turns.take(turn.arrival);
        }
    }
}
