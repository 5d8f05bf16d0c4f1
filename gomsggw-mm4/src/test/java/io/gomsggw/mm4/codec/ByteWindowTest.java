package io.gomsggw.mm4.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.SharedInputStream;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteWindow} against Jakarta Mail's own {@link SharedByteArrayInputStream}: the same streams for the
 * same calls, except that every stream derived from a window is a window over the same array.
 */
class ByteWindowTest {

    @Property(tries = 500)
    void derivesTheSameStreamsAsSharedByteArrayInputStream(
            @ForAll @Size(max = 200) byte[] data,
            @ForAll("cuts") List<int[]> cuts,
            @ForAll @IntRange(max = 20) int readFirst)
            throws Exception {
        InputStream ours = new ByteWindow(data);
        InputStream theirs = new SharedByteArrayInputStream(data);
        for (int[] cut : cuts) {
            long length = theirs.available();
            long start = Math.min(cut[0], length);
            long end = cut[1] < 0 ? -1 : Math.min(start + cut[1], length);
            ours = ((SharedInputStream) ours).newStream(start, end);
            theirs = ((SharedInputStream) theirs).newStream(start, end);
            assertThat(ours).isInstanceOf(ByteWindow.class);
            assertThat(((ByteWindow) ours).array()).isSameAs(data);
        }
        assertThat(ours.readNBytes(readFirst)).isEqualTo(theirs.readNBytes(readFirst));
        assertThat(((SharedInputStream) ours).getPosition()).isEqualTo(((SharedInputStream) theirs).getPosition());
        ByteWindow window = (ByteWindow) ours;
        byte[] rest = theirs.readAllBytes();
        assertThat(window.length()).isEqualTo(rest.length);
        assertThat(window.copy()).isEqualTo(rest);
        assertThat(ByteWindow.of(window)).isSameAs(window);
        assertThat(ours.readAllBytes()).isEqualTo(rest);
    }

    @Test
    void ofAnyOtherStreamReadsItIntoAnArrayOfItsOwn() throws Exception {
        byte[] data = "abcdef".getBytes(StandardCharsets.US_ASCII);
        InputStream in = new ByteArrayInputStream(data, 2, 3);

        ByteWindow window = ByteWindow.of(in);

        assertThat(window.array()).isNotSameAs(data).containsExactly('c', 'd', 'e');
        assertThat(window.from()).isZero();
        assertThat(window.to()).isEqualTo(3);
    }

    @Test
    void aWindowMustLieInsideItsWindow() {
        ByteWindow window = new ByteWindow(new byte[10], 2, 8);

        assertThat(window.window(2, 8).copy()).hasSize(6);
        assertThat(window.window(5, 5).length()).isZero();
        assertThatThrownBy(() -> window.window(1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> window.window(3, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> window.window(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> window.newStream(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jakartaMailKeepsWindowsOverTheOneArray() throws Exception {
        byte[] message = ("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                        + "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                        + "--b\r\nContent-Type: image/jpeg\r\n\r\nJPEG\r\n--b--\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), new ByteWindow(message));
        ByteWindow body = ByteWindow.of(mime.getRawInputStream());
        MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(mime));
        ByteWindow jpeg = ByteWindow.of(((MimeBodyPart) multipart.getBodyPart(1)).getRawInputStream());

        assertThat(body.array()).isSameAs(message);
        assertThat(new String(body.copy(), StandardCharsets.US_ASCII))
                .startsWith("--b\r\n")
                .endsWith("--b--\r\n");
        assertThat(jpeg.array()).isSameAs(message);
        assertThat(jpeg.copy()).isEqualTo("JPEG".getBytes(StandardCharsets.US_ASCII));
    }

    /** Pairs (start, length) for {@code newStream}, a negative length for "to the end". */
    @Provide
    Arbitrary<List<int[]>> cuts() {
        return Arbitraries.integers()
                .between(0, 60)
                .array(int[].class)
                .ofSize(2)
                .map(pair -> new int[] {pair[0], pair[1] > 50 ? -1 : pair[1]})
                .list()
                .ofMaxSize(4);
    }
}
