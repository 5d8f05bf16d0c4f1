package io.gomsggw.server.messaging;

import io.gomsggw.core.admin.DirectorySnapshot;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.CarrierAdapterFactory;
import io.gomsggw.core.spi.CarrierContext;
import io.gomsggw.server.carriers.CarrierTypes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live carrier adapters, one per carrier record, kept in step with the directory: a new or
 * changed carrier gets a new adapter from its type's factory, a removed one is closed. Lookups by
 * name are lock-free map reads.
 */
public final class CarrierAdapters implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CarrierAdapters.class);

    private record Live(Carrier carrier, CarrierAdapter adapter) {}

    private final CarrierTypes types;
    private final CarrierContext context;
    private final ConcurrentHashMap<String, Live> byName = new ConcurrentHashMap<>();

    public CarrierAdapters(CarrierTypes types, CarrierContext context) {
        this.types = types;
        this.context = context;
    }

    public Optional<CarrierAdapter> byName(String name) {
        Live live = byName.get(name);
        return live == null ? Optional.empty() : Optional.of(live.adapter());
    }

    /** Brings the adapters in line with the carriers of {@code snapshot}. Called under the directory's reload lock. */
    public void sync(DirectorySnapshot snapshot) {
        Map<String, Carrier> wanted = new HashMap<>();
        for (Carrier carrier : snapshot.carriers()) {
            wanted.put(carrier.name(), carrier);
        }
        for (Map.Entry<String, Live> entry : byName.entrySet()) {
            Carrier now = wanted.get(entry.getKey());
            if (now == null || !sameConfiguration(now, entry.getValue().carrier())) {
                byName.remove(entry.getKey());
                entry.getValue().adapter().close();
            }
        }
        for (Carrier carrier : wanted.values()) {
            if (byName.containsKey(carrier.name())) {
                continue;
            }
            Optional<CarrierAdapterFactory> factory = types.factory(carrier.type());
            if (factory.isEmpty()) {
                log.warn(
                        "no adapter for carrier name={} type={}: its messages will fail until one is installed",
                        carrier.name(),
                        carrier.type());
                continue;
            }
            try {
                byName.put(carrier.name(), new Live(carrier, factory.get().create(carrier, context)));
            } catch (RuntimeException e) {
                log.warn(
                        "carrier adapter not created name={} type={} error={}",
                        carrier.name(),
                        carrier.type(),
                        e.getMessage());
            }
        }
    }

    private static boolean sameConfiguration(Carrier a, Carrier b) {
        return a.id() == b.id()
                && a.type().equals(b.type())
                && Objects.equals(a.username(), b.username())
                && a.password().equals(b.password())
                && a.uuid().equals(b.uuid())
                && Objects.equals(a.profileId(), b.profileId())
                && Objects.equals(a.webhookPublicKey(), b.webhookPublicKey())
                && Objects.equals(a.baseUrl(), b.baseUrl());
    }

    @Override
    public void close() {
        for (Live live : byName.values()) {
            live.adapter().close();
        }
        byName.clear();
    }
}
