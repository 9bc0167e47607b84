package io.breakwater.collector;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts bytes and refuses to read past a limit, so an oversized body is stopped while streaming
 * (after reading at most {@code limit + 1} bytes). Optionally marks failures of the source as
 * {@link ClientStreamException} so layers above can tell them from format errors.
 */
final class CountingLimitInputStream extends FilterInputStream {

    private final long limit;
    private final String reasonWhenExceeded;
    private final boolean isRequestSource;
    private long count;

    CountingLimitInputStream(InputStream in, long limit, String reasonWhenExceeded, boolean isRequestSource) {
        super(in);
        this.limit = limit;
        this.reasonWhenExceeded = reasonWhenExceeded;
        this.isRequestSource = isRequestSource;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        // Read at most one byte beyond the limit: enough to know it is exceeded.
        long allowed = limit - count + 1;
        int want = (int) Math.min(len, Math.max(1, allowed));
        int n;
        try {
            n = super.read(b, off, want);
        } catch (PayloadRejectedException | ClientStreamException e) {
            throw e;
        } catch (IOException e) {
            if (isRequestSource) {
                throw new ClientStreamException(e);
            }
            throw e;
        }
        if (n > 0) {
            count += n;
            if (count > limit) {
                throw PayloadRejectedException.tooLarge(reasonWhenExceeded);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
