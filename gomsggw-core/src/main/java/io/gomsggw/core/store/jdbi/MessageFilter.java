package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.store.MessageQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code WHERE} clause and its named parameters for a {@link MessageQuery}. Only constant SQL
 * fragments are concatenated; every value is bound. {@code since} is inclusive, {@code until}
 * exclusive; {@code clientId} matches the sending and the receiving client.
 */
final class MessageFilter {
    private final String where;
    private final Map<String, Object> parameters;

    private MessageFilter(String where, Map<String, Object> parameters) {
        this.where = where;
        this.parameters = parameters;
    }

    static MessageFilter of(MessageQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (query.clientId() != null) {
            conditions.add("(client_id = :client_id OR target_client_id = :client_id)");
            parameters.put("client_id", query.clientId());
        }
        if (query.from() != null) {
            conditions.add("from_number = :from_number");
            parameters.put("from_number", query.from());
        }
        if (query.to() != null) {
            conditions.add("to_number = :to_number");
            parameters.put("to_number", query.to());
        }
        if (query.type() != null) {
            conditions.add("type = :type");
            parameters.put("type", query.type().wireName());
        }
        if (query.direction() != null) {
            conditions.add("direction = :direction");
            parameters.put("direction", query.direction().wireName());
        }
        if (query.since() != null) {
            conditions.add("created_at >= :since");
            parameters.put("since", query.since());
        }
        if (query.until() != null) {
            conditions.add("created_at < :until");
            parameters.put("until", query.until());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return new MessageFilter(where, parameters);
    }

    /** Empty, or {@code " WHERE …"} to append to a {@code FROM messages}. */
    String where() {
        return where;
    }

    Map<String, Object> parameters() {
        return parameters;
    }
}
