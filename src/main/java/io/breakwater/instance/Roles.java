package io.breakwater.instance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.util.Set;

/**
 * What this instance does ({@code breakwater.roles}, {@code BREAKWATER_ROLES}): several instances can share
 * one PostgreSQL, object store and Elasticsearch and split the work. Default: everything.
 */
@ConfigMapping(prefix = "breakwater.roles")
public interface Roles {

    enum Role {
        /** {@code POST /submit} */
        COLLECTOR,
        /** the worker pool that processes queued crashes */
        PROCESSOR,
        /** Crash Stats pages and the API */
        WEB,
        /** scheduled maintenance (the job lock keeps each job to one instance at a time anyway) */
        JOBS
    }

    @WithParentName
    @WithDefault("collector,processor,web,jobs")
    Set<Role> roles();

    default boolean has(Role role) {
        return roles().contains(role);
    }
}
