package io.gomsggw.core.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps conversations in order: at most one job in flight per conversation key, and a job that
 * was parked (waiting for a retry) holds its conversation until it is taken up again.
 *
 * <p>A job submitted while another of its key runs waits in the lane until that one is
 * {@link #done}. When the running job is {@link #park parked}, the jobs waiting behind it are
 * handed back to be parked after it, and the lane remembers the parked head: a later job of the
 * key is told to park behind it ({@link Turn.ParkBehind}) until the head itself comes back. So
 * that a head that never comes back (its row changed behind the gateway's back) cannot block a
 * conversation for good, the hold ends {@link #GRACE} after the head was due. Jobs of different
 * keys never wait for each other. Every decision for a key is made in one atomic update of the
 * map, so nothing overtakes a head between its parking and the next job.
 *
 * @param <J> the job
 */
final class ConversationLanes<J> {
    /** What a submitted job is to do. */
    sealed interface Turn {
        /** Its turn: run it now. */
        record Start() implements Turn {}

        /** It waits in the lane behind the running job; {@link #done} starts it later. */
        record Queued() implements Turn {}

        /** The conversation is parked until {@code until} by {@code headId}: park this job behind it. */
        record ParkBehind(String headId, Instant until) implements Turn {}
    }

    /** How long after its due time a parked head holds its conversation at most. */
    static final Duration GRACE = Duration.ofMinutes(1);

    private static final Turn START = new Turn.Start();
    private static final Turn QUEUED = new Turn.Queued();

    /** One conversation: running with jobs waiting, or parked behind a head. Guarded by the map's update of its key. */
    private static final class Lane<J> {
        final ArrayDeque<J> waiting = new ArrayDeque<>();
        String parkedHead;
        Instant parkedUntil;
    }

    private final ConcurrentHashMap<String, Lane<J>> lanes = new ConcurrentHashMap<>();

    /**
     * Decides the turn of job {@code id} of conversation {@code key} at {@code now}; a
     * {@link Turn.Queued} job is kept here and handed out by a later {@link #done}.
     */
    Turn submit(String key, String id, J job, Instant now) {
        Turn[] turn = {START};
        lanes.compute(key, (k, lane) -> {
            if (lane == null) {
                return new Lane<>();
            }
            if (lane.parkedHead != null) {
                if (lane.parkedHead.equals(id) || !lane.parkedUntil.plus(GRACE).isAfter(now)) {
                    lane.parkedHead = null;
                    lane.parkedUntil = null;
                    return lane;
                }
                // due with the head, even when that is past (the head not yet taken up): the scheduler
                // takes up the due messages of a conversation oldest first, so the head goes first, and a
                // later message never gets an earlier due time than one parked before it
                turn[0] = new Turn.ParkBehind(lane.parkedHead, lane.parkedUntil);
                return lane;
            }
            lane.waiting.add(job);
            turn[0] = QUEUED;
            return lane;
        });
        return turn[0];
    }

    /** The lane's running job is over: the next job waiting, to be started by the caller, or null. */
    J done(String key) {
        Object[] next = {null};
        lanes.computeIfPresent(key, (k, lane) -> {
            next[0] = lane.waiting.poll();
            return next[0] == null ? null : lane;
        });
        @SuppressWarnings("unchecked")
        J job = (J) next[0];
        return job;
    }

    /**
     * The lane's running job {@code headId} was parked until {@code until}: the conversation is
     * held for it, and the jobs that waited behind it are returned, in order, to be parked too.
     */
    List<J> park(String key, String headId, Instant until) {
        Object[] waiting = {List.of()};
        lanes.compute(key, (k, lane) -> {
            Lane<J> parked = lane == null ? new Lane<>() : lane;
            waiting[0] = List.copyOf(parked.waiting);
            parked.waiting.clear();
            parked.parkedHead = headId;
            parked.parkedUntil = until;
            return parked;
        });
        @SuppressWarnings("unchecked")
        List<J> jobs = (List<J>) waiting[0];
        return jobs;
    }

    /**
     * A parked message found in the store at start: its conversation is held for it unless the
     * lane is in use already (a head parked earlier, or a job running).
     */
    void holdFor(String key, String headId, Instant until, Instant now) {
        lanes.computeIfAbsent(key, k -> {
            Lane<J> lane = new Lane<>();
            lane.parkedHead = headId;
            // a head due already is taken up at the scheduler's first look
            lane.parkedUntil = until.isAfter(now) ? until : now;
            return lane;
        });
    }

    /** Conversations with a job in flight or parked. */
    int active() {
        return lanes.size();
    }
}
