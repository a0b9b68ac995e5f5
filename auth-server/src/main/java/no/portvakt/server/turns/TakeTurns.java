package no.portvakt.server.turns;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Token requests run in turns ({@link TurnTaking}), in the order they came. A request keeps its turn while it waits
 * for PostgreSQL (its jti, its audit record): handing it over and back cost more than the short waits, so there is
 * one turn more than there are cores instead.
 */
public final class TakeTurns extends OncePerRequestFilter {

    private final TurnTaking turns;

    public TakeTurns(TurnTaking turns) {
        this.turns = turns;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean held = turns.take();
        try {
            chain.doFilter(request, response);
        } finally {
            if (held) {
                turns.give();
            }
        }
    }
}
