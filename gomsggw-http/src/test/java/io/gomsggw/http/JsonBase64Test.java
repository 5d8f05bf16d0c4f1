package io.gomsggw.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Base64 fields decoded while the body is parsed ({@link JsonCodec#readObject(Request, Set)}). */
class JsonBase64Test {
    private static final Set<String> CONTENT = Set.of("media[].content");

    private final JsonCodec json = new JsonCodec();

    private static Request post(String body) {
        return post(body.getBytes(StandardCharsets.UTF_8));
    }

    private static Request post(byte[] body) {
        return new Request(HttpMethod.POST, "/messages/send", Map.of(), new DefaultHttpHeaders(), body, "127.0.0.1");
    }

    private byte[] content(String base64Json) throws JsonProcessingException {
        JsonFields body = json.readObject(
                post("{\"from\":\"1\",\"media\":[{\"filename\":\"a\"},{\"content\":" + base64Json
                        + ",\"x\":[1,{\"y\":null}]}],\"text\":\"hi\"}"),
                CONTENT);
        assertThat(body.text("text")).isEqualTo("hi");
        return body.objects("media").get(1).bytes("content");
    }

    /** How the bytes are written: the alphabet, padding, line breaks (as JSON escapes) every 76 characters. */
    enum Style {
        STANDARD,
        STANDARD_UNPADDED,
        URL_SAFE,
        URL_SAFE_UNPADDED,
        MIME_LINES;

        String encode(byte[] bytes) {
            return switch (this) {
                case STANDARD -> Base64.getEncoder().encodeToString(bytes);
                case STANDARD_UNPADDED -> Base64.getEncoder().withoutPadding().encodeToString(bytes);
                case URL_SAFE -> Base64.getUrlEncoder().encodeToString(bytes);
                case URL_SAFE_UNPADDED ->
                    Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                case MIME_LINES -> Base64.getMimeEncoder().encodeToString(bytes).replace("\r\n", "\\r\\n");
            };
        }
    }

    @Property(tries = 300)
    void everyStyleDecodesToTheBytesEncoded(@ForAll @Size(max = 600) byte[] bytes, @ForAll Style style)
            throws Exception {
        assertThat(content("\"" + style.encode(bytes) + "\"")).isEqualTo(bytes);
    }

    @Property(tries = 300)
    void theSameTextReadLaterDecodesTheSame(@ForAll @Size(max = 300) byte[] bytes, @ForAll Style style)
            throws Exception {
        JsonFields body = json.readObject(post("{\"content\":\"" + style.encode(bytes) + "\"}"));
        assertThat(body.bytes("content")).isEqualTo(bytes);
    }

    @Property(tries = 500)
    void brokenBase64IsA400NamingTheFieldOrAJsonError(
            @ForAll @Size(min = 4, max = 200) byte[] bytes,
            @ForAll @IntRange(min = 0, max = 199) int at,
            @ForAll("noise") String noise) {
        String text = Base64.getEncoder().encodeToString(bytes);
        int cut = Math.min(at, text.length());
        String broken = text.substring(0, cut) + noise + text.substring(cut);
        try {
            content("\"" + broken + "\"");
        } catch (HttpStatusException refused) {
            assertThat(refused.status().code()).isEqualTo(400);
            assertThat(refused.field()).isEqualTo("media[1].content");
        } catch (JsonProcessingException notJson) {
            assertThat(notJson.getOriginalMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.of("*", " ", "=", "==A", "\\u0041", "\\\"", "\u00e9", "+-", "\\n", "A", "\\uZZ", "\"");
    }

    @Test
    void charactersOutsideTheAlphabetAreRefusedNamingTheField() {
        assertThatThrownBy(() -> content("\"this is *not* base64!\""))
                .isInstanceOfSatisfying(HttpStatusException.class, e -> {
                    assertThat(e.field()).isEqualTo("media[1].content");
                    assertThat(e.getMessage()).isEqualTo("invalid value for field 'media[1].content': not base64");
                });
        assertThatThrownBy(() -> content("\"AA AA\"")).isInstanceOf(HttpStatusException.class);
        assertThatThrownBy(() -> content("\"AA+_\"")).isInstanceOf(HttpStatusException.class);
    }

    @Test
    void aValueOfAnotherKindIsRefusedWhenRead() throws Exception {
        assertThatThrownBy(() -> content("12"))
                .isInstanceOfSatisfying(
                        HttpStatusException.class,
                        e -> assertThat(e.getMessage()).contains("expected a base64 string"));
        assertThat(content("null")).isNull();
        assertThat(content("\"\"")).isEmpty();
    }

    @Test
    void aBodyCutInsideTheBase64IsNotJson() {
        assertThatThrownBy(() -> json.readObject(post("{\"media\":[{\"content\":\"AAAA"), CONTENT))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void jacksonsStringLengthLimitDoesNotApplyToDecodedFields() throws Exception {
        byte[] photo = new byte[16 * 1024 * 1024];
        new Random(7).nextBytes(photo);
        String base64 = Base64.getEncoder().encodeToString(photo);
        assertThat(base64.length()).isGreaterThan(20_000_000);

        assertThat(content("\"" + base64 + "\"")).isEqualTo(photo);
    }

    /**
     * The measured figure of docs/reliability.md: what reading a send body with a 12 MiB photo
     * allocates besides the body itself. Before base64 was decoded from the parser, the body was
     * copied once from Netty's buffers (1 time the body), into a string through a char buffer twice
     * its size (4 times), and to bytes again for the decoder, then decoded (1.75 times): about 6.75
     * times the body. Now only the decoded photo (three quarters of the body) is allocated.
     */
    @Test
    void readingABodyAllocatesLittleMoreThanTheDecodedMedia() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeThat(threads.isThreadAllocatedMemorySupported())
                .as("this JVM counts allocations per thread")
                .isTrue();
        byte[] photo = new byte[12 * 1024 * 1024];
        new Random(3).nextBytes(photo);
        byte[] body = ("{\"from\":\"+12505550100\",\"to\":\"+12505550200\",\"media\":[{\"filename\":\"p.jpg\","
                        + "\"content_type\":\"image/jpeg\",\"content\":\""
                        + Base64.getEncoder().encodeToString(photo) + "\"}]}")
                .getBytes(StandardCharsets.US_ASCII);
        Request request = post(body);
        json.readObject(request, CONTENT); // warm up

        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        byte[] decoded =
                json.readObject(request, CONTENT).objects("media").get(0).bytes("content");
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

        assertThat(decoded).isEqualTo(photo);
        LoggerFactory.getLogger(JsonBase64Test.class)
                .warn(
                        "body_bytes={} allocated_bytes={} ratio={}",
                        body.length,
                        allocated,
                        String.format("%.2f", allocated / (double) body.length));
        assertThat(allocated).isLessThan(body.length);
        assertThat(allocated).isGreaterThanOrEqualTo(photo.length);
    }
}
