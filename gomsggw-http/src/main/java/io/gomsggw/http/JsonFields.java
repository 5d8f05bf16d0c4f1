package io.gomsggw.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed access to the fields of a JSON request object. A field that is absent or JSON
 * {@code null} reads as null (so a partial update leaves it alone); a field of the wrong kind is
 * refused with 400 {@code invalid value for field 'name': …}. Fields of nested objects are named
 * by their path, e.g. {@code media[0].content}.
 */
public final class JsonFields {
    private final ObjectNode object;
    private final String path;

    JsonFields(ObjectNode object) {
        this(object, "");
    }

    private JsonFields(ObjectNode object, String path) {
        this.object = object;
        this.path = path;
    }

    /** The full name of a field of this object, as error messages give it ({@code media[0].content}). */
    public String name(String field) {
        return path + field;
    }

    /** A string field; numbers and booleans are refused. */
    public String text(String field) {
        JsonNode node = present(field);
        if (node == null) return null;
        if (!node.isTextual()) throw HttpStatusException.invalidField(name(field), "expected a string");
        return node.textValue();
    }

    /** An integer field in the range of {@code int}. */
    public Integer integer(String field) {
        JsonNode node = present(field);
        if (node == null) return null;
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw HttpStatusException.invalidField(name(field), "expected an integer");
        }
        return node.intValue();
    }

    /** An integer field in the range of {@code long}. */
    public Long longInteger(String field) {
        JsonNode node = present(field);
        if (node == null) return null;
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw HttpStatusException.invalidField(name(field), "expected an integer");
        }
        return node.longValue();
    }

    /** A boolean field ({@code true} or {@code false}). */
    public Boolean bool(String field) {
        JsonNode node = present(field);
        if (node == null) return null;
        if (!node.isBoolean()) throw HttpStatusException.invalidField(name(field), "expected true or false");
        return node.booleanValue();
    }

    /**
     * A base64 string field, decoded: read as the body was parsed when the field was named to
     * {@link JsonCodec#readObject(Request, java.util.Set)}, else decoded from the text now (see
     * {@link Base64Text} for what is accepted). Refused with 400 when it is not a string or not base64.
     */
    public byte[] bytes(String field) {
        JsonNode node = present(field);
        if (node == null) return null;
        if (node.isBinary()) return ((BinaryNode) node).binaryValue();
        if (!node.isTextual()) throw HttpStatusException.invalidField(name(field), "expected a base64 string");
        try {
            return Base64Text.decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw HttpStatusException.invalidField(name(field), "not base64");
        }
    }

    /** An array of strings; empty when the field is absent. */
    public List<String> texts(String field) {
        List<String> texts = new ArrayList<>();
        List<JsonNode> elements = array(field);
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            if (!element.isTextual()) {
                throw HttpStatusException.invalidField(name(field) + "[" + i + "]", "expected a string");
            }
            texts.add(element.textValue());
        }
        return texts;
    }

    /**
     * An object whose values are strings (numbers and booleans are taken as their text), e.g. a
     * batch row's {@code variables}; empty when the field is absent.
     */
    public Map<String, String> textMap(String field) {
        JsonNode node = present(field);
        if (node == null) return Map.of();
        if (!(node instanceof ObjectNode values))
            throw HttpStatusException.invalidField(name(field), "expected an object");
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : values.properties()) {
            JsonNode value = entry.getValue();
            if (value.isNull()) continue;
            if (!value.isValueNode()) {
                throw HttpStatusException.invalidField(name(field) + "." + entry.getKey(), "expected a string");
            }
            map.put(entry.getKey(), value.asText());
        }
        return map;
    }

    /** An array of integers; empty when the field is absent. */
    public List<Long> longs(String field) {
        List<Long> values = new ArrayList<>();
        List<JsonNode> elements = array(field);
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            if (!element.isIntegralNumber() || !element.canConvertToLong()) {
                throw HttpStatusException.invalidField(name(field) + "[" + i + "]", "expected an integer");
            }
            values.add(element.longValue());
        }
        return values;
    }

    /** How many elements the array {@code field} has; 0 when absent. */
    public int arraySize(String field) {
        return array(field).size();
    }

    /** A nested object, read with its path ({@code data.payload.}); null when absent. */
    public JsonFields object(String field) {
        JsonNode node = present(field);
        if (node == null) return null;
        if (!(node instanceof ObjectNode nested))
            throw HttpStatusException.invalidField(name(field), "expected an object");
        return new JsonFields(nested, name(field) + ".");
    }

    /** An array of objects, each read with its path ({@code media[0].}); empty when the field is absent. */
    public List<JsonFields> objects(String field) {
        List<JsonFields> objects = new ArrayList<>();
        List<JsonNode> elements = array(field);
        for (int i = 0; i < elements.size(); i++) {
            String elementName = name(field) + "[" + i + "]";
            if (!(elements.get(i) instanceof ObjectNode element)) {
                throw HttpStatusException.invalidField(elementName, "expected an object");
            }
            objects.add(new JsonFields(element, elementName + "."));
        }
        return objects;
    }

    private List<JsonNode> array(String field) {
        JsonNode node = present(field);
        if (node == null) return List.of();
        if (!node.isArray()) throw HttpStatusException.invalidField(name(field), "expected an array");
        List<JsonNode> elements = new ArrayList<>(node.size());
        node.forEach(elements::add);
        return elements;
    }

    private JsonNode present(String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : node;
    }
}
