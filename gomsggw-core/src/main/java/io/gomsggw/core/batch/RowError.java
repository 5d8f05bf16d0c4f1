package io.gomsggw.core.batch;

/**
 * A row of a batch that will not be sent, and why.
 *
 * @param index its position in the request, from 0
 * @param to    its recipient as written
 * @param error the reason
 * @param code  an HTTP-style code: 400 for invalid input, 403, 429
 */
public record RowError(int index, String to, String error, int code) {}
