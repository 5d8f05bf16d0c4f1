package io.gomsggw.core.admin;

import io.gomsggw.core.model.Carrier;

/**
 * Checks a carrier record before it is stored: that its {@code type} is one the gateway has an
 * adapter for, and that the adapter accepts its settings. The server plugs in the registry of
 * {@link io.gomsggw.core.spi.CarrierAdapterFactory}s found by {@link java.util.ServiceLoader}.
 *
 * <p>Must not do network I/O; may be called from any thread.
 */
@FunctionalInterface
public interface CarrierValidator {
    /**
     * @throws IllegalArgumentException when the carrier is refused; the message names the field in
     *                                  API terms (e.g. {@code unknown carrier type 'foo'},
     *                                  {@code profile_id is required})
     */
    void validate(Carrier carrier);
}
