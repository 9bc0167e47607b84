package io.breakwater.signature;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Signature from a C/C++/Rust stack, as Socorro's {@code CSignatureTool}: normalize the first
 * {@value #MAXIMUM_FRAMES_TO_CONSIDER} frames (inline frames counted as frames, innermost first), start at
 * the first sentinel, skip irrelevant frames, and keep prefix frames until the first frame that is not a
 * prefix (inclusive). Frames without a function are the bare module name; a repeat of the previous kept
 * {@code .dll}, {@code .so}, {@code XUL}, {@code <name omitted>} or {@code <unknown in …>} frame is skipped.
 */
public final class StackSignatureTool {

    public static final int MAXIMUM_FRAMES_TO_CONSIDER = 40;
    public static final String DELIMITER = " | ";
    /** {@code libxul.so}, {@code libgtk-3.so.0}: a shared object's name, not a function that contains ".so". */
    private static final Pattern SHARED_OBJECT = Pattern.compile("\\.so(\\.[0-9.]+)?$");

    /** Outcome of one walk: signature (may be empty), user-facing notes and debug notes. */
    public record Walk(String signature, List<String> notes, List<String> debug) {
    }

    private final SignatureLists lists;
    private final FrameNormalizer normalizer;

    public StackSignatureTool(SignatureLists lists) {
        this.lists = lists;
        this.normalizer = new FrameNormalizer(lists);
    }

    /** Normalized frames of a thread; module names are lower-cased first when {@code lowerCaseModules}. */
    public List<String> createFrameList(CrashThread thread, boolean lowerCaseModules) {
        List<String> normalized = new ArrayList<>();
        if (thread == null) {
            return normalized;
        }
        for (Frame frame : thread.frames()) {
            if (frame == null) {
                continue;
            }
            String module = frame.module();
            if (lowerCaseModules && module != null) {
                module = module.toLowerCase(Locale.ROOT);
            }
            for (InlineFrame inline : frame.inlines()) {
                if (normalized.size() == MAXIMUM_FRAMES_TO_CONSIDER) {
                    return normalized;
                }
                if (inline == null) {
                    continue;
                }
                String function = FrameNormalizer.fixMissingModule(inline.file(), inline.function());
                normalized.add(normalizer.normalize(module, function, inline.file(), inline.line(),
                        frame.moduleOffset(), frame.offset(), List.of()));
            }
            if (normalized.size() == MAXIMUM_FRAMES_TO_CONSIDER) {
                return normalized;
            }
            String function = FrameNormalizer.fixMissingModule(frame.file(), frame.function());
            normalized.add(normalizer.normalize(module, function, frame.file(), frame.line(),
                    frame.moduleOffset(), frame.offset(), frame.unloadedModules()));
        }
        return normalized;
    }

    /**
     * Frames that only name a module ({@code .dll}, {@code .so}, {@code XUL}) or say the name is unknown:
     * a run of them says no more than one, so repeats are skipped as Socorro does.
     */
    static boolean collapsesWhenRepeated(String frame) {
        if (frame.startsWith("(unloaded")) {
            return false;
        }
        String lower = frame.toLowerCase(Locale.ROOT);
        return lower.contains(".dll") || SHARED_OBJECT.matcher(lower).find() || frame.equals("XUL")
                || frame.contains("<name omitted>") || frame.contains("<unknown in ");
    }

    /** Walks normalized frames; {@code crashedThread} only shapes the explanation of an empty result. */
    public Walk generate(List<String> frames, Integer crashedThread) {
        List<String> notes = new ArrayList<>();
        List<String> debug = new ArrayList<>();
        debug.add("using " + lists.source());

        List<String> source = frames;
        int sentinelAt = -1;
        for (SignatureLists.Sentinel sentinel : lists.sentinels()) {
            if (!sentinel.applies(frames)) {
                continue;
            }
            int at = frames.indexOf(sentinel.frame());
            if (at >= 0 && (sentinelAt < 0 || at < sentinelAt)) {
                sentinelAt = at;
            }
        }
        if (sentinelAt >= 0) {
            debug.add("sentinel; starting at \"" + frames.get(sentinelAt) + "\" index " + sentinelAt);
            source = frames.subList(sentinelAt, frames.size());
        }

        List<String> kept = new ArrayList<>();
        for (String frame : source) {
            if (lists.irrelevant().matches(frame)) {
                debug.add("irrelevant; ignoring: \"" + frame + "\"");
                continue;
            }
            String candidate = frame;
            if (!candidate.startsWith("(unloaded") && candidate.toLowerCase(Locale.ROOT).contains(".dll")) {
                int at = candidate.indexOf('@');
                if (at >= 0) {
                    candidate = candidate.substring(0, at);
                    debug.add("dll; trimmed \"" + frame + "\" to \"" + candidate + "\"");
                }
            }
            if (!kept.isEmpty() && candidate.equals(kept.get(kept.size() - 1)) && collapsesWhenRepeated(candidate)) {
                debug.add("same module as previous frame, skipping: \"" + frame + "\"");
                continue;
            }
            kept.add(candidate);
            if (!lists.prefix().matches(candidate)) {
                debug.add("not a prefix; stop: \"" + candidate + "\"");
                break;
            }
            debug.add("prefix; continue iterating: \"" + candidate + "\"");
        }

        String signature = String.join(DELIMITER, kept);
        if (signature.isEmpty()) {
            if (crashedThread == null) {
                notes.add("CSignatureTool: no crashing thread identified");
                signature = "EMPTY: no crashing thread identified";
            } else {
                notes.add("CSignatureTool: no frame data for crashing thread (" + crashedThread + ")");
                if (!source.isEmpty()) {
                    // Every frame was irrelevant: the top one is still better than nothing.
                    signature = source.get(0);
                    debug.add("all frames irrelevant; using the first: \"" + signature + "\"");
                } else {
                    signature = "EMPTY: no frame data available";
                }
            }
        }
        return new Walk(signature, notes, debug);
    }
}
