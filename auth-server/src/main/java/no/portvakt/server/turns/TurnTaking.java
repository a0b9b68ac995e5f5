package no.portvakt.server.turns;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed number of turns on the CPU, handed to the waiting requests in the order they came. The operating system
 * shares the cores among all runnable request threads in no particular order, so at 32 connections on 2 cores a
 * token request's latency depended on luck (p50 20 ms, p99 70 ms and more); served oldest first, every request
 * waits about as long as the others. A request that has waited {@code stallTimeout} without any turn being handed
 * over (holders stuck in I/O) goes ahead without one, so a stall never stops the endpoint.
 */
public final class TurnTaking {

    private final ReentrantLock lock = new ReentrantLock();
    private final Queue<Waiter> waiting = new ArrayDeque<>();
    private final long stallNanos;
    private int free;
    private volatile long lastHandover = System.nanoTime();

    private record Waiter(Thread thread, boolean[] admitted) {
    }

    public TurnTaking(int turns, long stallNanos) {
        if (turns < 1) {
            throw new IllegalArgumentException("at least one turn");
        }
        this.free = turns;
        this.stallNanos = stallNanos;
    }

    /** Waits for a turn, first come first served; false when it went ahead without one (a stall). */
    boolean take() {
        Waiter waiter;
        lock.lock();
        try {
            if (free > 0) {
                free--;
                return true;
            }
            waiter = new Waiter(Thread.currentThread(), new boolean[1]);
            waiting.add(waiter);
        } finally {
            lock.unlock();
        }
        while (true) {
            LockSupport.parkNanos(this, stallNanos);
            lock.lock();
            try {
                if (waiter.admitted()[0]) {
                    return true;
                }
                if (Thread.currentThread().isInterrupted() || System.nanoTime() - lastHandover >= stallNanos) {
                    waiting.remove(waiter);
                    return false;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Hands the turn to the oldest waiter, or keeps it free. */
    void give() {
        Waiter next;
        lock.lock();
        try {
            lastHandover = System.nanoTime();
            next = waiting.poll();
            if (next == null) {
                free++;
                return;
            }
            next.admitted()[0] = true;
        } finally {
            lock.unlock();
        }
        LockSupport.unpark(next.thread());
    }
}
