package io.gomsggw.core.limits;

/** The limiter's answer for one message: counted, or refused with the limit that is full. */
public sealed interface Admission {
    /** Counted. {@link #release()} gives the count back when the message is not accepted after all. */
    record Granted(Runnable releaser) implements Admission {
        public void release() {
            releaser.run();
        }
    }

    record Refused(LimitExceeded reason) implements Admission {}
}
