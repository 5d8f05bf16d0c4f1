package io.gomsggw.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private final SecretCipher cipher = SecretCipher.fromKeyString(SecretCipher.generateKeyString());

    @Test
    void roundTripsText() {
        for (String plaintext : new String[] {"", "s3cret", "pässwörd ✓ 密码", "x".repeat(5000)}) {
            assertThat(cipher.decrypt(cipher.encrypt(plaintext))).isEqualTo(plaintext);
        }
    }

    @Test
    void encryptedValueIsVersionedBase64OfNonceCiphertextAndTag() {
        String encrypted = cipher.encrypt("hunter2");

        assertThat(encrypted).startsWith("v1:").doesNotContain("hunter2");
        byte[] raw = Base64.getDecoder().decode(encrypted.substring(3));
        assertThat(raw).hasSize(12 + "hunter2".length() + 16);
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        String first = cipher.encrypt("same text");
        String second = cipher.encrypt("same text");

        assertThat(first).isNotEqualTo(second);
        assertThat(nonceOf(first)).isNotEqualTo(nonceOf(second));
    }

    @Test
    void tamperedValueIsRejected() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt("secret").substring(3));
        raw[raw.length - 1] ^= 0x01;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.decrypt(tampered))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("wrong ENCRYPTION_KEY or the stored value was altered");
    }

    @Test
    void wrongKeyIsRejectedWithoutRevealingThePlaintext() {
        String encrypted = cipher.encrypt("top-secret-password");
        SecretCipher other = SecretCipher.fromKeyString(SecretCipher.generateKeyString());

        assertThatThrownBy(() -> other.decrypt(encrypted))
                .isInstanceOf(CryptoException.class)
                .hasMessageNotContaining("top-secret-password");
    }

    @Test
    void malformedValuesAreRejected() {
        assertThatThrownBy(() -> cipher.decrypt("plaintext"))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("v1:");
        assertThatThrownBy(() -> cipher.decrypt("v1:not base64!")).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> cipher.decrypt("v1:AAAA"))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void sixtyFourHexCharactersAreTheKeyBytes() {
        String hexKey = "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF";
        String encrypted = SecretCipher.fromKeyString(hexKey).encrypt("pbx-password");

        assertThat(SecretCipher.fromKeyString(hexKey.toLowerCase()).decrypt(encrypted))
                .isEqualTo("pbx-password");
        // The same text hashed would be another key.
        SecretCipher hashed = SecretCipher.fromKeyString(hexKey + "0");
        assertThatThrownBy(() -> hashed.decrypt(encrypted)).isInstanceOf(CryptoException.class);
    }

    @Test
    void anyOtherKeyTextIsHashedWithSha256() {
        String passPhrase = "my old gomsggw encryption key";
        String encrypted = SecretCipher.fromKeyString(passPhrase).encrypt("pbx-password");
        String sha256OfPhrase = HexFormat.of().formatHex(Hashes.sha256(passPhrase.getBytes(StandardCharsets.UTF_8)));

        assertThat(SecretCipher.fromKeyString(sha256OfPhrase).decrypt(encrypted))
                .isEqualTo("pbx-password");
        assertThat(SecretCipher.fromKeyString(passPhrase).decrypt(encrypted)).isEqualTo("pbx-password");
    }

    @Test
    void emptyKeyIsRefused() {
        assertThatThrownBy(() -> SecretCipher.fromKeyString(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ENCRYPTION_KEY");
        assertThatThrownBy(() -> SecretCipher.fromKeyString(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedKeysAreSixtyFourHexCharactersAndDiffer() {
        String key = SecretCipher.generateKeyString();

        assertThat(key).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(SecretCipher.generateKeyString()).isNotEqualTo(key);
    }

    @Test
    void toStringRevealsNoKey() {
        assertThat(cipher.toString()).isEqualTo("SecretCipher[AES-256-GCM]");
    }

    private static byte[] nonceOf(String encrypted) {
        return Arrays.copyOf(Base64.getDecoder().decode(encrypted.substring(3)), 12);
    }
}
