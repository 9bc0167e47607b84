package io.breakwater.stackwalk.conformance;

/** Frames (or fields) matched out of frames compared, accumulated per reference. */
final class MatchRate {

    long compared;
    long matched;

    void add(boolean match) {
        compared++;
        if (match) matched++;
    }

    void add(MatchRate other) {
        compared += other.compared;
        matched += other.matched;
    }

    double rate() { return compared == 0 ? 1.0 : (double) matched / compared; }

    @Override
    public String toString() {
        return String.format("%d/%d (%.2f%%)", matched, compared, 100.0 * rate());
    }
}
