package io.breakwater.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the crash bucket answers. */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {

    @Inject
    ObjectStore store;

    @Inject
    S3Config config;

    @Override
    public HealthCheckResponse call() {
        boolean up = store.ping();
        return HealthCheckResponse.named("object-storage")
                .status(up)
                .withData("endpoint", config.endpoint().orElse("<unset>"))
                .withData("bucket", config.bucket())
                .build();
    }
}
