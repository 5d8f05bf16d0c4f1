package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.smpp.pdu.CommandStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmppStatusTallyTest {
    @Test
    void countsEachCommandStatusAndAddsUp() {
        SmppStatusTally one = new SmppStatusTally();
        one.answer(CommandStatus.ESME_ROK.code());
        one.answer(CommandStatus.ESME_ROK.code());
        one.answer(CommandStatus.ESME_RTHROTTLED.code());
        one.failure();
        SmppStatusTally two = new SmppStatusTally();
        two.answer(CommandStatus.ESME_ROK.code());
        two.answer(CommandStatus.ESME_RMSGQFUL.code());
        two.answer(0x400); // vendor-specific
        two.answer(CommandStatus.ESME_RSYSERR.code());

        one.add(two);

        assertThat(one.ok()).isEqualTo(3);
        assertThat(one.count(CommandStatus.ESME_RTHROTTLED)).isEqualTo(1);
        assertThat(one.count(CommandStatus.ESME_RMSGQFUL)).isEqualTo(1);
        assertThat(one.count(CommandStatus.ESME_RINVDSTADR)).isZero();
        assertThat(one.statuses()).isEqualTo(Map.of(0, 3L, 0x08, 1L, 0x14, 1L, 0x58, 1L, 0x400, 1L));
        assertThat(List.copyOf(one.statuses().keySet())).containsExactly(0, 0x08, 0x14, 0x58, 0x400);
        assertThat(one.failed()).isEqualTo(1);
        assertThat(one.answered()).isEqualTo(7);
        assertThat(one.total()).isEqualTo(8);
    }
}
