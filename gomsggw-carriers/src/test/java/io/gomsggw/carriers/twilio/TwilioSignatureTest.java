package io.gomsggw.carriers.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twilio's published request-validation example. */
class TwilioSignatureTest {
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final List<Map.Entry<String, String>> PARAMS = List.of(
            Map.entry("Digits", "1234"),
            Map.entry("To", "+18005551212"),
            Map.entry("From", "+12349013030"),
            Map.entry("CallSid", "CA1234567890ABCDE"),
            Map.entry("Caller", "+12349013030"));
    private static final String EXPECTED = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    private final TwilioSignature signature = new TwilioSignature("12345");

    @Test
    void publishedExampleComputesToTheDocumentedValue() {
        assertThat(signature.compute(URL, PARAMS)).isEqualTo(EXPECTED);
    }

    @Test
    void publishedExampleVerifies() {
        assertThat(signature.verify(EXPECTED, URL, PARAMS)).isTrue();
        assertThat(signature.verify(EXPECTED, "https://mycompany.com:443/myapp.php?foo=1&bar=2", PARAMS))
                .isTrue();
    }

    @Test
    void anyDifferenceFailsVerification() {
        assertThat(signature.verify(EXPECTED, "https://mycompany.com/myapp.php?foo=1&bar=3", PARAMS))
                .isFalse();
        assertThat(signature.verify(EXPECTED, URL, PARAMS.subList(1, PARAMS.size())))
                .isFalse();
        assertThat(new TwilioSignature("12346").verify(EXPECTED, URL, PARAMS)).isFalse();
        assertThat(signature.verify(null, URL, PARAMS)).isFalse();
        assertThat(signature.verify("", URL, PARAMS)).isFalse();
    }
}
