package io.breakwater.api;

import io.breakwater.storage.CrashIds;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Error bodies and crash-id parameters shared by the crash data endpoints. */
final class ApiErrors {

    private static final int MAX_ECHO = 100;

    private ApiErrors() {
    }

    static Response error(Response.Status status, String message) {
        return error(status, message, Map.of());
    }

    static Response error(Response.Status status, String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.putAll(extra);
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON).build();
    }

    /** The normalized crash id, or the 400 response explaining what is wrong with the parameter. */
    static Either crashId(String input) {
        if (input == null || input.isBlank()) {
            return new Either(null, error(Response.Status.BAD_REQUEST, "crash_id is required",
                    Map.of("parameter", "crash_id")));
        }
        Optional<String> id = CrashIds.normalize(input);
        if (id.isEmpty()) {
            return new Either(null, error(Response.Status.BAD_REQUEST, "crash_id '" + echo(input)
                            + "' is not a crash id: expected a UUID whose last six digits are the submission date "
                            + "(yymmdd), with or without the bp- prefix",
                    Map.of("parameter", "crash_id")));
        }
        return new Either(id.get(), null);
    }

    /** Either a value or the error response to return instead. */
    record Either(String value, Response error) {
    }

    /** User input in messages: bounded and printable. */
    static String echo(String input) {
        String s = input.length() > MAX_ECHO ? input.substring(0, MAX_ECHO) + "…" : input;
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return out.toString();
    }
}
