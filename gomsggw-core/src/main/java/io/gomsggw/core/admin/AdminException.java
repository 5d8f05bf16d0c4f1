package io.gomsggw.core.admin;

/**
 * Why an admin operation was refused. The subtypes say what went wrong and map one to one to HTTP
 * statuses: {@link InvalidFieldException} (400), {@link NotFoundException} (404) and
 * {@link ConflictException} (409). The message is meant for the API caller and never holds a secret.
 *
 * <p>These exceptions carry no stack trace: they describe bad input, not a fault of the gateway.
 */
public abstract sealed class AdminException extends RuntimeException
        permits InvalidFieldException, NotFoundException, ConflictException {

    AdminException(String message) {
        super(message, null, false, false);
    }
}
