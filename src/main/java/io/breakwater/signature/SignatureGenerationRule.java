package io.breakwater.signature;

import java.util.List;

/**
 * The base signature: from the {@code JavaStackTrace} annotation when there is one, else from the
 * crashing thread's frames (see {@link StackSignatureTool}). Also records {@code proto_signature} and
 * {@code normalized_frames}.
 */
public final class SignatureGenerationRule implements SignatureRule {

    private final StackSignatureTool stackTool;
    private final JavaSignatureTool javaTool = new JavaSignatureTool();

    public SignatureGenerationRule(SignatureLists lists) {
        this.stackTool = new StackSignatureTool(lists);
    }

    @Override
    public void action(CrashData crash, SignatureState state) {
        String javaStackTrace = crash.javaStackTrace();
        if (javaStackTrace != null) {
            state.debug(name(), "using JavaSignatureTool");
            JavaSignatureTool.JavaSignature java = javaTool.generate(javaStackTrace, ": ");
            java.notes().forEach(note -> state.info(name(), note));
            state.setSignature(name(), java.signature());
            return;
        }

        state.debug(name(), "using CSignatureTool");
        Integer crashingThread = crash.crashingThread();
        if (crashingThread == null) {
            // Socorro reads a missing crashing thread as thread 0.
            state.debug(name(), "no crashing thread given; using thread 0");
            crashingThread = 0;
        }
        CrashThread thread = crash.thread(crashingThread);
        if (thread == null) {
            state.debug(name(), "crashing thread " + crashingThread + " is not among the " + crash.threads().size() + " threads");
        }
        boolean windows = CrashData.WINDOWS_NT.equals(crash.os());
        if (windows) {
            state.debug(name(), "Windows NT: module names lower-cased");
        }
        List<String> frames = stackTool.createFrameList(thread, windows);
        StackSignatureTool.Walk walk = stackTool.generate(frames, crashingThread);

        if (!frames.isEmpty()) {
            state.putExtra("proto_signature", String.join(StackSignatureTool.DELIMITER, frames));
            state.putExtra("normalized_frames", List.copyOf(frames));
        }
        walk.notes().forEach(note -> state.info(name(), note));
        walk.debug().forEach(line -> state.debug(name(), line));
        if (!walk.signature().isEmpty()) {
            state.setSignature(name(), walk.signature());
        }
    }
}
