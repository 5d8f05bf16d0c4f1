package io.gomsggw.server.goimport;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Go gateway's secret scheme, checked against vectors made with the openssl command line, an
 * implementation nobody here wrote. {@code openssl enc -aes-256-cfb} is AES-CFB with 128-bit
 * feedback, the mode of Go's {@code cipher.NewCFBEncrypter}; the key is the Go key text's bytes
 * zero-padded or cut to 32 bytes, as encrypt.go makes it; the stored value is base64 of IV then
 * ciphertext.
 */
class GoSecretCipherTest {
    /*
     * Vector 1: key text 'go-gateway-passphrase' (21 bytes, zero-padded), IV 00..0f, plaintext 'pbx-Secret-1':
     *
     *   $ KEY=676f2d676174657761792d706173737068726173650000000000000000000000
     *   $ printf 'pbx-Secret-1' | openssl enc -aes-256-cfb -K $KEY -iv 000102030405060708090a0b0c0d0e0f -nosalt | xxd -p
     *   f1520e23acdf9a589535444f
     *   $ (printf '\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f'; printf 'pbx-Secret-1' \
     *        | openssl enc -aes-256-cfb -K $KEY -iv 000102030405060708090a0b0c0d0e0f -nosalt) | base64 -w0
     *   AAECAwQFBgcICQoLDA0OD/FSDiOs35pYlTVETw==
     */
    private static final String SHORT_KEY = "go-gateway-passphrase";
    private static final String SHORT_KEY_HEX = "676f2d676174657761792d706173737068726173650000000000000000000000";
    private static final String VECTOR_1 = "AAECAwQFBgcICQoLDA0OD/FSDiOs35pYlTVETw==";

    /*
     * Vector 2: key text '0123456789abcdefghijklmnopqrstuvwxyz-extra' (42 bytes, cut to its first 32),
     * IV f0e0..00, plaintext 'telnyx-KEY0123456789-abcdefghijklmnop' (37 bytes: two whole blocks and a part):
     *
     *   $ KEY=303132333435363738396162636465666768696a6b6c6d6e6f70717273747576
     *   $ (printf '\xf0\xe0\xd0\xc0\xb0\xa0\x90\x80\x70\x60\x50\x40\x30\x20\x10\x00'; \
     *      printf 'telnyx-KEY0123456789-abcdefghijklmnop' \
     *        | openssl enc -aes-256-cfb -K $KEY -iv f0e0d0c0b0a090807060504030201000 -nosalt) | base64 -w0
     *   8ODQwLCgkIBwYFBAMCAQAGtzt9+tLmULIb8qLPFHFFr08JqNB1wMJnGpyG1lkOZgnZv0n6o=
     */
    private static final String LONG_KEY = "0123456789abcdefghijklmnopqrstuvwxyz-extra";
    private static final String LONG_KEY_HEX = "303132333435363738396162636465666768696a6b6c6d6e6f70717273747576";
    private static final String VECTOR_2 = "8ODQwLCgkIBwYFBAMCAQAGtzt9+tLmULIb8qLPFHFFr08JqNB1wMJnGpyG1lkOZgnZv0n6o=";

    private static String text(GoSecretCipher.Decrypted decrypted) {
        assertThat(decrypted).isInstanceOf(GoSecretCipher.Decrypted.Text.class);
        return ((GoSecretCipher.Decrypted.Text) decrypted).value().reveal();
    }

    @Test
    void aShortKeyIsZeroPaddedAndALongOneCutTo32Bytes() {
        assertThat(HexFormat.of().formatHex(GoSecretCipher.keyBytes(SHORT_KEY))).isEqualTo(SHORT_KEY_HEX);
        assertThat(HexFormat.of().formatHex(GoSecretCipher.keyBytes(LONG_KEY))).isEqualTo(LONG_KEY_HEX);
        assertThat(GoSecretCipher.keyBytes("")).hasSize(32).containsOnly(0);
    }

    @Test
    void opensslVectorsDecryptToTheirPlaintexts() {
        assertThat(text(new GoSecretCipher(Secret.of(SHORT_KEY)).decrypt(VECTOR_1)))
                .isEqualTo("pbx-Secret-1");
        assertThat(text(new GoSecretCipher(Secret.of(LONG_KEY)).decrypt(VECTOR_2)))
                .isEqualTo("telnyx-KEY0123456789-abcdefghijklmnop");
    }

