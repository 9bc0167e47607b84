package io.breakwater.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** What a request presents: an {@code Auth-Token} header or a session cookie. */
final class Credentials {

    private Credentials() {
    }

    static final class TokenRequest extends BaseAuthenticationRequest {
        final String token;

        TokenRequest(String token) {
            this.token = token;
        }
    }

    static final class SessionRequest extends BaseAuthenticationRequest {
        final String cookieValue;

        SessionRequest(String cookieValue) {
            this.cookieValue = cookieValue;
        }
    }
}
