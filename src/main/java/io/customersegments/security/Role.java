package io.customersegments.security;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a key may do. Each role includes the ones before it: a {@code READER} reads the live segments,
 * looks customers up, predicts and draws charts (the marketing apps); an {@code ANALYST} also uploads,
 * runs, publishes and reads everything; an {@code ADMIN} also deletes, manages keys and reads the audit.
 */
public enum Role {

    READER, ANALYST, ADMIN;

    /** Each role's authorities, made once: every authenticated request asks for them. */
    private static final Map<Role, List<GrantedAuthority>> AUTHORITIES = new EnumMap<>(Role.class);

    static {
        for (Role role : values()) {
            AUTHORITIES.put(role, Arrays.stream(values())
                .filter(included -> role.includes(included))
                .<GrantedAuthority>map(included -> new SimpleGrantedAuthority("ROLE_" + included.name()))
                .toList());
        }
    }

    /** The Spring Security authorities of this role: its own and those of every role it includes. */
    List<GrantedAuthority> authorities() {
        return AUTHORITIES.get(this);
    }

    boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

}
