package io.gomsggw.smpp.pdu;

import java.util.HexFormat;

/** Test helper: joins hex fragments (spaces allowed) into bytes. */
public final class Hex {
    private Hex() {}

    public static byte[] hex(String... parts) {
        return HexFormat.of().parseHex(String.join("", parts).replace(" ", ""));
    }

    /** A PDU with a correct command_length: id, status, sequence and body fragments in hex. */
    public static byte[] framed(String id, String status, String seq, String... body) {
        byte[] b = hex(body);
        return hex(
                String.format("%08x", 16 + b.length),
                id,
                status,
                seq,
                HexFormat.of().formatHex(b));
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
