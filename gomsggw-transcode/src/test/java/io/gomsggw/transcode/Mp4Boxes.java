package io.gomsggw.transcode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Just enough of ISO BMFF (MP4) for the tests to damage a file on purpose: find boxes by path
 * ({@code moov/trak/mdia/minf/stbl/stsd/avc1/avcC}), change bytes in them, and replace one box
 * with another of a different size (the sizes of its ancestors follow). Assumes the layout FFmpeg
 * writes: {@code mdat} before {@code moov}, so resizing a box in {@code moov} moves no sample.
 */
final class Mp4Boxes {
    private static final Set<String> CONTAINERS =
            Set.of("moov", "trak", "mdia", "minf", "stbl", "edts", "dinf", "udta");
    /** Where the children of a box that has fields before them start, from the box's start. */
    private static int childrenAt(String type) {
        return switch (type) {
            case "stsd" -> 16; // header, version and flags, entry count
            case "avc1", "mp4v", "s263" -> 86; // header and the visual sample entry's 78 bytes of fields
            default -> 8;
        };
    }

    private Mp4Boxes() {}

    /** A box: its type, where it starts, its size, and the boxes it is in (outermost first). */
    record Box(String type, int offset, int size, List<Box> ancestors) {
        int end() {
            return offset + size;
        }

        /** Where its fields (or children) start: after the 8-byte header. */
        int body() {
            return offset + 8;
        }
    }

    /** Every box at {@code path} (types separated by {@code /}), in file order. */
    static List<Box> find(byte[] file, String path) {
        List<Box> found = new ArrayList<>();
        walk(file, 0, file.length, List.of(), path.split("/"), 0, found);
        return found;
    }

    static Box first(byte[] file, String path) {
        List<Box> boxes = find(file, path);
        if (boxes.isEmpty()) throw new IllegalStateException("no box " + path);
        return boxes.get(0);
    }

    private static void walk(
            byte[] b, int from, int to, List<Box> ancestors, String[] path, int depth, List<Box> found) {
        int at = from;
        while (at + 8 <= to) {
            int size = ByteBuffer.wrap(b, at, 4).getInt();
            String type = new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (size == 0) size = to - at;
            if (size < 8 || at + size > to) throw new IllegalStateException("box " + type + " at " + at + " is broken");
            if (type.equals(path[depth])) {
                Box box = new Box(type, at, size, ancestors);
                if (depth == path.length - 1) {
                    found.add(box);
                } else if (CONTAINERS.contains(type) || childrenAt(type) != 8) {
                    List<Box> inside = new ArrayList<>(ancestors);
                    inside.add(box);
                    walk(b, at + childrenAt(type), at + size, List.copyOf(inside), path, depth + 1, found);
                }
            }
            at += size;
        }
    }

    /** The file with {@code box} replaced by a box of the same type holding {@code body}; its ancestors resized. */
    static byte[] replaceBody(byte[] file, Box box, byte[] body) {
        if (first(file, "mdat").offset() > box.offset()) throw new IllegalStateException("moov before mdat");
        int delta = body.length + 8 - box.size();
        ByteBuffer out = ByteBuffer.allocate(file.length + delta);
        out.put(file, 0, box.offset());
        out.putInt(body.length + 8)
                .put(box.type().getBytes(StandardCharsets.ISO_8859_1))
                .put(body);
        out.put(file, box.end(), file.length - box.end());
        byte[] result = out.array();
        for (Box ancestor : box.ancestors()) {
            ByteBuffer.wrap(result).putInt(ancestor.offset(), ancestor.size() + delta);
        }
        return result;
    }

    static int u32(byte[] b, int at) {
        return ByteBuffer.wrap(b).getInt(at);
    }

    static void putU32(byte[] b, int at, int value) {
        ByteBuffer.wrap(b).putInt(at, value);
    }

    static void putU16(byte[] b, int at, int value) {
        ByteBuffer.wrap(b).putShort(at, (short) value);
    }
}
