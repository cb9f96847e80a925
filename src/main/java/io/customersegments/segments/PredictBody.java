package io.customersegments.segments;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a predict body token by token, keeping only the fields the run scores on (and externalId)
 * and stopping at the first customer beyond the cap: a document bound to a list of maps would hold
 * every field of every customer, twenty times its size in memory, before its length could be checked.
 */
final class PredictBody {

    /** Stands for a nested object or array, which can never be a feature's value. */
    static final String NESTED = "(an object or array)";

    private PredictBody() {
    }

    /**
     * The customers, each a map of the wanted fields present (numbers as {@code Number}, nulls kept,
     * nested values as {@link #NESTED}); a null or non-object element as null.
     *
     * @throws TooManyCustomersException at the first customer beyond {@code maxCustomers}
     * @throws InvalidCustomersException when the body is not one JSON array, or an externalId is not text or a number
     */
    static List<Map<String, Object>> read(JsonMapper json, InputStream body, Set<String> wanted, int maxCustomers) {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidCustomersException(List.of(Map.of("message",
                        "The body must be a JSON array of customers, e.g. [{\"externalId\": \"c1\", \"<feature>\": 1.5}]")));
            }
            List<Map<String, Object>> customers = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                if (customers.size() == maxCustomers) {
                    throw new TooManyCustomersException(maxCustomers);
                }
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    customers.add(null);
                    continue;
                }
                Map<String, Object> customer = new HashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (!wanted.contains(name)) {
                        parser.skipChildren();
                        continue;
                    }
                    customer.put(name, switch (value) {
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
                        case VALUE_TRUE, VALUE_FALSE -> value == JsonToken.VALUE_TRUE;
                        case VALUE_NULL -> null;
                        case START_OBJECT, START_ARRAY -> {
                            parser.skipChildren();
                            yield NESTED;
                        }
                        default -> parser.getString();
                    });
                }
                if (customer.get("externalId") == NESTED || customer.get("externalId") instanceof Boolean) {
                    throw new InvalidCustomersException(List.of(Map.of("index", String.valueOf(customers.size()),
                            "message", "customer " + customers.size() + ": externalId must be text or a number")));
                }
                customers.add(customer);
            }
            if (parser.nextToken() != null) {
                throw new InvalidCustomersException(List.of(Map.of("message",
                        "The body must be one JSON array of customers; something follows its closing bracket")));
            }
            return customers;
        }
    }

}
