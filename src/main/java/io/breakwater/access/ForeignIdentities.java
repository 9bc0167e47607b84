package io.breakwater.access;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Roles count only when Breakwater granted them. An identity from elsewhere (the single sign-on provider's,
 * whose tokens may carry a "groups" claim naming, say, {@code admin}) keeps its principal but loses its
 * roles, so {@code @RolesAllowed} never trusts a provider's idea of permissions.
 */
@ApplicationScoped
public class ForeignIdentities implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(Identities.CALLER) != null || identity.getRoles().isEmpty()) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder stripped = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes());
        return Uni.createFrom().item(stripped.build());
    }
}
