package io.breakwater.queue;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One queued crash. For a {@link QueueState#CLAIMED} item, {@code availableAt} is the lease expiry and
 * {@code claimToken} identifies this particular claim: completing, failing or releasing needs it, so a
 * worker whose lease expired cannot disturb the worker that claimed the item after it.
 */
public record QueueItem(
        long id,
        String crashId,
        Lane lane,
        String ruleset,
        QueueState state,
        int attempts,
        Instant availableAt,
        String leaseOwner,
        UUID claimToken,
        String lastError,
        Instant enqueuedAt) {

    public Optional<String> rulesetName() {
        return Optional.ofNullable(ruleset);
    }

    public Instant leaseExpiresAt() {
        return availableAt;
    }
}
