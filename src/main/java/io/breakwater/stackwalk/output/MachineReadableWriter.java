package io.breakwater.stackwalk.output;

import io.breakwater.minidump.MinidumpModule;
import io.breakwater.stackwalk.CallStack;
import io.breakwater.stackwalk.ProcessState;

/**
 * Breakpad's {@code minidump_stackwalk -m} format: {@code OS|}, {@code CPU|}, {@code GPU|},
 * {@code Crash|} and {@code Module|} lines, a blank line, then
 * {@code thread|frame|module|function|file|line|offset} for the requesting thread first and then the
 * other threads.
 */
public final class MachineReadableWriter {

    private MachineReadableWriter() {}

    public static String write(ProcessState state) {
        StringBuilder sb = new StringBuilder(8192);
        BreakpadView view = new BreakpadView(state);
        sb.append("OS|").append(clean(SystemText.osName(state))).append('|')
          .append(clean(SystemText.breakpadOsVersion(state))).append('\n');
        sb.append("CPU|").append(clean(SystemText.cpuName(state))).append('|')
          .append(clean(SystemText.cpuInfo(state))).append('|').append(state.cpuCount()).append('\n');
        sb.append("GPU|||\n");
        sb.append("Crash|");
        if (state.crashed()) {
            sb.append(clean(state.crashReason())).append("|0x").append(Long.toHexString(state.crashAddress())).append('|');
        } else if (state.extras().assertion() != null && !state.extras().assertion().isEmpty()) {
            sb.append(clean(state.extras().assertion())).append("||");
        } else {
            sb.append("No crash||");
        }
        if (view.requestingThread >= 0) sb.append(view.requestingThread);
        sb.append('\n');

        MinidumpModule main = state.modules().mainModule();
        for (MinidumpModule m : state.modules().byAddress()) {
            sb.append("Module|").append(clean(BreakpadView.basename(m.codeFile()))).append('|')
              .append(clean(m.version() == null ? "" : m.version())).append('|')
              .append(clean(BreakpadView.basename(m.debugFile()))).append('|')
              .append(clean(m.debugId() == null ? "" : m.debugId())).append('|')
              .append(BreakpadView.hex8(m.baseAddress())).append('|')
              .append(BreakpadView.hex8(m.baseAddress() + m.size() - 1)).append('|')
              .append(main != null && m.baseAddress() == main.baseAddress() ? 1 : 0).append('\n');
        }
        sb.append('\n');
        if (view.requestingThread >= 0) thread(sb, view.requestingThread, view.threads.get(view.requestingThread));
        for (int i = 0; i < view.threads.size(); i++) {
            if (i != view.requestingThread) thread(sb, i, view.threads.get(i));
        }
        return sb.toString();
    }

    private static void thread(StringBuilder sb, int index, CallStack stack) {
        int n = 0;
        for (BreakpadView.Frame f : BreakpadView.frames(stack)) {
            sb.append(index).append('|').append(n++).append('|');
            if (f.module() != null) {
                sb.append(clean(BreakpadView.basename(f.module().codeFile())));
                if (f.function() != null && !f.function().isEmpty()) {
                    sb.append('|').append(clean(f.function()));
                    if (f.hasFile()) sb.append('|').append(clean(f.file())).append('|').append(f.line());
                    else sb.append("||");
                } else {
                    sb.append("|||");
                }
            } else {
                sb.append("|||");
            }
            sb.append('|').append(f.offsetText()).append('\n');
        }
    }

    /** Breakpad drops separators and newlines from fields. */
    static String clean(String s) {
        if (s == null) return "";
        if (s.indexOf('|') < 0 && s.indexOf('\n') < 0) return s;
        return s.replace("|", "").replace("\n", "");
    }
}
