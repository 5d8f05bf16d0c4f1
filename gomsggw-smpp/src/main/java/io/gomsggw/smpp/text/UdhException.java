package io.gomsggw.smpp.text;

/** A User Data Header is malformed (length fields exceed the data, or bad part numbers). */
public final class UdhException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong */
    public UdhException(String message) {
        super(message, null, false, false);
    }
}
