package io.gomsggw.core.testing;

import io.gomsggw.core.store.UsageStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link UsageStore} in maps, for unit tests of code above the store; every method holds the
 * store's lock, so each call is atomic, as a transaction is. Counts its grant transactions.
 */
public final class InMemoryUsageStore implements UsageStore {
    private final Map<String, Long> values = new HashMap<>();
    /** key → server id → units granted and not reported used */
    private final Map<String, Map<String, Long>> grants = new HashMap<>();

    private final Set<String> recalled = new HashSet<>();
    private long grantCalls;

    private static String key(String counter, Instant periodStart) {
        return counter + "@" + periodStart;
    }

    @Override
    public synchronized long add(String counter, Instant periodStart, long delta) {
        return values.merge(key(counter, periodStart), delta, Long::sum);
    }

    @Override
    public synchronized long get(String counter, Instant periodStart) {
        return values.getOrDefault(key(counter, periodStart), 0L);
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return 0;
    }

    @Override
    public synchronized Optional<List<Granted>> grantWithin(String serverId, List<GrantRequest> requests) {
        grantCalls++;
        for (GrantRequest r : requests) {
            if (get(r.counter(), r.periodStart()) >= r.limit()) {
                return Optional.empty();
            }
        }
        List<Granted> granted = new ArrayList<>();
        for (GrantRequest r : requests) {
            long room = r.limit() - get(r.counter(), r.periodStart());
            long units = Math.max(1, Math.min(r.cap(), room / r.spread()));
            long value = add(r.counter(), r.periodStart(), units);
            if (units > 1) {
                grants.computeIfAbsent(key(r.counter(), r.periodStart()), k -> new HashMap<>())
                        .merge(serverId, units - 1, Long::sum);
            }
            granted.add(new Granted(units, value));
        }
        return Optional.of(granted);
    }

    @Override
    public synchronized Set<Integer> settle(String serverId, List<Settlement> settlements) {
        Set<Integer> lost = new TreeSet<>();
        for (int i = 0; i < settlements.size(); i++) {
            Settlement s = settlements.get(i);
            String key = key(s.counter(), s.periodStart());
            Map<String, Long> byNode = grants.computeIfAbsent(key, k -> new HashMap<>());
            Long units = byNode.get(serverId);
            if (units == null && s.used() + s.returned() > 0) {
                if (s.used() > 0) add(s.counter(), s.periodStart(), s.used());
                lost.add(i);
                continue;
            }
            long left = (units == null ? 0 : units) - s.used() - s.returned();
            add(s.counter(), s.periodStart(), -s.returned());
            if (left <= 0) {
                byNode.remove(serverId);
                recalled.remove(key + "#" + serverId);
            } else {
                byNode.put(serverId, left);
            }
        }
        return lost;
    }

    @Override
    public synchronized int recall(String serverId, String counter, Instant periodStart) {
        int holders = 0;
        String key = key(counter, periodStart);
        for (Map.Entry<String, Long> grant : grants.getOrDefault(key, Map.of()).entrySet()) {
            if (!grant.getKey().equals(serverId) && grant.getValue() > 0) {
                recalled.add(key + "#" + grant.getKey());
                holders++;
            }
        }
        return holders;
    }

    @Override
    public synchronized List<CounterPeriod> recalled(String serverId) {
        List<CounterPeriod> found = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> entry : grants.entrySet()) {
            if (entry.getValue().containsKey(serverId) && recalled.contains(entry.getKey() + "#" + serverId)) {
                int at = entry.getKey().lastIndexOf('@');
                found.add(new CounterPeriod(
                        entry.getKey().substring(0, at),
                        Instant.parse(entry.getKey().substring(at + 1))));
            }
        }
        return found;
    }

    @Override
    public synchronized long used(String counter, Instant periodStart) {
        long granted = grants.getOrDefault(key(counter, periodStart), Map.of()).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        return get(counter, periodStart) - granted;
    }

    /** Gives back every grant of {@code serverId}, as a takeover of that node does. */
    public synchronized long returnGrantsOf(String serverId) {
        long returned = 0;
        for (Map.Entry<String, Map<String, Long>> entry : grants.entrySet()) {
            Long units = entry.getValue().remove(serverId);
            if (units != null) {
                values.merge(entry.getKey(), -units, Long::sum);
                returned += units;
            }
        }
        return returned;
    }

    /** Units granted to {@code serverId} and not reported used, over every counter. */
    public synchronized long grantedTo(String serverId) {
        return grants.values().stream()
                .mapToLong(byNode -> byNode.getOrDefault(serverId, 0L))
                .sum();
    }

    /** How many times {@link #grantWithin} was called. */
    public synchronized long grantCalls() {
        return grantCalls;
    }
}
