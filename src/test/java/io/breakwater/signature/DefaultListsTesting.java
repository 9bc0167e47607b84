package io.breakwater.signature;

import java.util.ArrayList;
import java.util.List;

/** Builds realistic crashing stacks (top frame first) and runs Breakwater's default pipeline on them. */
final class DefaultListsTesting {

    static final SignatureGenerator GENERATOR = new SignatureGenerator(SignatureLists.defaults());

    private DefaultListsTesting() {
    }

    /** A frame written as {@code module!function}, {@code module@0xoffset}, or a bare function. */
    static Frame parse(String text, boolean rust) {
        int bang = text.indexOf('!');
        if (bang > 0) {
            String file = rust ? "/rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/std/src/lib.rs" : null;
            return Frame.ofFunction(text.substring(0, bang), text.substring(bang + 1), file, rust ? 1 : null);
        }
        int at = text.indexOf('@');
        if (at > 0 && !text.contains("(")) {
            return Frame.ofModuleOffset(text.substring(0, at), text.substring(at + 1), null);
        }
        return Frame.ofFunction(null, text, rust ? "/src/main.rs" : null, rust ? 1 : null);
    }

    static SignatureResult signature(String os, String... frames) {
        return generate(os, false, frames);
    }

    /** Frames whose files end in {@code .rs}, so Rust normalization applies. */
    static SignatureResult rustSignature(String... frames) {
        return generate("Linux", true, frames);
    }

    private static SignatureResult generate(String os, boolean rust, String... frames) {
        List<Frame> list = new ArrayList<>();
        for (String frame : frames) {
            list.add(parse(frame, rust));
        }
        return GENERATOR.generate(CrashData.of(os, 0, List.of(CrashThread.of(list))));
    }
}
