package io.breakwater.collector;

import java.io.IOException;

/** Reading the request body itself failed (client went away, connection reset). */
public class ClientStreamException extends IOException {

    public ClientStreamException(IOException cause) {
        super("request body could not be read: " + cause.getMessage(), cause);
    }
}