    @Test
    void theTestEncrypterReproducesTheOpensslVectors() {
        assertThat(GoEncryption.encrypt(
                        "pbx-Secret-1", SHORT_KEY, HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f")))
                .isEqualTo(VECTOR_1);
        assertThat(GoEncryption.encrypt(
                        "telnyx-KEY0123456789-abcdefghijklmnop",
                        LONG_KEY,
                        HexFormat.of().parseHex("f0e0d0c0b0a090807060504030201000")))
                .isEqualTo(VECTOR_2);
    }

    @Test
    void keysEqualInTheirFirst32BytesAreTheSameKey() {
        String encrypted = GoEncryption.encrypt("same key", LONG_KEY);
        assertThat(text(new GoSecretCipher(Secret.of(LONG_KEY.substring(0, 32) + "-other-tail")).decrypt(encrypted)))
                .isEqualTo("same key");
    }

    @Test
    void multiByteTextRoundTripsAndAnEmptyValueIsTheIvAlone() {
        GoSecretCipher cipher = new GoSecretCipher(Secret.of("clé-à-Zürich"));
        assertThat(text(cipher.decrypt(GoEncryption.encrypt("mot de passe ☕ Grüße", "clé-à-Zürich"))))
                .isEqualTo("mot de passe ☕ Grüße");
        String ivOnly = GoEncryption.encrypt("", "clé-à-Zürich");
        assertThat(java.util.Base64.getDecoder().decode(ivOnly)).hasSize(16);
        assertThat(text(cipher.decrypt(ivOnly))).isEmpty();
    }

    @Test
    void valuesNotInTheGoFormatAreUnreadableWithTheirReason() {
        GoSecretCipher cipher = new GoSecretCipher(Secret.of(SHORT_KEY));
        assertThat(cipher.decrypt("not base64 !"))
                .isEqualTo(new GoSecretCipher.Decrypted.Unreadable("not a Go gateway secret (not base64)", false));
        assertThat(cipher.decrypt("AAECAwQF"))
                .isEqualTo(new GoSecretCipher.Decrypted.Unreadable(
                        "not a Go gateway secret (shorter than its 16-byte IV)", false));
        assertThat(text(cipher.decrypt(VECTOR_1.substring(0, 20) + "\n" + VECTOR_1.substring(20))))
                .isEqualTo("pbx-Secret-1");
    }

    @Test
    void aWrongKeyGivesBinaryBytesAndIsJudgedWrongOverTheLongerSecrets() {
        GoSecretCipher wrong = new GoSecretCipher(Secret.of("not-the-go-key"));
        assertThat(wrong.decrypt(VECTOR_2))
                .isInstanceOfSatisfying(
                        GoSecretCipher.Decrypted.Unreadable.class,
                        unreadable -> assertThat(unreadable.wrongKeySign()).isTrue());

        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            secrets.add(GoEncryption.encrypt("password-number-" + i, SHORT_KEY));
        }
        secrets.add(GoEncryption.encrypt("pw", SHORT_KEY)); // too short to tell
        assertThat(wrong.wrongKeyVerdict(secrets))
                .hasValueSatisfying(verdict ->
                        assertThat(verdict).contains("none of the 5 secrets of 8 bytes or more decrypts to text"));
        assertThat(new GoSecretCipher(Secret.of(SHORT_KEY)).wrongKeyVerdict(secrets))
                .isEmpty();
    }

    @Test
    void oneUnreadableSecretAmongReadableOnesIsNotAWrongKey() {
        List<String> secrets = List.of(
                GoEncryption.encrypt("readable-secret", SHORT_KEY),
                GoEncryption.encrypt("other-key-secret", "another key altogether"));
        GoSecretCipher cipher = new GoSecretCipher(Secret.of(SHORT_KEY));
        assertThat(cipher.wrongKeyVerdict(secrets)).isEmpty();
        assertThat(cipher.decrypt(secrets.get(1))).isInstanceOf(GoSecretCipher.Decrypted.Unreadable.class);
    }

    @Test
    void onlyShortSecretsCannotTellTheKey() {
        assertThat(new GoSecretCipher(Secret.of("wrong"))
                        .wrongKeyVerdict(List.of(GoEncryption.encrypt("1234", SHORT_KEY), "not base64 !")))
                .isEmpty();
    }

    @Test
    void theCipherNeverPrintsItsKey() {
        assertThat(new GoSecretCipher(Secret.of(SHORT_KEY)).toString())
                .doesNotContain(SHORT_KEY)
                .doesNotContain(new String(GoSecretCipher.keyBytes(SHORT_KEY), StandardCharsets.UTF_8).strip());
    }
}
