package io.breakwater.auth;

import io.breakwater.access.Permission;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * An API token as listed (never its secret). {@code permissions} are what it was given; at each use it
 * holds only those its owner still has.
 */
public record ApiToken(long id, long accountId, String accountEmail, String hint, String note,
                       Set<Permission> permissions, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                       Instant revokedAt) {

    public ApiToken {
        permissions = permissions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
    }

    public enum Status {
        ACTIVE, EXPIRED, REVOKED
    }

    public Status status(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return expiresAt.isAfter(now) ? Status.ACTIVE : Status.EXPIRED;
    }
}
