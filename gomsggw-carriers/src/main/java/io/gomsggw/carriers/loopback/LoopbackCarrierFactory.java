package io.gomsggw.carriers.loopback;

import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.CarrierAdapterFactory;
import io.gomsggw.core.spi.CarrierContext;

/** Serves carriers of type {@code loopback}; options in {@code profile_id}, see {@link LoopbackOptions}. */
public final class LoopbackCarrierFactory implements CarrierAdapterFactory {
    @Override
    public String type() {
        return "loopback";
    }

    @Override
    public void validate(Carrier carrier) {
        LoopbackOptions.parse(carrier.profileId());
    }

    @Override
    public CarrierAdapter create(Carrier carrier, CarrierContext context) {
        return new LoopbackCarrier(carrier.name(), LoopbackOptions.parse(carrier.profileId()), context.events());
    }
}
