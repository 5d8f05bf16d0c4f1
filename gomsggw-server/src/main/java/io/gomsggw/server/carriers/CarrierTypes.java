package io.gomsggw.server.carriers;

import io.gomsggw.core.admin.CarrierValidator;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.spi.CarrierAdapterFactory;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The carrier types this server accepts: {@code telnyx}, {@code twilio} and {@code onevoiceplus}, plus the
 * {@link CarrierAdapterFactory#type()} of every factory found by {@link ServiceLoader} (on the
 * class path and in the plug-in jars). As a {@link CarrierValidator} it refuses a carrier of any
 * other type and lets the type's factory check the rest of the record.
 */
public final class CarrierTypes implements CarrierValidator {
    private static final List<String> BUILT_IN = List.of("onevoiceplus", "telnyx", "twilio");

    private final Map<String, CarrierAdapterFactory> factories;
    private final SortedSet<String> known;

    /** @param factories the adapter factories available; the first one of a type wins */
    public CarrierTypes(Iterable<CarrierAdapterFactory> factories) {
        Map<String, CarrierAdapterFactory> byType = new TreeMap<>();
        for (CarrierAdapterFactory factory : factories) {
            byType.putIfAbsent(factory.type().toLowerCase(Locale.ROOT), factory);
        }
        SortedSet<String> types = new TreeSet<>(BUILT_IN);
        types.addAll(byType.keySet());
        this.factories = Collections.unmodifiableMap(byType);
        this.known = Collections.unmodifiableSortedSet(types);
    }

    /** The factories that {@link ServiceLoader} finds through {@code classLoader}. */
    public static CarrierTypes discover(ClassLoader classLoader) {
        return new CarrierTypes(ServiceLoader.load(CarrierAdapterFactory.class, classLoader));
    }

    /** Every accepted type, in alphabetical order. */
    public SortedSet<String> known() {
        return known;
    }

    /** The factory of {@code type}, if one was found. */
    public Optional<CarrierAdapterFactory> factory(String type) {
        return Optional.ofNullable(factories.get(type.toLowerCase(Locale.ROOT)));
    }

    /**
     * @throws IllegalArgumentException {@code type: unknown carrier type 'x' (known: telnyx, twilio)},
     *                                  or the factory's own refusal
     */
    @Override
    public void validate(Carrier carrier) {
        String type = carrier.type().toLowerCase(Locale.ROOT);
        if (!known.contains(type)) {
            throw new IllegalArgumentException(
                    "type: unknown carrier type '" + carrier.type() + "' (known: " + String.join(", ", known) + ")");
        }
        factory(type).ifPresent(factory -> factory.validate(carrier));
    }
}
