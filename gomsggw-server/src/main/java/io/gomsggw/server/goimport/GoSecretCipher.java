package io.gomsggw.server.goimport;

import io.gomsggw.core.model.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads the secrets the Go gateway stores (client passwords, carrier passwords): its
 * {@code ENCRYPTION_KEY} text, as bytes, zero-padded or cut to 32 bytes is the AES-256 key; a
 * stored value is the standard base64 of a 16-byte IV followed by the AES-CFB ciphertext (full
 * 128-bit feedback, the mode of Go's {@code cipher.NewCFBEncrypter} and of
 * {@code openssl enc -aes-256-cfb}), as long as the plaintext.
 *
 * <p>CFB carries no integrity check, so a wrong key does not fail: it yields other bytes. A value
 * is taken as read when those bytes are UTF-8 text without control characters, which the bytes
 * of a wrong key almost never are once a secret has a few characters; {@link #wrongKeyVerdict}
 * judges the key over all secrets together.
 *
 * <p>Immutable and thread-safe; a new {@link Cipher} is made for every call.
 */
final class GoSecretCipher {
    static final int KEY_BYTES = 32;
    static final int IV_BYTES = 16;
    /** Plaintexts at least this long tell a right key from a wrong one. */
    static final int TELLING_BYTES = 8;

    private final SecretKeySpec key;

    GoSecretCipher(Secret keyText) {
        this.key = new SecretKeySpec(keyBytes(keyText.reveal()), "AES");
    }

    /** The AES key the Go gateway makes of its {@code ENCRYPTION_KEY}: the text's bytes, zero-padded or cut to 32. */
    static byte[] keyBytes(String keyText) {
        return Arrays.copyOf(keyText.getBytes(StandardCharsets.UTF_8), KEY_BYTES);
    }

    /** What a stored value gave. */
    sealed interface Decrypted {
        /** The plaintext, as the Go gateway would have read it. */
        record Text(Secret value) implements Decrypted {}

        /**
         * The value could not be read with this key.
         *
         * @param reason      why, in words for the import report
         * @param wrongKeySign whether the value decrypted but to binary bytes: the sign of a wrong
         *                     key, as opposed to a value that is not in the Go format at all
         */
        record Unreadable(String reason, boolean wrongKeySign) implements Decrypted {}
    }

    /** Decrypts a value as the Go gateway stored it. Never throws for bad input. */
    Decrypted decrypt(String stored) {
        Objects.requireNonNull(stored, "stored");
        byte[] combined;
        try {
            // Go's base64 decoder skips line breaks; Java's does not.
            combined = Base64.getDecoder().decode(stored.replace("\r", "").replace("\n", ""));
        } catch (IllegalArgumentException e) {
            return new Decrypted.Unreadable("not a Go gateway secret (not base64)", false);
        }
        if (combined.length < IV_BYTES) {
            return new Decrypted.Unreadable("not a Go gateway secret (shorter than its 16-byte IV)", false);
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/CFB/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(combined, 0, IV_BYTES));
            plain = cipher.doFinal(combined, IV_BYTES, combined.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CFB is not available in this JVM", e);
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain))
                    .toString();
            if (text.chars().anyMatch(Character::isISOControl)) {
                return wrongKey();
            }
            return new Decrypted.Text(Secret.of(text));
        } catch (CharacterCodingException e) {
            return wrongKey();
        }
    }

    /**
     * Whether this is not the key the values were encrypted with: it is when every value with at
     * least {@value #TELLING_BYTES} bytes of plaintext decrypts to binary bytes (with a wrong key,
     * a value that long comes out as text far less than once in a thousand times).
     * Values too short to tell, or not in the Go format, are left out.
     *
     * @return the verdict in words when the key is wrong; empty when it is right or cannot be told
     */
    Optional<String> wrongKeyVerdict(Collection<String> storedValues) {
        int telling = 0;
        for (String stored : storedValues) {
            if (plaintextLength(stored) < TELLING_BYTES) {
                continue;
            }
            telling++;
            if (!(decrypt(stored) instanceof Decrypted.Unreadable unreadable && unreadable.wrongKeySign())) {
                return Optional.empty();
            }
        }
        if (telling == 0) {
            return Optional.empty();
        }
        return Optional.of("the Go encryption key given does not decrypt the Go gateway's secrets (none of the "
                + telling + " secrets of " + TELLING_BYTES + " bytes or more decrypts to text); give the "
                + "ENCRYPTION_KEY the Go gateway runs with, in --go-encryption-key or ENCRYPTION_KEY");
    }

    /** The length in bytes of the plaintext a stored value holds, or -1 when it is not in the Go format. */
    static int plaintextLength(String stored) {
        try {
            int length = Base64.getDecoder().decode(stored.replace("\r", "").replace("\n", "")).length;
            return length < IV_BYTES ? -1 : length - IV_BYTES;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static Decrypted wrongKey() {
        return new Decrypted.Unreadable("does not decrypt to text with the Go encryption key given", true);
    }

    @Override
    public String toString() {
        return "GoSecretCipher[AES-256-CFB]";
    }
}
