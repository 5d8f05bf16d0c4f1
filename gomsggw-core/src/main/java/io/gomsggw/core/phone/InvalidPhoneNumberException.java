package io.gomsggw.core.phone;

/** Thrown when text cannot be read as a phone number. The message says why, without a stack of causes. */
public final class InvalidPhoneNumberException extends Exception {
    private final String input;

    public InvalidPhoneNumberException(String input, String reason) {
        super(reason, null, false, false);
        this.input = input;
    }

    /** The text that was refused. */
    public String input() {
        return input;
    }
}
