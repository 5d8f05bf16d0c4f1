package io.gomsggw.server.messaging;

import io.gomsggw.core.pipeline.MessagePipeline;
import io.gomsggw.core.spi.CarrierEvents;
import io.gomsggw.core.spi.WebhookResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands what carrier adapters report on their own (a timer, a connection) to the pipeline. The
 * pipeline is set once it exists, since adapters are created before it.
 */
final class PipelineCarrierEvents implements CarrierEvents {
    private static final Logger log = LoggerFactory.getLogger(PipelineCarrierEvents.class);

    private final AtomicReference<MessagePipeline> pipeline = new AtomicReference<>();

    void attach(MessagePipeline target) {
        pipeline.set(target);
    }

    @Override
    public void status(String carrierName, WebhookResult.StatusUpdate update) {
        MessagePipeline target = pipeline.get();
        if (target == null) {
            log.warn("status before the pipeline started carrier={} id={}", carrierName, update.carrierMessageId());
            return;
        }
        target.applyStatus(carrierName, update).whenComplete((message, error) -> {
            if (error != null) {
                log.warn(
                        "status not applied carrier={} id={} error={}",
                        carrierName,
                        update.carrierMessageId(),
                        error.toString());
            }
        });
    }

    @Override
    public void inbound(String carrierName, WebhookResult.InboundMessage message) {
        MessagePipeline target = pipeline.get();
        if (target == null) {
            log.warn("inbound message before the pipeline started carrier={}", carrierName);
            return;
        }
        target.receive(carrierName, message.from(), message.to(), message.text(), List.of(), message.carrierMessageId())
                .whenComplete((route, error) -> {
                    if (error != null) {
                        log.warn("inbound message not stored carrier={} error={}", carrierName, error.toString());
                    }
                });
    }
}
