package io.gomsggw.http.webclient;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gomsggw.core.apikey.ApiKeyScope;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.pipeline.MessagePipeline;
import io.gomsggw.core.pipeline.SubmitResult;
import io.gomsggw.core.routing.Submission;
import io.gomsggw.http.HttpStatusException;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.JsonFields;
import io.gomsggw.http.Request;
import io.gomsggw.http.Response;
import io.gomsggw.http.RouteTable;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /messages/send} and its alias {@code POST /messages}: reads the body in the caller's
 * format (an API key must be allowed the {@code from} number), submits it to the pipeline and waits (at most {@link #CONFIRM_WAIT}) until the message is
 * stored, then answers as {@link SubmitAnswers} says (202 {@code {"status":"queued","id":…}}, for
 * bicom 200 {@code {"status":"success","message":""}}) or the refusal.
 */
final class MessageRoutes {
    /** How long a send waits for the pipeline to store the message. */
    static final Duration CONFIRM_WAIT = Duration.ofSeconds(30);

    private final MessagePipeline pipeline;
    private final SendRequests requests;
    private final SubmitAnswers answers;
    private final JsonCodec json;
    private final KeyNumbers keyNumbers;

    MessageRoutes(
            MessagePipeline pipeline,
            SendRequests requests,
            SubmitAnswers answers,
            JsonCodec json,
            KeyNumbers keyNumbers) {
        this.keyNumbers = keyNumbers;
        this.pipeline = pipeline;
        this.requests = requests;
        this.answers = answers;
        this.json = json;
    }

    void register(RouteTable router, ClientAuth auth) {
        router.post("/messages/send", auth.protect(ApiKeyScope.SEND, this::send));
        router.post("/messages", auth.protect(ApiKeyScope.SEND, this::send));
    }

    /**
     * The body as a JSON object; one that is not is refused with the Go gateway's text for the
     * client's format, and base64 that is not with its {@code Invalid base64 content in media}.
     */
    private JsonFields body(Request request, Client client) {
        try {
            return json.readObject(request, SendRequests.BASE64_FIELDS);
        } catch (JsonProcessingException e) {
            throw new HttpStatusException(HttpResponseStatus.BAD_REQUEST, invalidBody(client), null);
        } catch (HttpStatusException e) {
            if (e.field() == null) {
                throw new HttpStatusException(e.status(), invalidBody(client), null);
            }
            throw new HttpStatusException(e.status(), "Invalid base64 content in media: " + e.getMessage(), e.field());
        }
    }

    private static String invalidBody(Client client) {
        return switch (client.settings().apiFormat()) {
            case BICOM -> "Invalid Bicom format request body";
            case TELNYX -> "Invalid Telnyx format request body";
            case GENERIC -> "Invalid request body";
        };
    }

    /** Sends; a bicom client's refusals of the request itself are in its dialect too. */
    private Response send(Request request, Caller caller) throws Exception {
        Client client = caller.client();
        if (client.settings().apiFormat() != ApiFormat.BICOM) {
            return submit(request, caller);
        }
        try {
            return submit(request, caller);
        } catch (HttpStatusException e) {
            return answers.error(client, e.status(), e.getMessage(), null);
        }
    }

    private Response submit(Request request, Caller caller) throws Exception {
        Client client = caller.client();
        Submission submission = requests.read(body(request, client), client);
        keyNumbers.check(caller, submission.from());
        SubmitResult result;
        try {
            result = pipeline.submit(client, submission)
                    .toCompletableFuture()
                    .get(CONFIRM_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Response unavailable = answers.unavailable(client, e.getCause());
            if (unavailable == null) {
                throw e;
            }
            return unavailable;
        } catch (TimeoutException e) {
            return answers.notConfirmed(client, CONFIRM_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpStatusException(HttpResponseStatus.SERVICE_UNAVAILABLE, "server shutting down", null);
        }
        return answers.answer(client, result);
    }
}
