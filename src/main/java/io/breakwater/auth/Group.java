package io.breakwater.auth;

import io.breakwater.access.Permission;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** A named set of permissions; users hold the union of their groups' permissions. */
public record Group(long id, String name, String description, Set<Permission> permissions, int members) {

    public Group {
        permissions = permissions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
    }
}
