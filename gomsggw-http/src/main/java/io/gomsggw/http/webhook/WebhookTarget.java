package io.gomsggw.http.webhook;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import java.util.Optional;

/**
 * Where a webhook about one of a client's numbers goes: the number's own {@code webhook}, else the
 * client's {@code default_webhook}. A number counts only while it belongs to the client (a failover
 * client receiving for another client's number uses its own default).
 *
 * @param url    the webhook URL
 * @param number the client's number, or null when the number is not the client's
 */
record WebhookTarget(String url, ClientNumber number) {
    static Optional<WebhookTarget> of(Directory directory, Client client, String e164) {
        ClientNumber number =
                directory.number(e164).filter(n -> n.clientId() == client.id()).orElse(null);
        String url = number != null && isSet(number.webhook())
                ? number.webhook()
                : client.settings().defaultWebhook();
        return isSet(url) ? Optional.of(new WebhookTarget(url.strip(), number)) : Optional.empty();
    }

    private static boolean isSet(String url) {
        return url != null && !url.isBlank();
    }
}
