package io.breakwater.symbolstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Fetches an upload that a client named by URL (Tecken's upload by download URL): only from configured
 * hosts, following redirects only to those hosts, never larger than the upload limit. The host list is
 * what keeps the server from being used to reach addresses of the operator's network.
 */
final class SymbolDownloads {

    static final int MAX_REDIRECTS = 5;

    private final List<String> hosts;
    private final HttpClient http;

    SymbolDownloads(List<String> hosts) {
        this.hosts = hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    boolean enabled() {
        return !hosts.isEmpty();
    }

    /** Downloads {@code url} into {@code target}; returns the size. */
    long fetch(String url, Path target, long maxBytes) throws UploadRejectedException {
        if (!enabled()) {
            throw new UploadRejectedException(400, "uploading by URL is off on this server (breakwater.symbols.upload."
                    + "download-hosts lists the hosts it may download from)", null);
        }
        URI uri = check(url);
        try {
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10))
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                int status = r.statusCode();
                if (status >= 300 && status < 400 && r.headers().firstValue("Location").isPresent()) {
                    r.body().close();
                    uri = check(uri.resolve(r.headers().firstValue("Location").get()).toString());
                    continue;
                }
                if (status != 200) {
                    r.body().close();
                    throw new UploadRejectedException(400, "downloading " + uri + " answered " + status, null);
                }
                long size = 0;
                try (InputStream in = r.body(); OutputStream out = Files.newOutputStream(target)) {
                    byte[] buf = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        size += n;
                        if (size > maxBytes) {
                            throw new UploadRejectedException(413, "the download is larger than the limit of " + maxBytes
                                    + " bytes", null);
                        }
                        out.write(buf, 0, n);
                    }
                }
                return size;
            }
        } catch (IOException e) {
            throw new UploadRejectedException(400, "downloading " + url + " failed: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UploadRejectedException(503, "interrupted while downloading " + url, null);
        }
        throw new UploadRejectedException(400, "downloading " + url + " took more than " + MAX_REDIRECTS + " redirects",
                null);
    }

    private URI check(String url) throws UploadRejectedException {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new UploadRejectedException(400, "\"" + UploadRejectedException.printable(url) + "\" is not a URL", null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new UploadRejectedException(400, "only http and https URLs can be downloaded", null);
        }
        if (uri.getUserInfo() != null || !hosts.contains(host)) {
            throw new UploadRejectedException(400, "this server does not download from " + (host.isEmpty() ? url : host)
                    + "; allowed hosts: " + String.join(", ", hosts), null);
        }
        return uri;
    }
}
