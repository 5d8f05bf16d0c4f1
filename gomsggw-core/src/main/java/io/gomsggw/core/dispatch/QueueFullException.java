package io.gomsggw.core.dispatch;

/**
 * The gateway is saturated: a bounded queue is full. Ingresses answer with their protocol's
 * push-back signal (HTTP 503 with {@code Retry-After}, SMPP {@code ESME_RMSGQFUL}, SMTP 451);
 * nothing was stored.
 */
public final class QueueFullException extends RuntimeException {
    public QueueFullException(String queue) {
        super(queue + " queue is full", null, false, false);
    }
}
