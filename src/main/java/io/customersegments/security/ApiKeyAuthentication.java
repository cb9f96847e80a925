package io.customersegments.security;

import java.util.Collection;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * A request made with a valid API key: the key is the principal, its role gives the authorities. Immutable, so
 * one instance per key is made when the key is checked and shared by all its requests (making one per request
 * was a measurable part of a {@code GET /api/segments}).
 */
final class ApiKeyAuthentication implements Authentication {

    private static final long serialVersionUID = 1L;

    private final KeyHolder key;

    ApiKeyAuthentication(KeyHolder key) {
        this.key = key;
    }

    KeyHolder key() {
        return key;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return key.role().authorities();
    }

    @Override
    public Object getCredentials() {
        // The secret is not kept past the check.
        return null;
    }

    @Override
    public Object getDetails() {
        return null;
    }

    @Override
    public KeyHolder getPrincipal() {
        return key;
    }

    @Override
    public boolean isAuthenticated() {
        return true;
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        throw new IllegalArgumentException("An API key's authentication is shared and cannot be changed");
    }

    @Override
    public String getName() {
        return key.name();
    }

    @Override
    public String toString() {
        return "ApiKeyAuthentication[" + key.name() + ", " + key.role() + "]";
    }

}
