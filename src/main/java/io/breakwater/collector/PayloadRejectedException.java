package io.breakwater.collector;

import java.io.IOException;

/**
 * The submission is refused with a definite HTTP answer. An {@link IOException} so it can travel up
 * through stream layers (gzip, limits) unchanged.
 */
public class PayloadRejectedException extends IOException {

    private final int status;
    private final String reason;

    protected PayloadRejectedException(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    /** 400 {@code Discarded=malformed_<reason>}: the crash reporter should not send it again. */
    public static PayloadRejectedException malformed(String reason) {
        return new PayloadRejectedException(400, "malformed_" + reason, "malformed payload: " + reason);
    }

    /** 413 {@code Discarded=<reason>}: over one of the size limits. */
    public static PayloadRejectedException tooLarge(String reason) {
        return new PayloadRejectedException(413, reason, "payload too large: " + reason);
    }

    public static PayloadRejectedException unsupportedEncoding(String encoding) {
        return new PayloadRejectedException(415, "unsupported_content_encoding",
                "unsupported Content-Encoding: " + encoding);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** Response body, Antenna style. */
    public String responseBody() {
        return "Discarded=" + reason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Expected outcome of bad input, not a bug: no stack trace needed.
        return this;
    }
}
