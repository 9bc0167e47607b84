package io.breakwater.symbolstore;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Other symbol servers asked for modules Breakwater has no symbols for (read-through, as Tecken does with
 * its upstreams): {@code GET <base>/<debug_file>/<debug_id>/<name>.sym}, first answer wins. A file is
 * accepted only when its MODULE line names the module asked for. Misses are remembered by the store's
 * miss cache like any other.
 */
final class UpstreamSymbols {

    private static final Logger LOG = Logger.getLogger(UpstreamSymbols.class);

    private final List<String> bases;
    private final Duration timeout;
    private final HttpClient http;

    UpstreamSymbols(List<String> bases, Duration timeout) {
        this.bases = bases.stream().map(String::strip).filter(b -> !b.isEmpty())
                .map(b -> b.endsWith("/") ? b : b + "/").toList();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    boolean enabled() {
        return !bases.isEmpty();
    }

    /** The module's symbol file from the first upstream that has it, in a temporary file the caller deletes. */
    Optional<Path> fetch(SymbolKey key) {
        for (String base : bases) {
            URI uri = URI.create(base + encode(key.debugFile()) + "/" + encode(key.debugId()) + "/"
                    + encode(key.symbolFileName()));
            try {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    r.body().close();
                    continue;
                }
                Path file = Files.createTempFile("upstream-symbols-", ".sym");
                try (InputStream in = r.body()) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                if (names(file, key)) {
                    LOG.infof("symbols for %s came from %s", key, base);
                    return Optional.of(file);
                }
                Files.deleteIfExists(file);
                LOG.warnf("%s answered for %s with a file that is not its symbols", base, key);
            } catch (IOException e) {
                LOG.debugf("upstream %s not reachable for %s: %s", base, key, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean names(Path file, SymbolKey key) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4096);
            String first = new String(head, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            String[] fields = first.split(" ", 5);
            return fields.length == 5 && fields[0].equals("MODULE") && fields[3].equalsIgnoreCase(key.debugId())
                    && fields[4].strip().equals(key.debugFile());
        }
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
