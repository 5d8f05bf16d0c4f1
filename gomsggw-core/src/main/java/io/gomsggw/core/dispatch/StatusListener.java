package io.gomsggw.core.dispatch;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.StatusChange;

/**
 * Told about every status change of a message, after the change is queued for the store: status
 * webhooks, SMPP delivery receipts and failure notices hang here. Called on a dispatcher thread;
 * must not block (hand slow work to an executor) and must not throw.
 */
@FunctionalInterface
public interface StatusListener {
    void onStatus(Message message, StatusChange change);
}
