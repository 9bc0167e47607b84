package io.breakwater.search;

/** A Super Search request that cannot be run as given: 400, or 403 for a protected field. */
public class SuperSearchException extends RuntimeException {

    private final int status;
    private final String parameter;

    public SuperSearchException(int status, String parameter, String message) {
        super(message);
        this.status = status;
        this.parameter = parameter;
    }

    public static SuperSearchException badRequest(String parameter, String message) {
        return new SuperSearchException(400, parameter, message);
    }

    public static SuperSearchException forbidden(String parameter, String message) {
        return new SuperSearchException(403, parameter, message);
    }

    public int status() {
        return status;
    }

    /** The offending query parameter, or null. */
    public String parameter() {
        return parameter;
    }
}
