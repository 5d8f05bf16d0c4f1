package io.gomsggw.carriers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormsTest {
    @Test
    void encodesInOrderWithRepeatsAndRoundTrips() {
        List<Map.Entry<String, String>> pairs = List.of(
                Map.entry("To", "+1 312"),
                Map.entry("Body", "a&b=c é"),
                Map.entry("MediaUrl", "https://x/1"),
                Map.entry("MediaUrl", "https://x/2"));
        String encoded = Forms.encode(pairs);
        assertThat(encoded)
                .isEqualTo("To=%2B1+312&Body=a%26b%3Dc+%C3%A9&MediaUrl=https%3A%2F%2Fx%2F1"
                        + "&MediaUrl=https%3A%2F%2Fx%2F2");
        assertThat(Forms.parse(encoded)).isEqualTo(pairs);
    }

    @Test
    void brokenEscapesAreRefused() {
        assertThatThrownBy(() -> Forms.parse("a=%zz")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Forms.parse("flag&&x=")).containsExactly(Map.entry("flag", ""), Map.entry("x", ""));
    }

    @Test
    void baseUrlsAreCheckedNamingTheField() {
        assertThat(CarrierHttp.baseUri(null, "https://api.example.com")).hasToString("https://api.example.com");
        assertThat(CarrierHttp.resolve(CarrierHttp.baseUri("http://h:1/", "x"), "/v2/messages"))
                .hasToString("http://h:1/v2/messages");
        for (String bad : List.of("ftp://h", "not a url", "https://", "https://h/?q=1", "/relative")) {
            assertThatThrownBy(() -> CarrierHttp.baseUri(bad, "https://api.example.com"))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("base_url:");
        }
    }
}
