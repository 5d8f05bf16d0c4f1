package io.gomsggw.mm4.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusTest {
    @Test
    void requestStatusesHaveTheSpecWireTextsReadInAnyCase() {
        assertThat(RequestStatus.values())
                .extracting(RequestStatus::wireText)
                .containsExactly(
                        "Ok",
                        "Error-unspecified",
                        "Error-service-denied",
                        "Error-message-format-corrupt",
                        "Error-sending-address-unresolved",
                        "Error-message-not-found",
                        "Error-network-problem",
                        "Error-content-not-accepted",
                        "Error-unsupported-message");
        for (RequestStatus s : RequestStatus.values()) {
            assertThat(RequestStatus.fromWire(s.wireText().toUpperCase())).contains(s);
            assertThat(RequestStatus.fromWire(" \"" + s.wireText().toLowerCase() + "\" "))
                    .contains(s);
        }
        assertThat(RequestStatus.fromWire("Error-who-knows")).isEmpty();
        assertThat(RequestStatus.fromWire(null)).isEmpty();
    }

    @Test
    void mmStatusesReadInAnyCaseAndBothSpellings() {
        assertThat(MmStatus.values())
                .extracting(MmStatus::wireText)
                .containsExactly(
                        "Expired",
                        "Retrieved",
                        "Rejected",
                        "Deferred",
                        "Unrecognised",
                        "Indeterminate",
                        "Forwarded",
                        "Unreachable");
        for (MmStatus s : MmStatus.values()) {
            assertThat(MmStatus.fromWire(s.wireText().toLowerCase())).contains(s);
        }
        assertThat(MmStatus.fromWire("Unrecognized")).contains(MmStatus.UNRECOGNISED);
        assertThat(MmStatus.fromWire("Delivered-ish")).isEmpty();
    }

    @Test
    void messageTypes() {
        assertThat(Mm4MessageType.fromWire("mm4_FORWARD.req")).contains(Mm4MessageType.FORWARD_REQ);
        assertThat(Mm4MessageType.fromWire("MM4_read_reply_report.REQ")).isEmpty();
    }
}
