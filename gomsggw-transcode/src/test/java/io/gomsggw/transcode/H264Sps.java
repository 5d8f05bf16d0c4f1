package io.gomsggw.transcode;

import java.io.ByteArrayOutputStream;
import java.util.Set;

/**
 * Rewrites the picture size in an H.264 sequence parameter set (ITU-T H.264 7.3.2.1.1): reads the
 * fields up to {@code pic_width_in_mbs_minus1} and {@code pic_height_in_map_units_minus1}, writes
 * other values there, copies the rest of the bits, realigns the trailing bits and puts the
 * emulation prevention bytes back. For the tests' hostile-media corpus.
 */
final class H264Sps {
    private static final Set<Integer> HIGH_PROFILES =
            Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135);

    private H264Sps() {}

    /** The SPS NAL unit (with its header byte) declaring {@code widthMbs × heightMbs} macroblocks. */
    static byte[] withSize(byte[] nal, int widthMbs, int heightMbs) {
        byte[] rbsp = unescape(nal);
        Bits in = new Bits(rbsp);
        in.skip(8); // NAL header
        int profile = in.u(8);
        in.skip(16); // constraint flags, level
        in.ue(); // seq_parameter_set_id
        if (HIGH_PROFILES.contains(profile)) {
            if (in.ue() == 3) in.skip(1); // chroma_format_idc, separate_colour_plane_flag
            in.ue(); // bit_depth_luma_minus8
            in.ue(); // bit_depth_chroma_minus8
            in.skip(1); // qpprime_y_zero_transform_bypass_flag
            if (in.u(1) == 1) throw new IllegalArgumentException("scaling matrices are not handled");
        }
        in.ue(); // log2_max_frame_num_minus4
        int pocType = in.ue();
        if (pocType == 0) in.ue();
        if (pocType == 1) throw new IllegalArgumentException("pic_order_cnt_type 1 is not handled");
        in.ue(); // max_num_ref_frames
        in.skip(1); // gaps_in_frame_num_value_allowed_flag
        int sizeAt = in.position;
        in.ue();
        in.ue();
        int restAt = in.position;
        int stopBit = lastOneBit(rbsp);

        BitWriter out = new BitWriter();
        for (int i = 0; i < sizeAt; i++) out.bit(bit(rbsp, i));
        out.ue(widthMbs - 1);
        out.ue(heightMbs - 1);
        for (int i = restAt; i < stopBit; i++) out.bit(bit(rbsp, i));
        out.bit(1);
        while (out.length % 8 != 0) out.bit(0);
        return escape(out.bytes.toByteArray());
    }

    private static int bit(byte[] b, int i) {
        return (b[i >> 3] >> (7 - (i & 7))) & 1;
    }

    private static int lastOneBit(byte[] b) {
        for (int i = b.length * 8 - 1; i >= 0; i--) {
            if (bit(b, i) == 1) return i;
        }
        throw new IllegalArgumentException("no rbsp_stop_one_bit");
    }

    private static byte[] unescape(byte[] nal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int zeros = 0;
        for (byte value : nal) {
            if (zeros >= 2 && value == 3) {
                zeros = 0;
                continue;
            }
            zeros = value == 0 ? zeros + 1 : 0;
            out.write(value);
        }
        return out.toByteArray();
    }

    private static byte[] escape(byte[] rbsp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int zeros = 0;
        for (int i = 0; i < rbsp.length; i++) {
            int value = rbsp[i] & 0xFF;
            if (i > 0 && zeros >= 2 && value <= 3) {
                out.write(3);
                zeros = 0;
            }
            zeros = value == 0 ? zeros + 1 : 0;
            out.write(value);
        }
        return out.toByteArray();
    }

    private static final class Bits {
        private final byte[] b;
        int position;

        Bits(byte[] b) {
            this.b = b;
        }

        void skip(int n) {
            position += n;
        }

        int u(int n) {
            int v = 0;
            for (int i = 0; i < n; i++) v = v << 1 | bit(b, position++);
            return v;
        }

        int ue() {
            int zeros = 0;
            while (bit(b, position++) == 0) zeros++;
            return (1 << zeros) - 1 + u(zeros);
        }
    }

    private static final class BitWriter {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int current;
        int length;

        void bit(int bit) {
            current = current << 1 | bit;
            if (++length % 8 == 0) {
                bytes.write(current);
                current = 0;
            }
        }

        void ue(int value) {
            int x = value + 1;
            int n = 32 - Integer.numberOfLeadingZeros(x);
            for (int i = 0; i < n - 1; i++) bit(0);
            for (int i = n - 1; i >= 0; i--) bit((x >> i) & 1);
        }
    }
}
