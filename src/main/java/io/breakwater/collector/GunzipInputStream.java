package io.breakwater.collector;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Gzip decoding where every format error becomes {@code 400 malformed_bad_gzip}, while limit
 * violations and client failures from below pass through unchanged.
 */
final class GunzipInputStream extends InputStream {

    private final InputStream compressed;
    private GZIPInputStream gzip;

    GunzipInputStream(InputStream compressed) {
        this.compressed = compressed;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            if (gzip == null) {
                // The constructor reads the gzip header, so it belongs inside the error translation.
                gzip = new GZIPInputStream(compressed, 16 * 1024);
            }
            return gzip.read(b, off, len);
        } catch (PayloadRejectedException | ClientStreamException e) {
            throw e;
        } catch (IOException e) {
            throw PayloadRejectedException.malformed("bad_gzip");
        }
    }

    @Override
    public void close() throws IOException {
        compressed.close();
    }
}
