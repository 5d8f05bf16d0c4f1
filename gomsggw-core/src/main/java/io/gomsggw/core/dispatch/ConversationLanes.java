package io.gomsggw.core.dispatch;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps at most one job in flight per conversation key: a job submitted while another of the same
 * key runs waits until that one calls {@link #done}. Jobs of different keys never wait for each
 * other. Lock-free apart from the map's per-key atomic updates.
 */
final class ConversationLanes {
    private final ConcurrentHashMap<String, ArrayDeque<Runnable>> lanes = new ConcurrentHashMap<>();

    /** Runs {@code job} now (on the caller's thread) when its lane is free, else queues it. */
    void submit(String key, Runnable job) {
        boolean[] runNow = {false};
        lanes.compute(key, (k, waiting) -> {
            if (waiting == null) {
                runNow[0] = true;
                return new ArrayDeque<>();
            }
            waiting.add(job);
            return waiting;
        });
        if (runNow[0]) {
            job.run();
        }
    }

    /** The lane's running job has finished: the next one, if any, runs on the caller's thread. */
    void done(String key) {
        Runnable[] next = {null};
        lanes.computeIfPresent(key, (k, waiting) -> {
            next[0] = waiting.poll();
            return next[0] == null ? null : waiting;
        });
        if (next[0] != null) {
            next[0].run();
        }
    }

    /** Conversations with a job in flight. */
    int active() {
        return lanes.size();
    }
}
