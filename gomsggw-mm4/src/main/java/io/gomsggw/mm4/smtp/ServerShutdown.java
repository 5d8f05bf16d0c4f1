package io.gomsggw.mm4.smtp;

/** A user event: the server is closing; the session answers {@code 421} and closes. */
enum ServerShutdown {
    INSTANCE
}
