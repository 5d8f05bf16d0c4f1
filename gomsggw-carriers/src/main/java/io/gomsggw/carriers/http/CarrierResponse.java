package io.gomsggw.carriers.http;

/**
 * A carrier API's answer to one request.
 *
 * @param status HTTP status code
 * @param body   the response body as UTF-8 text, cut at {@link CarrierHttp#MAX_RESPONSE_BYTES}
 */
public record CarrierResponse(int status, String body) {
    /** True for a 2xx answer. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** True for an answer worth retrying: 408, 425, 429 and every 5xx. */
    public boolean isRetryable() {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }
}
