package io.customersegments.security;

import io.customersegments.web.ProblemException;

/** Revoking the only ADMIN key that is neither revoked nor expired would leave nobody able to manage the service. */
class LastAdminKeyException extends ProblemException {

    LastAdminKeyException(long id) {
        super(409, "last-admin-key", "The last ADMIN key", "Key " + id + " is the only ADMIN key that is neither revoked "
                + "nor expired: without it nobody could make or revoke keys, manage webhooks or delete anything. Make "
                + "another ADMIN key first (POST /api/keys with \"role\": \"ADMIN\"), then revoke this one with it.");
        with("keyId", id);
    }

}
