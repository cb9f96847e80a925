package io.customersegments.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request made with a valid API key: the key is the principal, its role gives the authorities. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final KeyHolder key;

    ApiKeyAuthentication(KeyHolder key) {
        super(key.role().authorities());
        this.key = key;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        // The secret is not kept past the check.
        return null;
    }

    @Override
    public KeyHolder getPrincipal() {
        return key;
    }

    @Override
    public String getName() {
        return key.name();
    }

}
