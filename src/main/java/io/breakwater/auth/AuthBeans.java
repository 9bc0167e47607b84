package io.breakwater.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** CDI wiring of the plain classes here. */
public class AuthBeans {

    @Produces
    @ApplicationScoped
    PasswordHasher passwordHasher(AuthConfig config) {
        return new PasswordHasher(config.bcryptCost());
    }
}
