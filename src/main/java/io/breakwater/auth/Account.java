package io.breakwater.auth;

import java.time.Instant;
import java.util.List;

/** A person who can sign in (or own API tokens). Groups are listed by name. */
public record Account(long id, String email, String displayName, boolean superuser, boolean active,
                      boolean hasPassword, String oidcSubject, Instant createdAt, Instant lastLoginAt,
                      List<String> groups) {

    public Account {
        groups = List.copyOf(groups);
    }

    public String label() {
        return displayName == null || displayName.isBlank() ? email : displayName + " <" + email + ">";
    }
}
