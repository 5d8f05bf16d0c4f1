package io.gomsggw.mm4.gateway;

import io.gomsggw.mm4.codec.ForwardRequest;
import java.util.Optional;

/**
 * What a message that came by MM4 keeps in its external reference: whether the PBX asked for a delivery
 * report and the message id to name in it, {@code mm4:dr=1;mid=<id>} (or {@code dr=0}), so a report is
 * still sent for a message that turns final after a restart. An id too long for the column is left out
 * (and no report can then be sent).
 */
final class ExternalRefs {
    private static final String REPORT = "mm4:dr=1;mid=";
    private static final String NO_REPORT = "mm4:dr=0;mid=";
    private static final int MAX = 255;

    private ExternalRefs() {}

    static String of(ForwardRequest request) {
        String prefix = request.deliveryReportRequested() ? REPORT : NO_REPORT;
        String reference = prefix + request.bareMessageId();
        return reference.length() <= MAX ? reference : prefix;
    }

    /** The PBX's message id (bare) when it asked for a delivery report. */
    static Optional<String> reportFor(String externalRef) {
        if (externalRef == null || !externalRef.startsWith(REPORT) || externalRef.length() == REPORT.length()) {
            return Optional.empty();
        }
        return Optional.of(externalRef.substring(REPORT.length()));
    }
}
