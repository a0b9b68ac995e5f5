package no.portvakt.pvk.delivery;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A response body read and thrown away, within a time: the request's own timeout ends only at the response's
 * head, and a subscriber whose body never ends must not hold a sender for ever. At the time the body is given up
 * (its subscription cancelled, which closes the connection) and the send fails with a {@link TimeoutException}.
 */
final class DiscardedWithin implements HttpResponse.BodySubscriber<Void> {

    private final CompletableFuture<Void> body = new CompletableFuture<>();
    private final Duration within;

    DiscardedWithin(Duration within) {
        this.within = within;
    }

    @Override
    public CompletionStage<Void> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        // orTimeout's timer is cancelled when the body completes in time.
        body.orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).whenComplete((done, failure) -> {
            if (failure instanceof TimeoutException) {
                subscription.cancel();
            }
        });
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        // thrown away: the status is the answer
    }

    @Override
    public void onError(Throwable throwable) {
        body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        body.complete(null);
    }
}
