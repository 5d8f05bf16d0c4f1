package io.gomsggw.server.carriers;

import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.CarrierAdapterFactory;
import io.gomsggw.core.spi.CarrierContext;

/** A plug-in carrier type for tests; it requires a {@code profile_id}. Registered only inside jars the tests build. */
public final class PigeonCarrierFactory implements CarrierAdapterFactory {
    @Override
    public String type() {
        return "pigeon";
    }

    @Override
    public void validate(Carrier carrier) {
        if (carrier.profileId() == null) {
            throw new IllegalArgumentException("profile_id is required for pigeon carriers");
        }
    }

    @Override
    public CarrierAdapter create(Carrier carrier, CarrierContext context) {
        throw new UnsupportedOperationException("pigeons carry no messages in tests");
    }
}
