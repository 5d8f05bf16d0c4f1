package io.gomsggw.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (client passwords, carrier credentials) with AES-256-GCM, using the
 * JDK's own providers.
 *
 * <p>An encrypted value is the text {@code "v1:" + base64(nonce || ciphertext || tag)} with a
 * fresh 12-byte random nonce per encryption and a 128-bit tag, so it fits a {@code VARCHAR}
 * column and two encryptions of the same plaintext differ. The {@code v1:} prefix leaves room for
 * another format later. Decryption with the wrong key, or of an altered value, fails with a
 * {@link CryptoException}; the tag makes tampering detectable.
 *
 * <p>Thread-safe: a new {@link Cipher} is made for every call.
 */
public final class SecretCipher {
    private static final String PREFIX = "v1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private SecretCipher(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "AES");
    }

    /**
     * Makes a cipher from the {@code ENCRYPTION_KEY} setting.
     *
     * <ul>
     *   <li>Exactly 64 hex characters are taken as the 32 key bytes they spell (the form
     *       {@link #generateKeyString()} produces).
     *   <li>Any other non-empty text is hashed: the key is the SHA-256 of its UTF-8 bytes. This is
     *       a deliberate choice so that existing gomsggw users can keep whatever
     *       {@code ENCRYPTION_KEY} value they already configured (a pass phrase, a 32-character
     *       string) instead of being forced to generate a new one. It is not a password-based key
     *       derivation: a short pass phrase gives a weak key, so operators should prefer 64 hex
     *       characters.
     * </ul>
     *
     * @throws IllegalArgumentException when the text is null or empty
     */
    public static SecretCipher fromKeyString(String keyString) {
        if (keyString == null || keyString.isEmpty()) {
            throw new IllegalArgumentException("ENCRYPTION_KEY must not be empty");
        }
        if (isHexKey(keyString)) {
            return new SecretCipher(HexFormat.of().parseHex(keyString));
        }
        return new SecretCipher(Hashes.sha256(keyString.getBytes(StandardCharsets.UTF_8)));
    }

    /** A new random key as 64 hex characters, suitable for {@code ENCRYPTION_KEY}. */
    public static String generateKeyString() {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Encrypts {@code plaintext} (may be empty) into a {@code v1:} value. */
    public String encrypt(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot encrypt secret: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decrypts a value made by {@link #encrypt(String)} with the same key.
     *
     * @throws CryptoException when the value is not in the {@code v1:} format, was altered, or was
     *     encrypted with another key
     */
    public String decrypt(String encrypted) {
        Objects.requireNonNull(encrypted, "encrypted");
        if (!encrypted.startsWith(PREFIX)) {
            throw new CryptoException("cannot decrypt secret: not an encrypted value (no v1: prefix)");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encrypted.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new CryptoException("cannot decrypt secret: the value is not valid base64", e);
        }
        if (raw.length < NONCE_BYTES + TAG_BYTES) {
            throw new CryptoException("cannot decrypt secret: the value is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(raw, NONCE_BYTES)));
            byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new CryptoException("cannot decrypt secret: wrong ENCRYPTION_KEY or the stored value was altered", e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot decrypt secret: " + e.getClass().getSimpleName(), e);
        }
    }

    private static boolean isHexKey(String s) {
        if (s.length() != KEY_BYTES * 2) return false;
        for (int i = 0; i < s.length(); i++) {
            if (!HexFormat.isHexDigit(s.charAt(i))) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return "SecretCipher[AES-256-GCM]";
    }
}
