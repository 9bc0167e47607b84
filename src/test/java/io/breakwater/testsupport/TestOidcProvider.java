package io.breakwater.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small but real OpenID Connect provider for the single sign-on tests (no identity provider can be
 * installed here): discovery, JWKS, an authorization endpoint that signs in whoever
 * {@link #nextUser} names, and a token endpoint issuing RS256-signed ID tokens, over real HTTP.
 */
public class TestOidcProvider implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "breakwater-test";
    public static final String CLIENT_SECRET = "test-client-secret";
    /** JVM-wide, so that the test (another class loader) can say who signs in next. */
    static final String NEXT_USER = "breakwater.test.oidc.next-user";

    private HttpServer server;
    private RsaJsonWebKey key;
    private String issuer;
    private final Map<String, String[]> codes = new ConcurrentHashMap<>();

    /** The identity the provider vouches for at the next authorization: subject, e-mail, verified, groups. */
    public static void nextUser(String subject, String email, boolean verified, String groups) {
        System.setProperty(NEXT_USER, String.join("|", subject, email, Boolean.toString(verified), groups));
    }

    @Override
    public Map<String, String> start() {
        try {
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-key");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JoseException | IOException e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/.well-known/openid-configuration", ex -> json(ex, 200, "{"
                + "\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        server.createContext("/jwks", ex -> json(ex, 200,
                new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("breakwater.auth.oidc.enabled", "true");
        config.put("quarkus.oidc.auth-server-url", issuer);
        config.put("quarkus.oidc.client-id", CLIENT_ID);
        config.put("quarkus.oidc.credentials.secret", CLIENT_SECRET);
        return config;
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))) {
            json(ex, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new String[] {System.getProperty(NEXT_USER, "nobody|nobody@test.example|false|"),
                q.get("nonce"), q.get("redirect_uri")});
        String location = q.get("redirect_uri") + (q.get("redirect_uri").contains("?") ? "&" : "?") + "code=" + code
                + "&state=" + URLEncoder.encode(q.getOrDefault("state", ""), StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        boolean authenticated = basic.equals(ex.getRequestHeaders().getFirst("Authorization"))
                || CLIENT_SECRET.equals(form.get("client_secret"));
        String[] grant = codes.remove(form.getOrDefault("code", ""));
        if (!authenticated || grant == null || !"authorization_code".equals(form.get("grant_type"))) {
            json(ex, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        String[] user = grant[0].split("\\|", -1);
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setAudience(CLIENT_ID);
            claims.setSubject(user[0]);
            claims.setClaim("email", user[1]);
            claims.setClaim("email_verified", Boolean.parseBoolean(user[2]));
            claims.setClaim("name", "SSO " + user[0]);
            if (!user[3].isEmpty()) {
                claims.setStringListClaim("groups", user[3].split(","));
            }
            if (grant[1] != null) {
                claims.setClaim("nonce", grant[1]);
            }
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(10);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            String idToken = jws.getCompactSerialization();
            json(ex, 200, "{\"access_token\":\"at-" + UUID.randomUUID() + "\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":600,\"id_token\":\"" + idToken + "\"}");
        } catch (JoseException e) {
            json(ex, 500, "{\"error\":\"server_error\"}");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
