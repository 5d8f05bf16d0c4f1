package io.gomsggw.smpp.session;

import static io.gomsggw.smpp.session.SessionChannels.GATE;
import static io.gomsggw.smpp.session.SessionChannels.SETTINGS;
import static io.gomsggw.smpp.session.SessionChannels.bind;
import static io.gomsggw.smpp.session.SessionChannels.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.smpp.pdu.BindMode;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.EnquireLink;
import io.gomsggw.smpp.pdu.EnquireLinkResp;
import io.gomsggw.smpp.pdu.Pdu;
import io.gomsggw.smpp.pdu.PduEncoder;
import io.gomsggw.smpp.pdu.SubmitSm;
import io.gomsggw.smpp.pdu.SubmitSmResp;
import io.gomsggw.smpp.session.SessionChannels.PeerChannel;
import io.gomsggw.smpp.session.SessionChannels.Requests;
import io.gomsggw.smpp.session.SessionChannels.Sessions;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The peer's window of unanswered requests and the pause while its answers wait unread. */
class InboundFlowControlTest {
    private static final int WINDOW = 4;

    private final Requests requests = new Requests();
    private PeerChannel channel;

    @BeforeEach
    void bound() {
        channel = SessionChannels.smsc(SETTINGS.withPeerWindow(WINDOW), GATE, requests, new Sessions());
        channel.receive(bind(BindMode.TRANSCEIVER, 1));
        assertThat(channel.sent()).hasSize(1);
        requests.hold = true;
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private SessionBacklog backlog() {
        return channel.pipeline().get(InboundFlowControl.class).backlog(channel);
    }

    private static SubmitSm[] submits(int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(SessionChannels::submit)
                .toArray(SubmitSm[]::new);
    }

    @Test
    void aFullWindowStopsReadingAndThrottlesWhatWasAlreadyRead() {
        channel.receive(submits(10, 10)); // one read holding ten requests

        assertThat(requests.seen).extracting(Pdu::sequenceNumber).containsExactly(10, 11, 12, 13);
        assertThat(channel.sent())
                .containsExactlyElementsOf(IntStream.range(14, 20)
                        .mapToObj(seq -> new SubmitSmResp(CommandStatus.ESME_RTHROTTLED.code(), seq, ""))
                        .toList());
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(backlog())
                .isEqualTo(new SessionBacklog(WINDOW, 0, WINDOW, backlog().peakQueuedBytes(), 6, 1));

        requests.releaseOne();
        assertThat(channel.sent()).containsExactly(new SubmitSmResp(0, 10, "id-10"));
        assertThat(channel.config().isAutoRead())
                .as("reads again at half the window, not before")
                .isFalse();
        requests.releaseOne();
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(backlog().unansweredRequests()).isEqualTo(2);

        channel.receive(submit(20));
        assertThat(requests.seen).hasSize(5);
    }

    @Test
    void enquireLinkIsAnsweredWhileTheWindowIsFull() {
        channel.receive(submits(10, WINDOW));
        channel.receive(new EnquireLink(30));

        assertThat(channel.sent()).containsExactly(new EnquireLinkResp(0, 30));
        assertThat(backlog().unansweredRequests()).isEqualTo(WINDOW);
    }

    @Test
    void answersTheDecoderRefusedCountUntilWritten() {
        requests.hold = false;
        byte[] bad = new PduEncoder().encode(submit(11));
        bad[bad.length - 6] = (byte) 0xFF; // sm_length 255 > 254
        channel.receive(bad);

        assertThat(channel.sent()).containsExactly(new SubmitSmResp(CommandStatus.ESME_RINVMSGLEN.code(), 11, ""));
        assertThat(backlog().unansweredRequests()).isZero();
        assertThat(backlog().peakUnansweredRequests()).isEqualTo(1);
    }

    @Test
    void anUnwritableChannelStopsReadingAndThrottlesUntilItDrains() {
        requests.hold = false;
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false); // answers pile up unread
        channel.runPendingTasks();

        assertThat(channel.config().isAutoRead()).isFalse();
        channel.receive(submit(10));
        assertThat(channel.sent()).containsExactly(new SubmitSmResp(CommandStatus.ESME_RTHROTTLED.code(), 10, ""));
        assertThat(requests.seen).isEmpty();

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).isTrue();
        channel.receive(submit(11));
        assertThat(channel.sent()).containsExactly(new SubmitSmResp(0, 11, "id-11"));
        assertThat(backlog().readPauses()).isEqualTo(1);
        assertThat(backlog().throttledRequests()).isEqualTo(1);
    }

    @Test
    void theWaterMarksAreTheOnesTheBoundsAssume() {
        assertThat(channel.config().getWriteBufferHighWaterMark()).isEqualTo(InboundFlowControl.HIGH_WATER_MARK);
        assertThat(channel.config().getWriteBufferLowWaterMark()).isEqualTo(InboundFlowControl.LOW_WATER_MARK);
    }
}
