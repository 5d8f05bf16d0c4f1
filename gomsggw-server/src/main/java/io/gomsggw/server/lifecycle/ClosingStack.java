package io.gomsggw.server.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway has opened, closed in the reverse order of opening: listeners before the
 * workers they feed, workers before the database they use. A failure to close one is logged and
 * the rest are still closed.
 */
public final class ClosingStack {
    private static final Logger LOG = LoggerFactory.getLogger(ClosingStack.class);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Remembers {@code resource} and returns it. */
    public synchronized <T extends AutoCloseable> T push(T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes everything pushed so far, the last first. */
    public synchronized void closeAll() {
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.atWarn().setCause(e).addKeyValue("resource", resource).log("close failed");
            }
        }
    }
}
