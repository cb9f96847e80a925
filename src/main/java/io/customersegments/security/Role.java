package io.customersegments.security;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a key may do. Each role includes the ones before it: a {@code READER} reads the live segments,
 * looks customers up, predicts and draws charts (the marketing apps); an {@code ANALYST} also uploads,
 * runs, publishes and reads everything; an {@code ADMIN} also deletes, manages keys and reads the audit.
 */
public enum Role {

    READER, ANALYST, ADMIN;

    /** The Spring Security authorities of this role: its own and those of every role it includes. */
    List<GrantedAuthority> authorities() {
        return java.util.Arrays.stream(values())
            .filter(role -> role.ordinal() <= ordinal())
            .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
            .toList();
    }

    boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

}
