package io.gomsggw.transcode;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Images drawn and encoded by the tests themselves. */
public final class Fixtures {
    private Fixtures() {}

    /** Gradients, shapes and per-pixel noise: compresses about as badly as a real photo. */
    public static BufferedImage photoLike(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int noise = random.nextInt(48) - 24;
                int r = clamp(255 * x / w + noise);
                int g = clamp(255 * y / h + noise);
                int b = clamp(128 + (int) (100 * Math.sin((x + y) / 37.0)) + noise);
                px[y * w + x] = (r << 16) | (g << 8) | b;
            }
        }
        Graphics2D g = img.createGraphics();
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillOval(random.nextInt(w), random.nextInt(h), w / 10, h / 10);
        }
        g.dispose();
        return img;
    }

    /** Four solid quadrants: top-left red, top-right green, bottom-left blue, bottom-right yellow. */
    public static BufferedImage quadrants(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h / 2);
        g.setColor(Color.GREEN);
        g.fillRect(w / 2, 0, w - w / 2, h / 2);
        g.setColor(Color.BLUE);
        g.fillRect(0, h / 2, w / 2, h - h / 2);
        g.setColor(Color.YELLOW);
        g.fillRect(w / 2, h / 2, w - w / 2, h - h / 2);
        g.dispose();
        return img;
    }

    public static byte[] jpeg(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** PNG, GIF or BMP through ImageIO. */
    public static byte[] imageIo(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no writer for " + format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] tiff(BufferedImage img) {
        try {
            return Imaging.writeImageToBytes(img, ImageFormats.TIFF);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JPEG with an EXIF APP1 segment carrying {@code Orientation = orientation}. */
    public static byte[] withOrientation(byte[] jpeg, int orientation) {
        try {
            TiffOutputSet exif = new TiffOutputSet();
            exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(jpeg, out, exif);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A two-frame animated GIF. */
    public static byte[] animatedGif(int w, int h) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(quadrants(w, h), null, null), null);
            writer.writeToSequence(new IIOImage(photoLike(w, h, 7), null, null), null);
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A PNG whose IHDR claims {@code w × h} pixels, followed by a tiny IDAT and IEND. */
    public static byte[] pngHeader(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13)
                .putInt(w)
                .putInt(h)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A WebP (VP8L, lossless) header of {@code w × h}; enough for detection and dimensions. */
    public static byte[] webpHeader(int w, int h) {
        int bits = (w - 1) | ((h - 1) << 14);
        byte[] vp8l = {0x2F, (byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24), 0, 0, 0};
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + vp8l.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(4 + 8 + vp8l.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put("VP8L".getBytes(StandardCharsets.US_ASCII))
                .putInt(vp8l.length)
                .put(vp8l);
        return b.array();
    }

    /**
     * A WebP file from {@code src/test/resources/webp/}, made with libwebp's {@code cwebp} and
     * {@code img2webp} by {@code make.sh} there (no Java WebP encoder exists).
     */
    public static byte[] webp(String name) {
        try (java.io.InputStream in = Fixtures.class.getResourceAsStream("/webp/" + name)) {
            if (in == null) throw new IllegalStateException("no fixture webp/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of {@code webp} whose first {@code fourcc} chunk declares {@code w × h} pixels, its
     * data otherwise untouched: VP8X and ANMF carry 24-bit sizes minus one, VP8L 14-bit sizes
     * minus one after its signature, VP8 (a key frame) 14-bit sizes after its start code.
     */
    public static byte[] webpDeclaring(byte[] webp, String fourcc, int w, int h) {
        byte[] b = webp.clone();
        int at = 12;
        while (!new String(b, at, 4, StandardCharsets.US_ASCII).equals(fourcc)) {
            int size = ByteBuffer.wrap(b, at + 4, 4)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .getInt();
            at += 8 + size + (size & 1);
        }
        ByteBuffer data = ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int d = at + 8;
        switch (fourcc) {
            case "VP8X" -> {
                put24(data, d + 4, w - 1);
                put24(data, d + 7, h - 1);
            }
            case "ANMF" -> {
                put24(data, d + 6, w - 1);
                put24(data, d + 9, h - 1);
            }
            case "VP8L" -> data.putInt(d + 1, (data.getInt(d + 1) & 0xF0000000) | (w - 1) | (h - 1) << 14);
            case "VP8 " -> {
                data.putShort(d + 6, (short) w);
                data.putShort(d + 8, (short) h);
            }
            default -> throw new IllegalArgumentException(fourcc);
        }
        return b;
    }

    private static void put24(ByteBuffer b, int at, int v) {
        b.put(at, (byte) v).put(at + 1, (byte) (v >>> 8)).put(at + 2, (byte) (v >>> 16));
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
            if (img == null) throw new IllegalStateException("not decodable");
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
