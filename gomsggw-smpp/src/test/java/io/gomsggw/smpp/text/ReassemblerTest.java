package io.gomsggw.smpp.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.testing.MutableClock;
import io.gomsggw.smpp.charset.DataCoding;
import io.gomsggw.smpp.charset.Gsm7;
import io.gomsggw.smpp.charset.TextCodecs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReassemblerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Reassembler r = new Reassembler(clock, Duration.ofMinutes(1), 10, DataCoding.STANDARD);

    private static List<Reassembler.Fragment> fragments(String text, int ref, Segmenter seg) throws UdhException {
        Segments s = seg.segment(text, ref);
        List<Reassembler.Fragment> out = new ArrayList<>();
        for (byte[] part : s.parts()) {
            UserData ud = Udh.parse(part);
            out.add(new Reassembler.Fragment("A", "B", ud.concat().orElseThrow(), s.dataCoding(), ud.payload()));
        }
        return out;
    }

    private Reassembler.Result offerAll(List<Reassembler.Fragment> fs) {
        Reassembler.Result last = null;
        for (Reassembler.Fragment f : fs) {
            last = r.offer(f);
        }
        return last;
    }

    @Test
    void inOrder() throws Exception {
        String text = SegmenterTest.ucs2WithEmoji(300);
        List<Reassembler.Fragment> fs = fragments(text, 5, Segmenter.STANDARD);
        assertThat(r.offer(fs.get(0))).isEqualTo(new Reassembler.Pending(1, 5));
        Reassembler.Result res = offerAll(fs.subList(1, 5));
        assertThat(res)
                .isInstanceOfSatisfying(
                        Reassembler.Complete.class, c -> assertThat(c.text()).contains(text));
        assertThat(r.pendingParts()).isZero();
    }

    @Test
    void outOfOrderGsmWithEuro() throws Exception {
        String text = "€uro ".repeat(80);
        List<Reassembler.Fragment> fs = new ArrayList<>(fragments(text, 6, Segmenter.STANDARD));
        Collections.reverse(fs);
        assertThat(offerAll(fs))
                .isInstanceOfSatisfying(
                        Reassembler.Complete.class, c -> assertThat(c.text()).contains(text));
    }

    @Test
    void duplicatesIgnored() throws Exception {
        List<Reassembler.Fragment> fs = fragments("x".repeat(300), 1, Segmenter.STANDARD);
        r.offer(fs.get(0));
        assertThat(r.offer(fs.get(0))).isInstanceOf(Reassembler.Duplicate.class);
        assertThat(r.offer(fs.get(1))).isInstanceOf(Reassembler.Complete.class);
    }

    @Test
    void sixteenBitReferences() throws Exception {
        String text = "y".repeat(400);
        List<Reassembler.Fragment> fs = fragments(text, 0xBEEF, new Segmenter(true, false));
        assertThat(fs.get(0).concat().reference()).isEqualTo(0xBEEF);
        assertThat(offerAll(fs))
                .isInstanceOfSatisfying(
                        Reassembler.Complete.class, c -> assertThat(c.text()).contains(text));
    }

    @Test
    void sarPartsAndSplitSurrogateFromCarelessSender() {
        byte[] all = TextCodecs.UCS2.encode("ab😀cd");
        byte[] p1 = Arrays.copyOfRange(all, 0, 6); // ends with the high surrogate
        byte[] p2 = Arrays.copyOfRange(all, 6, all.length);
        r.offer(new Reassembler.Fragment("A", "B", new ConcatInfo(300, 2, 1), 8, p1));
        assertThat(r.offer(new Reassembler.Fragment("A", "B", new ConcatInfo(300, 2, 2), 8, p2)))
                .isInstanceOfSatisfying(
                        Reassembler.Complete.class, c -> assertThat(c.text()).contains("ab😀cd"));
    }

    @Test
    void keysSeparateSenders() {
        byte[] x = Gsm7.encodeUnpacked("x");
        r.offer(new Reassembler.Fragment("A", "B", new ConcatInfo(1, 2, 1), 0, x));
        assertThat(r.offer(new Reassembler.Fragment("C", "B", new ConcatInfo(1, 2, 2), 0, x)))
                .isInstanceOf(Reassembler.Pending.class);
        assertThat(r.pendingMessages()).isEqualTo(2);
    }

    @Test
    void expiry() {
        byte[] x = Gsm7.encodeUnpacked("x");
        r.offer(new Reassembler.Fragment("A", "B", new ConcatInfo(1, 2, 1), 0, x));
        clock.advance(Duration.ofSeconds(59));
        assertThat(r.expire()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(r.expire()).containsExactly(new Reassembler.Expired("A", "B", 1, 1, 2));
        assertThat(r.pendingParts()).isZero();
        assertThat(r.offer(new Reassembler.Fragment("A", "B", new ConcatInfo(1, 2, 2), 0, x)))
                .isEqualTo(new Reassembler.Pending(1, 2));
    }

    @Test
    void pendingCap() {
        byte[] x = Gsm7.encodeUnpacked("x");
        for (int i = 0; i < 10; i++) {
            assertThat(r.offer(new Reassembler.Fragment("A", "B", new ConcatInfo(i, 3, 1), 0, x)))
                    .isInstanceOf(Reassembler.Pending.class);
        }
        assertThat(r.offer(new Reassembler.Fragment("A", "B", new ConcatInfo(99, 3, 1), 0, x)))
                .isEqualTo(new Reassembler.Rejected(10));
        clock.advance(Duration.ofSeconds(61));
        assertThat(r.offer(new Reassembler.Fragment("A", "B", new ConcatInfo(99, 3, 1), 0, x)))
                .isInstanceOf(Reassembler.Pending.class);
    }

    @Test
    void singlePartCompletesImmediately() {
        assertThat(r.offer(new Reassembler.Fragment("A", "B", new ConcatInfo(0, 1, 1), 4, new byte[] {1, 2})))
                .isInstanceOfSatisfying(
                        Reassembler.Complete.class, c -> assertThat(c.text()).isEmpty());
    }
}
