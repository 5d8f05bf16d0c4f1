package io.gomsggw.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Body handlers for {@link java.net.http.HttpClient} that never hold more than a fixed number of
 * bytes of a response in memory, whatever the peer sends: one fails the exchange beyond the limit
 * (for media that must arrive whole), one keeps the beginning and drops the rest (for an excerpt of
 * an error answer). Both read without blocking a thread.
 */
public final class BoundedBody {
    /** The response body is larger than the limit of {@link #failingAbove}. */
    public static final class TooLargeException extends IOException {
        private final long limit;

        TooLargeException(long limit) {
            super("response body exceeds " + limit + " bytes", null);
            this.limit = limit;
        }

        /** The limit that was exceeded, in bytes. */
        public long limit() {
            return limit;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private BoundedBody() {}

    /**
     * The whole body, or a failed exchange with {@link TooLargeException} once it passes
     * {@code maxBytes} (at once when {@code Content-Length} announces more).
     */
    public static BodyHandler<byte[]> failingAbove(long maxBytes) {
        return info -> {
            long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new Subscriber(maxBytes, announced > maxBytes, true);
        };
    }

    /** The first {@code maxBytes} of the body; the rest is not read (the connection is then closed). */
    public static BodyHandler<byte[]> truncatedAt(int maxBytes) {
        return info -> new Subscriber(maxBytes, false, false);
    }

    /** Collects up to a limit; beyond it cancels and either fails or completes with what it has. */
    private static final class Subscriber implements BodySubscriber<byte[]> {
        private final long limit;
        private final boolean tooLargeAlready;
        private final boolean failWhenOver;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Subscriber(long limit, boolean tooLargeAlready, boolean failWhenOver) {
            this.limit = limit;
            this.tooLargeAlready = tooLargeAlready;
            this.failWhenOver = failWhenOver;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (tooLargeAlready) {
                over();
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                int room = (int) Math.min(buffer.remaining(), limit - bytes.size());
                byte[] chunk = new byte[room];
                buffer.get(chunk);
                bytes.write(chunk, 0, room);
                if (buffer.hasRemaining()) {
                    over();
                    return;
                }
            }
        }

        private void over() {
            subscription.cancel();
            if (failWhenOver) {
                body.completeExceptionally(new TooLargeException(limit));
            } else {
                body.complete(bytes.toByteArray());
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }
}
