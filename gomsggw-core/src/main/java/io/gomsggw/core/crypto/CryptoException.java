package io.gomsggw.core.crypto;

/**
 * A secret could not be encrypted or decrypted: the key is wrong, the stored value was altered
 * or is not in a known format. Messages never contain plaintext or key material. Unchecked.
 */
public final class CryptoException extends RuntimeException {
    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
