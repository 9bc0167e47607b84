package io.breakwater.collector;

import java.nio.file.Path;

/** A dump read from the request into a temporary file, with its size and SHA-256 (hex). */
public record ReceivedDump(String name, Path file, long size, String sha256) {
}
