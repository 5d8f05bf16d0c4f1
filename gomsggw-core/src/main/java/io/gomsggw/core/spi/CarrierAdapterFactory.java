package io.gomsggw.core.spi;

import io.gomsggw.core.model.Carrier;

/**
 * Creates {@link CarrierAdapter}s of one carrier type. Implementations are found with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/io.gomsggw.core.spi.CarrierAdapterFactory}
 * entry), on the class path or in a jar in the server's plug-in directory, and need a public
 * no-argument constructor.
 *
 * <p>Threading: {@link #create} may be called from any thread, again for every reload of the
 * carrier. It must not do network I/O; a configuration it cannot work with throws
 * {@link IllegalArgumentException} with a message that names the field, and the carrier is refused.
 */
public interface CarrierAdapterFactory {
    /** The {@code type} of carrier records this factory serves, e.g. {@code telnyx}; lower case. */
    String type();

    /** Checks a carrier record without creating anything; throws {@link IllegalArgumentException} naming the bad field. */
    default void validate(Carrier carrier) {}

    CarrierAdapter create(Carrier carrier, CarrierContext context);
}
