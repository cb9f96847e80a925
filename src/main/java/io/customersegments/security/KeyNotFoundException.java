package io.customersegments.security;

import io.customersegments.web.ProblemException;

class KeyNotFoundException extends ProblemException {

    KeyNotFoundException(long id) {
        super(404, "not-found", "Key not found", "There is no API key " + id + ".");
        with("keyId", id);
    }

}
