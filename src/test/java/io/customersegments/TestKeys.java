package io.customersegments;

/**
 * The keys the tests use. Every test service starts with {@link #ADMIN} as its bootstrap key (made when the test
 * schema has no key yet), and {@link Api} sends it unless told otherwise.
 */
public final class TestKeys {

    /** The test schema's first ADMIN key: 40 characters, as a bootstrap key must have at least 32. */
    public static final String ADMIN = "cs_test-admin-key-0123456789abcdefghijkl";

    private TestKeys() {
    }

    /** A request builder that sends the ADMIN key. */
    public static java.net.http.HttpRequest.Builder request(java.net.URI uri) {
        return java.net.http.HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + ADMIN);
    }

    /** The header line a raw HTTP/1.1 request sends the ADMIN key with (CRLF included). */
    public static final String AUTHORIZATION_LINE = "Authorization: Bearer " + ADMIN + "\r\n";

}
