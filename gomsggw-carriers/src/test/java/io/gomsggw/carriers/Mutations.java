package io.gomsggw.carriers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Byte-level mutations of real payloads for property tests: flips, cuts, deletions, insertions. */
public final class Mutations {
    private Mutations() {}

    /** Lists of up to {@code max} mutations; inserted tokens come from {@code tokens}. */
    public static Arbitrary<List<UnaryOperator<byte[]>>> of(List<String> tokens, int max) {
        Arbitrary<UnaryOperator<byte[]>> flip = Combinators.combine(
                        Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.integers().between(0, 7))
                .as((pos, bit) -> b -> {
                    if (b.length == 0) {
                        return b;
                    }
                    byte[] c = b.clone();
                    c[pos % c.length] ^= (byte) (1 << bit);
                    return c;
                });
        Arbitrary<UnaryOperator<byte[]>> truncate = Arbitraries.integers()
                .greaterOrEqual(0)
                .map(pos -> b -> Arrays.copyOf(b, b.length == 0 ? 0 : pos % b.length));
        Arbitrary<UnaryOperator<byte[]>> insertBytes = Combinators.combine(
                        Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(32))
                .as(Mutations::insert);
        Arbitrary<UnaryOperator<byte[]>> insertToken = Combinators.combine(
                        Arbitraries.integers().greaterOrEqual(0), Arbitraries.of(tokens))
                .as((pos, token) -> insert(pos, token.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<UnaryOperator<byte[]>> delete = Combinators.combine(
                        Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.integers().between(1, 64))
                .as((pos, len) -> b -> {
                    if (b.length == 0) {
                        return b;
                    }
                    int from = pos % b.length;
                    int to = Math.min(b.length, from + len);
                    byte[] c = new byte[b.length - (to - from)];
                    System.arraycopy(b, 0, c, 0, from);
                    System.arraycopy(b, to, c, from, b.length - to);
                    return c;
                });
        return Arbitraries.oneOf(flip, truncate, insertBytes, insertToken, delete)
                .list()
                .ofMinSize(1)
                .ofMaxSize(max);
    }

    /** {@code bytes} with every mutation applied in order. */
    public static byte[] apply(byte[] bytes, List<UnaryOperator<byte[]>> mutations) {
        byte[] b = bytes;
        for (UnaryOperator<byte[]> mutation : mutations) {
            b = mutation.apply(b);
        }
        return b;
    }

    private static UnaryOperator<byte[]> insert(int pos, byte[] what) {
        return b -> {
            int at = b.length == 0 ? 0 : pos % (b.length + 1);
            byte[] c = new byte[b.length + what.length];
            System.arraycopy(b, 0, c, 0, at);
            System.arraycopy(what, 0, c, at, what.length);
            System.arraycopy(b, at, c, at + what.length, b.length - at);
            return c;
        };
    }
}
