package io.gomsggw.server.goimport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts as the Go gateway's {@code EncryptAES256} does (encrypt.go), to put secrets into a
 * Go-shaped test database: key text zero-padded or cut to 32 bytes, a random 16-byte IV, AES-CFB,
 * base64 of IV then ciphertext. {@link GoSecretCipherTest} checks it against openssl's output.
 */
final class GoEncryption {
    private static final SecureRandom RANDOM = new SecureRandom();

    private GoEncryption() {}

    static String encrypt(String plaintext, String keyText) {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        return encrypt(plaintext, keyText, iv);
    }

    static String encrypt(String plaintext, String keyText, byte[] iv) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CFB/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(GoSecretCipher.keyBytes(keyText), "AES"),
                    new IvParameterSpec(iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                            .put(iv)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
